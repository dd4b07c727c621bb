using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Telepath.Media.Bridge;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Hosting;

/// <summary>
/// Binds <see cref="SipOptions"/> and <see cref="RtpOptions"/> from configuration by hand: the media assembly
/// has only the configuration abstractions, not the reflection binder. Missing keys keep their defaults;
/// malformed values throw at start-up (misconfiguration).
/// </summary>
internal static class MediaOptionsBinder
{
    /// <summary>Copies the values under <c>Telepath:Sip</c> onto <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, SipOptions options)
    {
        IConfigurationSection s = configuration.GetSection(SipOptions.SectionName);
        options.Domain = s[nameof(SipOptions.Domain)] ?? options.Domain;
        options.ListenAddress = s[nameof(SipOptions.ListenAddress)] ?? options.ListenAddress;
        options.Port = Int(s, nameof(SipOptions.Port), options.Port);
        options.Udp = Bool(s, nameof(SipOptions.Udp), options.Udp);
        options.Tcp = Bool(s, nameof(SipOptions.Tcp), options.Tcp);
        options.MediaAddress = s[nameof(SipOptions.MediaAddress)] ?? options.MediaAddress;
        options.NonceSecret = s[nameof(SipOptions.NonceSecret)] ?? options.NonceSecret;
        options.ChallengeWith401 = Bool(s, nameof(SipOptions.ChallengeWith401), options.ChallengeWith401);
        options.DigestAlgorithms = s[nameof(SipOptions.DigestAlgorithms)] ?? options.DigestAlgorithms;
        options.MaxAuthAttempts = Int(s, nameof(SipOptions.MaxAuthAttempts), options.MaxAuthAttempts);
        options.T1 = Time(s, nameof(SipOptions.T1), options.T1);
        options.T2 = Time(s, nameof(SipOptions.T2), options.T2);
        options.T4 = Time(s, nameof(SipOptions.T4), options.T4);
        options.TimerTick = Time(s, nameof(SipOptions.TimerTick), options.TimerTick);
        options.MaxTransactions = Int(s, nameof(SipOptions.MaxTransactions), options.MaxTransactions);
        options.MaxTransactionsPerSource = Int(s, nameof(SipOptions.MaxTransactionsPerSource), options.MaxTransactionsPerSource);
        options.RetryAfterSeconds = Int(s, nameof(SipOptions.RetryAfterSeconds), options.RetryAfterSeconds);
        options.MaxTcpConnections = Int(s, nameof(SipOptions.MaxTcpConnections), options.MaxTcpConnections);
        options.TcpIdleTimeout = Time(s, nameof(SipOptions.TcpIdleTimeout), options.TcpIdleTimeout);
        options.MaxMessageBytes = Int(s, nameof(SipOptions.MaxMessageBytes), options.MaxMessageBytes);
        options.DrainTimeout = Time(s, nameof(SipOptions.DrainTimeout), options.DrainTimeout);
        options.SessionExpires = Time(s, nameof(SipOptions.SessionExpires), options.SessionExpires);
        options.MinSessionExpires = Time(s, nameof(SipOptions.MinSessionExpires), options.MinSessionExpires);
        options.ServerName = s[nameof(SipOptions.ServerName)] ?? options.ServerName;
    }

    /// <summary>Copies the values under <c>Telepath:Rtp</c> onto <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, RtpOptions options)
    {
        IConfigurationSection s = configuration.GetSection(RtpOptions.SectionName);
        options.PortRangeStart = Int(s, nameof(RtpOptions.PortRangeStart), options.PortRangeStart);
        options.PortRangeEnd = Int(s, nameof(RtpOptions.PortRangeEnd), options.PortRangeEnd);
        options.MediaTimeout = Time(s, nameof(RtpOptions.MediaTimeout), options.MediaTimeout);
        options.EpollReceive = Bool(s, nameof(RtpOptions.EpollReceive), options.EpollReceive);
        options.KernelArrivalTimestamps = Bool(s, nameof(RtpOptions.KernelArrivalTimestamps), options.KernelArrivalTimestamps);
        options.ReceiveThreads = Int(s, nameof(RtpOptions.ReceiveThreads), options.ReceiveThreads);
        options.RealtimeThreads = Bool(s, nameof(RtpOptions.RealtimeThreads), options.RealtimeThreads);
        options.CoalesceWindow = Time(s, nameof(RtpOptions.CoalesceWindow), options.CoalesceWindow);
    }

    /// <summary>Copies the values under <c>Telepath:Bridge</c> onto <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, BridgeOptions options)
    {
        IConfigurationSection s = configuration.GetSection(BridgeOptions.SectionName);
        options.CheckpointInterval = Time(s, nameof(BridgeOptions.CheckpointInterval), options.CheckpointInterval);
        options.HangupPlayoutTimeout = Time(s, nameof(BridgeOptions.HangupPlayoutTimeout), options.HangupPlayoutTimeout);
        options.MaxPlayoutBacklog = Time(s, nameof(BridgeOptions.MaxPlayoutBacklog), options.MaxPlayoutBacklog);
    }

    /// <summary>The RTP engine's settings: the media port range and timeout, bound where SIP listens.</summary>
    public static RtpEngineOptions ToEngineOptions(SipOptions sip, RtpOptions rtp) => new()
    {
        BindAddress = IPAddress.Parse(sip.ListenAddress),
        FirstPort = rtp.PortRangeStart,
        LastPort = rtp.PortRangeEnd,
        MediaTimeout = rtp.MediaTimeout,
        EpollReceive = rtp.EpollReceive,
        KernelArrivalTimestamps = rtp.KernelArrivalTimestamps,
        ReceiveThreads = rtp.ReceiveThreads,
        RealtimeThreads = rtp.RealtimeThreads,
        CoalesceWindow = rtp.CoalesceWindow,
    };

    private static int Int(IConfigurationSection section, string key, int fallback) =>
        section[key] is string text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    private static bool Bool(IConfigurationSection section, string key, bool fallback) =>
        section[key] is string text ? bool.Parse(text) : fallback;

    private static TimeSpan Time(IConfigurationSection section, string key, TimeSpan fallback) =>
        section[key] is string text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
