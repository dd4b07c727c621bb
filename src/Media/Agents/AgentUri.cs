namespace Telepath.Media.Agents;

/// <summary>Builds agent endpoint URIs.</summary>
internal static class AgentUri
{
    /// <summary>Adds <c>name=value</c> to the query unless the configured URL already sets that parameter.</summary>
    public static Uri WithQuery(Uri uri, string name, string value)
    {
        string query = uri.Query;
        if (query.Contains("?" + name + "=", StringComparison.Ordinal) || query.Contains("&" + name + "=", StringComparison.Ordinal))
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        string pair = name + "=" + Uri.EscapeDataString(value);
        builder.Query = query.Length > 1 ? query[1..] + "&" + pair : pair;
        return builder.Uri;
    }
}
