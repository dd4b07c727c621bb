namespace Telepath.Media.Hosting;

/// <summary>The SIP server's settings, bound from <c>Telepath:Sip</c>.</summary>
public sealed class SipOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telepath:Sip";

    /// <summary>Gets or sets the SIP domain, which is also the digest realm. Default <c>localhost</c>.</summary>
    public string Domain { get; set; } = "localhost";

    /// <summary>Gets or sets the address to listen on. Default <c>0.0.0.0</c> (all IPv4 interfaces).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Gets or sets the port for UDP and TCP; 0 picks a free one (tests). Default 5060.</summary>
    public int Port { get; set; } = 5060;

    /// <summary>Gets or sets a value indicating whether to listen on UDP. Default true.</summary>
    public bool Udp { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether to listen on TCP. Default true.</summary>
    public bool Tcp { get; set; } = true;

    /// <summary>
    /// Gets or sets the address put in SDP c= lines and Contact headers. Default: the listen address, or
    /// 127.0.0.1 when listening on any address.
    /// </summary>
    public string? MediaAddress { get; set; }

    /// <summary>Gets or sets the digest nonce HMAC secret (at least 32 characters). Required; the silo persists one.</summary>
    public string NonceSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether to challenge with 401/WWW-Authenticate (true) or 407/Proxy-Authenticate. Default true.</summary>
    public bool ChallengeWith401 { get; set; } = true;

    /// <summary>
    /// Gets or sets the digest algorithms challenged with, one WWW-Authenticate each, most preferred first
    /// (RFC 8760 §2.4). Default <c>MD5</c>: responses with MD5 or SHA-256 are verified either way, but offering a
    /// SHA-256 challenge breaks common UACs — libre-based ones (baresip 1.x) abandon the call on any non-MD5
    /// challenge, and SIPp 3.6 reads only the first. Set <c>SHA-256,MD5</c> where every carrier handles RFC 8760.
    /// </summary>
    public string DigestAlgorithms { get; set; } = "MD5";

    /// <summary>Gets or sets how many failed digest attempts one Call-ID gets before a 403. Default 3.</summary>
    public int MaxAuthAttempts { get; set; } = 3;

    /// <summary>Gets or sets RFC 3261 T1, the RTT estimate. Default 500 ms.</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets RFC 3261 T2, the retransmit interval cap. Default 4 s.</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Gets or sets RFC 3261 T4, the network lifetime of a message. Default 5 s.</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the timer wheel tick. Default 5 ms.</summary>
    public TimeSpan TimerTick { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Gets or sets the cap on live transactions; beyond it requests get 503. Default 50 000.</summary>
    public int MaxTransactions { get; set; } = 50_000;

    /// <summary>Gets or sets the cap on live server transactions per source address. Default 20 000.</summary>
    public int MaxTransactionsPerSource { get; set; } = 20_000;

    /// <summary>Gets or sets the Retry-After of a 503 for overload or drain, in seconds. Default 5.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Gets or sets the cap on TCP connections. Default 1024.</summary>
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>Gets or sets how long a silent TCP connection stays open. Default 5 minutes.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the largest SIP message accepted, in bytes. Default 65 536.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets how long a drain lets live calls run before BYE with <c>system_shutdown</c>. Default 30 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the session interval (RFC 4028) we ask for when the caller supports session timers but proposed
    /// none, and the longest one we accept: a longer proposal is reduced to it, so a dialog whose far end lost its
    /// state is found within this time. Default 30 minutes.
    /// </summary>
    public TimeSpan SessionExpires { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets the shortest session interval we accept (our Min-SE, RFC 4028 §5); shorter proposals from a
    /// caller that supports session timers get 422 Session Interval Too Small. At least 90 s. Default 90 s.
    /// </summary>
    public TimeSpan MinSessionExpires { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets the Server / User-Agent header value. Default <c>Telepath</c>.</summary>
    public string ServerName { get; set; } = "Telepath";

    /// <inheritdoc />
    public override string ToString() => $"SipOptions {{ Domain = {Domain}, Listen = {ListenAddress}:{Port}, NonceSecret = [redacted] }}";
}
