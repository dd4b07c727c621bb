using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Grains.Calls;

/// <summary>
/// A call's SIP trace, bounded to <see cref="MaxEntries"/> messages and <see cref="MaxChars"/> characters so a
/// re-INVITE storm cannot grow a grain or a row without limit. The first messages are kept (they explain how the
/// call was set up) and <see cref="Truncated"/> records that later ones were left out.
/// </summary>
internal sealed class SipTraceBuffer
{
    /// <summary>Most messages kept.</summary>
    public const int MaxEntries = 500;

    /// <summary>Most characters of message text kept (512 KiB of ASCII).</summary>
    public const int MaxChars = 512 * 1024;

    private readonly List<SipTraceData> _entries = [];
    private int _chars;

    /// <summary>A snapshot of the kept messages, in order (records holding it are shared across threads).</summary>
    public IReadOnlyList<SipTraceData> Entries => _entries.ToArray();

    /// <summary>True once a message was left out.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Appends what still fits.</summary>
    public void Append(IReadOnlyList<SipTraceData> entries)
    {
        foreach (var entry in entries)
        {
            if (Truncated || _entries.Count >= MaxEntries || _chars + entry.Text.Length > MaxChars)
            {
                Truncated = true;
                return;
            }

            _entries.Add(entry);
            _chars += entry.Text.Length;
        }
    }
}
