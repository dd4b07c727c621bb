using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.Media.Sip.Auth;

/// <summary>
/// The digest computations of RFC 7616 §3.4 (RFC 2617 §3.2.2 for MD5): HA1, HA2 and the request digest,
/// as lowercase hex. Inputs are UTF-8 encoded. The span overloads write into caller buffers so verification
/// allocates only a pooled scratch buffer.
/// </summary>
public static class DigestHash
{
    private const int MaxHexLength = 64;

    /// <summary>HA1 = H(username:realm:password) in lowercase hex; the value the trunk store keeps per algorithm.</summary>
    /// <remarks>For <c>-sess</c> algorithms this is still the base HA1; the session step needs nonce and cnonce.</remarks>
    public static string ComputeHa1(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
        var buffer = ArrayPool<byte>.Shared.Rent(Capacity(username.Length + realm.Length + password.Length));
        try
        {
            var length = Put(buffer, 0, username);
            length = Put(buffer, Colon(buffer, length), realm);
            length = Put(buffer, Colon(buffer, length), password);
            Span<byte> hex = stackalloc byte[MaxHexLength];
            var written = HashHex(algorithm, buffer.AsSpan(0, length), hex);
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            return Encoding.ASCII.GetString(hex[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The request digest (the <c>response</c> parameter) in lowercase hex.</summary>
    /// <param name="algorithm">Digest algorithm; for <c>-sess</c> the session HA1 is derived first.</param>
    /// <param name="ha1">Base HA1 in hex.</param>
    /// <param name="nonce">Server nonce.</param>
    /// <param name="nonceCount">The <c>nc</c> value as sent (8 hex digits); empty without qop.</param>
    /// <param name="cnonce">Client nonce; empty without qop.</param>
    /// <param name="qop">Quality of protection, <c>auth</c>; empty for the RFC 2069 form.</param>
    /// <param name="method">SIP method, e.g. <c>INVITE</c>.</param>
    /// <param name="uri">The <c>uri</c> parameter (digest-uri).</param>
    public static string ComputeResponse(
        DigestAlgorithm algorithm,
        string ha1,
        string nonce,
        string nonceCount,
        string cnonce,
        string qop,
        string method,
        string uri)
    {
        Span<byte> hex = stackalloc byte[MaxHexLength];
        var written = ComputeResponse(algorithm, ha1, nonce, nonceCount, cnonce, qop, method, uri, hex);
        return Encoding.ASCII.GetString(hex[..written]);
    }

    /// <summary>Span form of <see cref="ComputeResponse(DigestAlgorithm, string, string, string, string, string, string, string)"/>; returns the hex length written.</summary>
    internal static int ComputeResponse(
        DigestAlgorithm algorithm,
        ReadOnlySpan<char> ha1,
        ReadOnlySpan<char> nonce,
        ReadOnlySpan<char> nonceCount,
        ReadOnlySpan<char> cnonce,
        ReadOnlySpan<char> qop,
        ReadOnlySpan<char> method,
        ReadOnlySpan<char> uri,
        Span<byte> destination)
    {
        var total = ha1.Length + (2 * nonce.Length) + nonceCount.Length + (2 * cnonce.Length) + qop.Length
            + method.Length + uri.Length + (2 * MaxHexLength);
        var buffer = ArrayPool<byte>.Shared.Rent(Capacity(total));
        try
        {
            Span<byte> effectiveHa1 = stackalloc byte[MaxHexLength * 3];
            int ha1Length;
            if (algorithm.IsSession())
            {
                // RFC 7616 §3.4.2: HA1 for -sess = H(H(user:realm:password):nonce:cnonce).
                var length = Put(buffer, 0, ha1);
                length = Put(buffer, Colon(buffer, length), nonce);
                length = Put(buffer, Colon(buffer, length), cnonce);
                ha1Length = HashHex(algorithm, buffer.AsSpan(0, length), effectiveHa1);
            }
            else
            {
                ha1Length = Encoding.UTF8.GetBytes(ha1[..Math.Min(ha1.Length, MaxHexLength)], effectiveHa1);
            }

            // RFC 7616 §3.4.3: for qop=auth, A2 = Method ":" request-uri.
            Span<byte> ha2 = stackalloc byte[MaxHexLength];
            var a2Length = Put(buffer, 0, method);
            a2Length = Put(buffer, Colon(buffer, a2Length), uri);
            var ha2Length = HashHex(algorithm, buffer.AsSpan(0, a2Length), ha2);

            // RFC 7616 §3.4.1: response = H(HA1:nonce:nc:cnonce:qop:HA2); RFC 2069 form H(HA1:nonce:HA2) without qop.
            effectiveHa1[..ha1Length].CopyTo(buffer);
            var position = Put(buffer, Colon(buffer, ha1Length), nonce);
            if (!qop.IsEmpty)
            {
                position = Put(buffer, Colon(buffer, position), nonceCount);
                position = Put(buffer, Colon(buffer, position), cnonce);
                position = Put(buffer, Colon(buffer, position), qop);
            }

            position = Colon(buffer, position);
            ha2[..ha2Length].CopyTo(buffer.AsSpan(position));
            position += ha2Length;
            return HashHex(algorithm, buffer.AsSpan(0, position), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hashes <paramref name="input"/> with the algorithm's hash and writes lowercase hex ASCII.</summary>
    internal static int HashHex(DigestAlgorithm algorithm, ReadOnlySpan<byte> input, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];

        // RFC 7616 keeps MD5 for backward compatibility and carriers still use it; not our choice of primitive.
#pragma warning disable CA5351
        var length = algorithm.BaseAlgorithm() == DigestAlgorithm.Md5
            ? MD5.HashData(input, hash)
            : SHA256.HashData(input, hash);
#pragma warning restore CA5351
        for (var i = 0; i < length; i++)
        {
            destination[2 * i] = ToHexDigit(hash[i] >> 4);
            destination[(2 * i) + 1] = ToHexDigit(hash[i] & 0xF);
        }

        return 2 * length;
    }

    private static byte ToHexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private static int Capacity(int characters) => (characters * 3) + 16;

    private static int Put(byte[] buffer, int position, ReadOnlySpan<char> text) =>
        position + Encoding.UTF8.GetBytes(text, buffer.AsSpan(position));

    private static int Colon(byte[] buffer, int position)
    {
        buffer[position] = (byte)':';
        return position + 1;
    }
}
