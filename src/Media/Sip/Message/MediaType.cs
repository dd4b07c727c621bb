namespace Telepath.Media.Sip.Message;

/// <summary>Reads a Content-Type value (RFC 3261 §20.15): the media type before any parameters.</summary>
internal static class MediaType
{
    /// <summary>True when <paramref name="contentType"/> names <paramref name="type"/> (case-insensitive, parameters ignored).</summary>
    public static bool Is(string? contentType, string type)
    {
        if (contentType is null)
        {
            return false;
        }

        ReadOnlySpan<char> media = contentType.AsSpan();
        int semicolon = media.IndexOf(';');
        return (semicolon < 0 ? media : media[..semicolon]).Trim(" \t").Equals(type, StringComparison.OrdinalIgnoreCase);
    }
}
