namespace Telepath.Media.Sip.Message;

/// <summary>The SIP extensions (option tags, RFC 3261 §19.2) we implement, for Supported and Require checks.</summary>
internal static class SipOptionTags
{
    /// <summary>Session timers (RFC 4028).</summary>
    public const string Timer = "timer";

    /// <summary>Reliable provisional responses and PRACK (RFC 3262).</summary>
    public const string ReliableProvisional = "100rel";

    /// <summary>What we put in Supported.</summary>
    public const string Supported = Timer + ", " + ReliableProvisional;

    /// <summary>True when we implement the extension named by <paramref name="tag"/>.</summary>
    public static bool IsSupported(string tag) =>
        string.Equals(tag, Timer, StringComparison.OrdinalIgnoreCase) || string.Equals(tag, ReliableProvisional, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="request"/> lists <paramref name="tag"/> in Require.</summary>
    public static bool Requires(SipRequest request, string tag) => Contains(request.Headers.GetValues(SipHeaderNames.Require), tag);

    /// <summary>True when <paramref name="request"/> lists <paramref name="tag"/> in Supported or Require.</summary>
    public static bool Lists(SipRequest request, string tag) =>
        Contains(request.Headers.GetValues(SipHeaderNames.Supported), tag)
        || Contains(request.Headers.GetValues(SipHeaderNames.Require), tag);

    /// <summary>The Require tags of <paramref name="request"/> we do not implement (RFC 3261 §8.2.2.3), or null.</summary>
    public static List<string>? FindUnsupported(SipRequest request)
    {
        List<string>? unsupported = null;
        foreach (string tag in request.Headers.GetValues(SipHeaderNames.Require))
        {
            if (!IsSupported(tag))
            {
                (unsupported ??= []).Add(tag);
            }
        }

        return unsupported;
    }

    private static bool Contains(List<string> tags, string tag)
    {
        foreach (string listed in tags)
        {
            if (string.Equals(listed, tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
