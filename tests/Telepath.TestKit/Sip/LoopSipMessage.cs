using System.Text;
using Telepath.Media.Sip.Transport;

namespace Telepath.TestKit.Sip;

/// <summary>One message the stack sent through a <see cref="LoopSipTransport"/>.</summary>
/// <param name="Peer">The destination.</param>
/// <param name="Bytes">The serialized message.</param>
public sealed record LoopSipMessage(SipPeer Peer, byte[] Bytes)
{
    /// <summary>Gets the message as text.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>Gets the start line.</summary>
    public string StartLine => Text[..Text.IndexOf("\r\n", StringComparison.Ordinal)];

    /// <summary>Gets the status code of a response, or 0 for a request.</summary>
    public int StatusCode => Text.StartsWith("SIP/2.0 ", StringComparison.Ordinal) ? int.Parse(Text.AsSpan(8, 3), provider: System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Gets the first value of a header (full name), or null.</summary>
    public string? Header(string name)
    {
        foreach (string line in Text.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                return null;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>Gets every value of a header (full name), in order.</summary>
    public IReadOnlyList<string> Headers(string name)
    {
        var values = new List<string>();
        foreach (string line in Text.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(line[(colon + 1)..].Trim());
            }
        }

        return values;
    }

    /// <summary>Gets the CSeq number.</summary>
    public uint CSeqNumber => uint.Parse(Header("CSeq")!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets the body.</summary>
    public string Body => Text[(Text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
}
