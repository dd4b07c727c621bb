using System.Security.Cryptography;

namespace Telepath.Grains.Abstractions.Identifiers;

/// <summary>
/// Mints resource ids: a type prefix plus a ULID (48-bit millisecond time, 80 random bits, Crockford base32), so ids
/// sort by creation time and carry no hex-only form (Orleans' ADO.NET storage would read an all-hex key as a number).
/// Within one process ids are strictly increasing even inside one millisecond (the random part is incremented),
/// which keeps cursor pagination stable.
/// </summary>
public sealed class ResourceIdGenerator
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private long _lastMilliseconds = -1;
    private UInt128 _lastRandom;

    /// <summary>Creates a generator reading time from <paramref name="timeProvider"/>.</summary>
    public ResourceIdGenerator(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>A new id such as <c>trunk_01jd3q…</c>; <paramref name="prefix"/> is the part before the underscore.</summary>
    public string New(string prefix)
    {
        long milliseconds;
        UInt128 random;
        lock (_gate)
        {
            milliseconds = Math.Max(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), _lastMilliseconds);
            if (milliseconds == _lastMilliseconds)
            {
                random = (_lastRandom + 1) & RandomMask;
            }
            else
            {
                Span<byte> bytes = stackalloc byte[16];
                RandomNumberGenerator.Fill(bytes);
                random = new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..])) & RandomMask;
            }

            _lastMilliseconds = milliseconds;
            _lastRandom = random;
        }

        return string.Create(prefix.Length + 1 + 26, (prefix, milliseconds, random), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            var body = span[(state.prefix.Length + 1)..];
            // 128 bits = 2 padding bits + 48 time bits + 80 random bits, written as 26 five-bit digits.
            var value = ((UInt128)(ulong)state.milliseconds << 80) | state.random;
            for (var i = 25; i >= 0; i--)
            {
                body[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }

    /// <summary>True when <paramref name="id"/> has the shape <paramref name="prefix"/>_ + 26 base32 characters.</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        if (id is null || id.Length != prefix.Length + 27 || !id.StartsWith(prefix, StringComparison.Ordinal) || id[prefix.Length] != '_')
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length + 1))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static UInt128 RandomMask => (UInt128.One << 80) - 1;
}
