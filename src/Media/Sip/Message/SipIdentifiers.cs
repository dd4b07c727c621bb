using System.Security.Cryptography;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// Fresh random identifiers for tags, branches and Call-IDs, drawn from <see cref="RandomNumberGenerator"/>.
/// RFC 3261 §19.3 asks for at least 32 random bits in a tag and §8.1.1.4 for a globally unique Call-ID; we use
/// 96 bits everywhere, hex-encoded, which is a valid token.
/// </summary>
internal static class SipIdentifiers
{
    private const int RandomBytes = 12;

    /// <summary>A new From/To tag: 24 lower-case hex characters (96 random bits).</summary>
    public static string NewTag() => NewHex();

    /// <summary>A new branch: the RFC 3261 §8.1.1.7 magic cookie <c>z9hG4bK</c> followed by 96 random bits.</summary>
    public static string NewBranch() => string.Concat(ViaHeader.MagicCookie, NewHex());

    /// <summary>A new Call-ID: 96 random bits, optionally <c>@host</c> (RFC 3261 §8.1.1.4).</summary>
    public static string NewCallId(string? host = null) => host is null ? NewHex() : string.Concat(NewHex(), "@", host);

    private static string NewHex()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
