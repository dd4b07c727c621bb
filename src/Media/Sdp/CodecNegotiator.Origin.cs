using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Telepath.Media.Sdp;

/// <summary>Origin (<c>o=</c>) handling for <see cref="CodecNegotiator"/> answers.</summary>
public sealed partial class CodecNegotiator
{
    /// <summary>
    /// RFC 3264 §8: a re-answer keeps the session id and increments the version only if the description changed.
    /// A first answer gets a random session id (RFC 4566 §5.2 only asks for uniqueness).
    /// </summary>
    private SessionDescription StampOrigin(SessionDescription answer, IPAddress address, SessionDescription? previousAnswer)
    {
        if (previousAnswer is null)
        {
            var sessionId = NewSessionId();
            return answer with { Origin = CreateOrigin(address, sessionId, 1) };
        }

        var previous = previousAnswer.Origin;
        var unchanged = answer with { Origin = previous };
        if (string.Equals(SdpWriter.Write(unchanged), SdpWriter.Write(previousAnswer), StringComparison.Ordinal))
        {
            return unchanged;
        }

        return answer with { Origin = previous with { SessionVersion = unchecked(previous.SessionVersion + 1) } };
    }

    private SdpOrigin CreateOrigin(IPAddress address, string sessionId, ulong version) => new(
        _options.OriginUsername,
        sessionId,
        version,
        "IN",
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4",
        address.ToString());

    private static string NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);

        // 62 bits keep the id positive and within NTP-format ranges some peers assume.
        var value = BitConverter.ToUInt64(bytes) >> 2;
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
