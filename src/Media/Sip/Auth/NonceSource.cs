using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.Media.Sip.Auth;

/// <summary>
/// Issues and validates digest nonces without shared state: a nonce is
/// base64url(issued-at ticks ‖ 96 random bits ‖ first 128 bits of HMAC-SHA256(secret, both)), so every silo holding
/// the configured secret can check it (RFC 7616 §3.3 leaves the nonce format to the server and suggests a timestamp
/// and a private key). Freshness comes from the injected <see cref="TimeProvider"/>. Replay protection (nc must grow)
/// is per silo, in a bounded cache; a replay sent to a different silo than the original is not detected.
/// </summary>
public sealed class NonceSource
{
    private const int TimestampLength = 8;
    private const int RandomLength = 12;
    private const int SignedLength = TimestampLength + RandomLength;
    private const int MacLength = 16;
    private const int RawLength = SignedLength + MacLength;

    /// <summary>Length of every nonce we issue, in characters (36 bytes in base64url, no padding).</summary>
    public const int NonceLength = RawLength / 3 * 4;

    // Base64Url.TryDecodeFromChars throws (rather than returning false) on characters outside its alphabet.
    private static readonly SearchValues<char> s_base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private readonly long _lifetimeTicks;
    private readonly long _maxSkewTicks;
    private readonly NonceReplayCache _replayCache;

    /// <summary>Creates a nonce source; throws on a missing or short secret (a configuration error).</summary>
    public NonceSource(NonceSourceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (string.IsNullOrEmpty(options.Secret) || options.Secret.Length < 32)
        {
            throw new ArgumentException("The digest nonce secret must be at least 32 characters.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Lifetime, TimeSpan.Zero, nameof(options));
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(options.Secret));
        _timeProvider = timeProvider;
        _lifetimeTicks = options.Lifetime.Ticks;
        _maxSkewTicks = options.MaxClockSkew.Ticks;
        _replayCache = new NonceReplayCache(options.ReplayCacheCapacity);
    }

    /// <summary>Number of nonces the replay cache currently remembers.</summary>
    internal int RememberedNonces => _replayCache.Count;

    /// <summary>A fresh nonce for a challenge.</summary>
    public string CreateNonce()
    {
        Span<byte> raw = stackalloc byte[RawLength];
        BinaryPrimitives.WriteInt64BigEndian(raw, _timeProvider.GetUtcNow().UtcTicks);
        RandomNumberGenerator.Fill(raw.Slice(TimestampLength, RandomLength));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, raw[..SignedLength], mac);
        mac[..MacLength].CopyTo(raw[SignedLength..]);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>Checks that a nonce is ours and fresh.</summary>
    public NonceStatus Validate(ReadOnlySpan<char> nonce) => Validate(nonce, out _);

    /// <summary>Checks that a nonce is ours and fresh, returning when it was issued.</summary>
    internal NonceStatus Validate(ReadOnlySpan<char> nonce, out long issuedAtTicks)
    {
        issuedAtTicks = 0;
        Span<byte> raw = stackalloc byte[RawLength];
        if (nonce.Length != NonceLength
            || nonce.ContainsAnyExcept(s_base64UrlAlphabet)
            || !Base64Url.TryDecodeFromChars(nonce, raw, out var written)
            || written != RawLength)
        {
            return NonceStatus.Invalid;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, raw[..SignedLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], raw[SignedLength..]))
        {
            return NonceStatus.Invalid;
        }

        issuedAtTicks = BinaryPrimitives.ReadInt64BigEndian(raw);
        var now = _timeProvider.GetUtcNow().UtcTicks;
        if (issuedAtTicks > now + _maxSkewTicks)
        {
            return NonceStatus.Invalid;
        }

        return now - issuedAtTicks > _lifetimeTicks ? NonceStatus.Stale : NonceStatus.Valid;
    }

    /// <summary>Records a verified request's nonce-count; call only after the response digest matched.</summary>
    internal NonceCountOutcome RecordNonceCount(string nonce, long issuedAtTicks, uint nonceCount) =>
        _replayCache.Record(nonce, issuedAtTicks, nonceCount, _timeProvider.GetUtcNow().UtcTicks - _lifetimeTicks);

    /// <summary>
    /// A stable, secret-derived stand-in HA1 for a user that does not exist, so the unknown-user path hashes exactly
    /// as much as the known-user path and answers the same way.
    /// </summary>
    internal string ComputeDummyHa1(DigestAlgorithm algorithm, string username)
    {
        var input = Encoding.UTF8.GetBytes("telepath-dummy-ha1:" + algorithm.BaseAlgorithm().ToToken() + ":" + username);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, input, mac);
        return Convert.ToHexStringLower(mac[..(algorithm.HexLength() / 2)]);
    }
}
