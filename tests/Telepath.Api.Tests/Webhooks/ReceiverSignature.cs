using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>A receiver's signature check, written the way the README tells integrators to write it.</summary>
public static class ReceiverSignature
{
    /// <summary>True when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> within 5 minutes of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now)
    {
        if (header is null)
        {
            return false;
        }

        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2)
            {
                continue;
            }

            if (kv[0] == "t")
            {
                t = kv[1];
            }
            else if (kv[0] == "v1")
            {
                signatures.Add(kv[1]);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        foreach (var signature in signatures)
        {
            if (signature.Length == 64 && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature)))
            {
                return true;
            }
        }

        return false;
    }
}
