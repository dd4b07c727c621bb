using System.Globalization;
using System.Text;

namespace Telepath.Media.Sdp;

/// <summary>
/// Serialises a <see cref="SessionDescription"/> with CRLF line ends in the order RFC 4566 §5 requires:
/// session <c>v o s i u e p c b t r z k a</c>, then per media <c>m i c b k a</c>.
/// </summary>
public static class SdpWriter
{
    private const string Crlf = "\r\n";

    /// <summary>The description as SDP text.</summary>
    public static string Write(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var builder = new StringBuilder(512);
        var origin = description.Origin;
        builder.Append("v=").Append(description.Version.ToString(CultureInfo.InvariantCulture)).Append(Crlf);
        builder.Append("o=").Append(origin.Username).Append(' ').Append(origin.SessionId).Append(' ')
            .Append(origin.SessionVersion.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(origin.NetworkType).Append(' ').Append(origin.AddressType).Append(' ')
            .Append(origin.Address).Append(Crlf);
        builder.Append("s=").Append(description.SessionName).Append(Crlf);
        AppendOther(builder, description.OtherLines, "iuep");
        AppendConnection(builder, description.Connection);
        AppendBandwidths(builder, description.Bandwidths);
        if (description.Timings.Count == 0)
        {
            builder.Append("t=0 0").Append(Crlf);
        }

        foreach (var timing in description.Timings)
        {
            builder.Append("t=").Append(timing.Start.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(timing.Stop.ToString(CultureInfo.InvariantCulture)).Append(Crlf);
        }

        AppendOther(builder, description.OtherLines, "rz");
        AppendRemaining(builder, description.OtherLines, "iueprz");
        AppendAttributes(builder, description.Attributes);
        foreach (var media in description.Media)
        {
            AppendMedia(builder, media);
        }

        return builder.ToString();
    }

    /// <summary>The description as UTF-8 bytes, ready for a SIP body.</summary>
    public static byte[] WriteUtf8(SessionDescription description) => Encoding.UTF8.GetBytes(Write(description));

    private static void AppendMedia(StringBuilder builder, SdpMediaDescription media)
    {
        builder.Append("m=").Append(media.Media).Append(' ').Append(media.Port.ToString(CultureInfo.InvariantCulture));
        if (media.PortCount is { } count)
        {
            builder.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(' ').Append(media.Protocol);
        foreach (var format in media.Formats)
        {
            builder.Append(' ').Append(format);
        }

        builder.Append(Crlf);
        AppendOther(builder, media.OtherLines, "i");
        AppendConnection(builder, media.Connection);
        AppendBandwidths(builder, media.Bandwidths);
        AppendRemaining(builder, media.OtherLines, "i");
        AppendAttributes(builder, media.Attributes);
    }

    private static void AppendConnection(StringBuilder builder, SdpConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        builder.Append("c=IN ").Append(connection.AddressType).Append(' ').Append(connection.Address.ToString());
        if (connection.MulticastSuffix is not null)
        {
            builder.Append('/').Append(connection.MulticastSuffix);
        }

        builder.Append(Crlf);
    }

    private static void AppendBandwidths(StringBuilder builder, IReadOnlyList<SdpBandwidth> bandwidths)
    {
        foreach (var bandwidth in bandwidths)
        {
            builder.Append("b=").Append(bandwidth.Type).Append(':')
                .Append(bandwidth.Value.ToString(CultureInfo.InvariantCulture)).Append(Crlf);
        }
    }

    private static void AppendAttributes(StringBuilder builder, IReadOnlyList<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            builder.Append("a=").Append(attribute.Name);
            if (attribute.Value is not null)
            {
                builder.Append(':').Append(attribute.Value);
            }

            builder.Append(Crlf);
        }
    }

    /// <summary>Writes, in the order of <paramref name="types"/>, the kept lines whose type is listed.</summary>
    private static void AppendOther(StringBuilder builder, IReadOnlyList<SdpLine> lines, string types)
    {
        foreach (var type in types)
        {
            foreach (var line in lines)
            {
                if (line.Type == type)
                {
                    builder.Append(line.Type).Append('=').Append(line.Value).Append(Crlf);
                }
            }
        }
    }

    /// <summary>Writes the kept lines whose type is not in <paramref name="excluded"/> (k= and unknown types).</summary>
    private static void AppendRemaining(StringBuilder builder, IReadOnlyList<SdpLine> lines, string excluded)
    {
        foreach (var line in lines)
        {
            if (!excluded.Contains(line.Type, StringComparison.Ordinal))
            {
                builder.Append(line.Type).Append('=').Append(line.Value).Append(Crlf);
            }
        }
    }
}
