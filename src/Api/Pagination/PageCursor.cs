using System.Buffers.Text;
using System.Text;

namespace Telepath.Api.Pagination;

/// <summary>
/// Opaque cursors: base64url of a version tag and the sort key of the last item served. Items are listed newest first
/// with strictly ordered keys, so "everything after this key" is stable while new items are created at the front.
/// </summary>
public static class PageCursor
{
    private const string Version = "c1:";

    /// <summary>The cursor that continues after the item with <paramref name="sortKey"/>.</summary>
    public static string Encode(string sortKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + sortKey));

    /// <summary>The sort key inside <paramref name="cursor"/>, or null when it is not one of ours.</summary>
    public static string? Decode(string cursor)
    {
        if (cursor.Length > 512)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Version, StringComparison.Ordinal) && text.Length > Version.Length ? text[Version.Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
