using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// <c>Telepath-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c> (spec §8).
/// The key is the UTF-8 of the whole secret, <c>whsec_</c> prefix included.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "Telepath-Signature";

    /// <summary>The header value for <paramref name="payload"/> signed at <paramref name="unixSeconds"/>.</summary>
    public static string Create(string secret, long unixSeconds, string payload)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + payload));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
