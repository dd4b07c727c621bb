using System.Net;
using System.Text.RegularExpressions;

namespace Telepath.Api.Trunks;

/// <summary>The value rules of trunk fields (spec §5), each a pure check so the body reader stays a list of calls.</summary>
internal static partial class TrunkRules
{
    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest system prompt (characters).</summary>
    public const int MaxSystemPromptLength = 32 * 1024;

    /// <summary>Longest short setting (model, voice, agent id).</summary>
    public const int MaxSettingLength = 200;

    /// <summary>Longest provider API key.</summary>
    public const int MaxApiKeyLength = 1024;

    /// <summary>Most entries in <c>inbound_numbers</c> or <c>allowed_source_cidrs</c>.</summary>
    public const int MaxListEntries = 100;

    /// <summary>Most custom headers.</summary>
    public const int MaxCustomHeaders = 20;

    /// <summary>Longest custom header value.</summary>
    public const int MaxHeaderValueLength = 4096;

    /// <summary>Longest URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The user-name rule, as messages quote it.</summary>
    public const string SipUsernamePattern = "^[A-Za-z0-9._-]{3,64}$";

    /// <summary>True for a SIP user name we accept.</summary>
    public static bool IsSipUsername(string value) => SipUsernameRegex().IsMatch(value);

    /// <summary>True for an E.164 number: <c>+</c>, a non-zero digit, at most 15 digits in all (ITU-T E.164 §6).</summary>
    public static bool IsE164(string value) => E164Regex().IsMatch(value);

    /// <summary>True for an IPv4/IPv6 address or CIDR network; <paramref name="normalized"/> is its canonical text.</summary>
    public static bool TryNormalizeCidr(string value, out string normalized)
    {
        if (value.Contains('/', StringComparison.Ordinal))
        {
            if (IPNetwork.TryParse(value, out var network))
            {
                normalized = network.ToString();
                return true;
            }
        }
        else if (IPAddress.TryParse(value, out var address) && !value.Contains('%', StringComparison.Ordinal))
        {
            normalized = address.ToString();
            return true;
        }

        normalized = "";
        return false;
    }

    /// <summary>
    /// True for an agent URL we will dial: <c>wss://</c> anywhere, <c>ws://</c> only to loopback (127.0.0.0/8, ::1,
    /// localhost), because an unencrypted hop would carry the caller's audio and the provider key in the clear.
    /// </summary>
    public static bool IsAgentUrl(string value)
    {
        if (value.Length > MaxUrlLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        if (uri.Scheme == "wss")
        {
            return true;
        }

        return uri.Scheme == "ws" && IsLoopbackHost(uri);
    }

    /// <summary>True for an absolute <c>https://</c> URL without credentials in it.</summary>
    public static bool IsHttpsUrl(string value) =>
        value.Length <= MaxUrlLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0;

    /// <summary>True for an HTTP header name (RFC 9110 §5.1 token) that a WebSocket handshake lets us set.</summary>
    public static bool IsCustomHeaderName(string name)
    {
        if (!HeaderTokenRegex().IsMatch(name))
        {
            return false;
        }

        // The handshake's own headers belong to the client library; letting them be overridden breaks the upgrade.
        return !name.Equals("host", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("connection", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("upgrade", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
            && !name.StartsWith("sec-websocket-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for a header value: printable text without line breaks (no header injection).</summary>
    public static bool IsHeaderValue(string value) => value.Length <= MaxHeaderValueLength && !HasControl(value, allowTab: true);

    /// <summary>True when <paramref name="value"/> has a control character.</summary>
    public static bool HasControl(string value, bool allowTab)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowTab && c == '\t'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLoopbackHost(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        var host = uri.Host.TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    // \z rather than $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SipUsernameRegex();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164Regex();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderTokenRegex();
}
