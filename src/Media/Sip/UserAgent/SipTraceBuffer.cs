using System.Text;
using Telepath.Media.Edge;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// The SIP messages of one call, kept in memory and reported in one batch when the call ends. Credentials
/// never leave: Authorization values are redacted. Bounded, so a long call cannot grow it without limit.
/// </summary>
internal sealed class SipTraceBuffer
{
    /// <summary>Most entries kept per call.</summary>
    public const int MaxEntries = 100;

    private readonly List<SipTraceEntry> _entries = [];

    /// <summary>Gets the entries.</summary>
    public IReadOnlyList<SipTraceEntry> Entries => _entries;

    /// <summary>Records one message (under the gate).</summary>
    public void Add(DateTimeOffset at, bool outbound, string remote, ReadOnlySpan<byte> message)
    {
        if (_entries.Count < MaxEntries)
        {
            _entries.Add(new SipTraceEntry(at, outbound, remote, Redact(Encoding.UTF8.GetString(message))));
        }
    }

    /// <summary>Replaces the values of Authorization and Proxy-Authorization headers.</summary>
    internal static string Redact(string text)
    {
        if (!text.Contains("uthorization", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (string line in text.Split('\n'))
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                builder.Append(name).Append(": [redacted]").Append(line.EndsWith('\r') ? "\r" : string.Empty);
            }
            else
            {
                builder.Append(line);
            }
        }

        return builder.ToString();
    }
}
