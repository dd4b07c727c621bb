using System.Globalization;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// The Session-Expires header (RFC 4028 §4): <c>delta-seconds *( SEMI (refresher-param / generic-param) )</c>,
/// compact form <c>x</c>. Also parses Min-SE (§5), which is the same delta without a refresher.
/// </summary>
/// <param name="Seconds">The session interval in seconds.</param>
/// <param name="Refresher">The <c>refresher</c> parameter, or null when absent.</param>
internal readonly record struct SessionExpiresHeader(uint Seconds, SessionRefresher? Refresher)
{
    private const string RefresherParameter = "refresher";

    /// <summary>
    /// Parses the value. False on a missing or non-numeric delta, bad parameter syntax, or a refresher other than
    /// <c>uac</c>/<c>uas</c> (§4 allows only those two).
    /// </summary>
    public static bool TryParse(string? text, out SessionExpiresHeader value)
    {
        value = default;
        ReadOnlySpan<char> span = text.AsSpan().Trim(" \t");
        int semicolon = span.IndexOf(';');
        ReadOnlySpan<char> delta = (semicolon < 0 ? span : span[..semicolon]).TrimEnd(" \t");
        if (!SipSyntax.TryParseUInt32(delta, out uint seconds))
        {
            return false;
        }

        SessionRefresher? refresher = null;
        if (semicolon >= 0)
        {
            if (!SipParameterParser.TryParse(span[semicolon..], out SipParameters? parameters))
            {
                return false;
            }

            if (parameters.TryGet(RefresherParameter, out string? side))
            {
                if (string.Equals(side, "uac", StringComparison.OrdinalIgnoreCase))
                {
                    refresher = SessionRefresher.Uac;
                }
                else if (string.Equals(side, "uas", StringComparison.OrdinalIgnoreCase))
                {
                    refresher = SessionRefresher.Uas;
                }
                else
                {
                    return false;
                }
            }
        }

        value = new SessionExpiresHeader(seconds, refresher);
        return true;
    }

    /// <summary>The wire form, e.g. <c>1800;refresher=uac</c>.</summary>
    public override string ToString() => Refresher switch
    {
        SessionRefresher.Uac => string.Create(CultureInfo.InvariantCulture, $"{Seconds};refresher=uac"),
        SessionRefresher.Uas => string.Create(CultureInfo.InvariantCulture, $"{Seconds};refresher=uas"),
        _ => Seconds.ToString(CultureInfo.InvariantCulture),
    };
}
