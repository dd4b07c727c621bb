using System.Collections;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// The header fields of a message, in wire order. Names are canonicalised on the way in (compact forms
/// expanded, known names re-cased), so every lookup is case-insensitive and <c>Get("f")</c> finds From.
/// </summary>
/// <remarks>
/// RFC 3261 §7.3.1: several fields with the same name are equivalent to one field with their values
/// comma-joined, and their relative order matters (Via, Route). <see cref="GetValues"/> gives that view.
/// </remarks>
internal sealed class SipHeaders : IReadOnlyList<SipHeaderField>
{
    private readonly List<SipHeaderField> _fields;

    /// <summary>Creates an empty header list.</summary>
    public SipHeaders()
    {
        _fields = new List<SipHeaderField>(16);
    }

    /// <summary>Creates an empty header list sized for <paramref name="capacity"/> fields.</summary>
    public SipHeaders(int capacity)
    {
        _fields = new List<SipHeaderField>(capacity);
    }

    /// <summary>Number of header fields (lines), not of comma-separated values.</summary>
    public int Count => _fields.Count;

    /// <summary>The field at <paramref name="index"/> in wire order.</summary>
    public SipHeaderField this[int index] => _fields[index];

    /// <summary>Appends a field; <paramref name="name"/> may be compact or any casing.</summary>
    public void Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _fields.Add(new SipHeaderField(SipHeaderNames.Canonicalize(name), value));
    }

    /// <summary>Inserts a field at <paramref name="index"/>, e.g. a new top Via at 0.</summary>
    public void Insert(int index, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _fields.Insert(index, new SipHeaderField(SipHeaderNames.Canonicalize(name), value));
    }

    /// <summary>Replaces the value of the field at <paramref name="index"/>, keeping its name and position.</summary>
    public void SetAt(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _fields[index] = _fields[index] with { Value = value };
    }

    /// <summary>Removes the field at <paramref name="index"/>.</summary>
    public void RemoveAt(int index) => _fields.RemoveAt(index);

    /// <summary>
    /// Makes <paramref name="value"/> the only field named <paramref name="name"/>: replaces the first such
    /// field in place and removes the others, or appends if there was none.
    /// </summary>
    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string canonical = SipHeaderNames.Canonicalize(name);
        int first = IndexOf(canonical);
        if (first < 0)
        {
            _fields.Add(new SipHeaderField(canonical, value));
            return;
        }

        _fields[first] = new SipHeaderField(canonical, value);
        for (int i = _fields.Count - 1; i > first; i--)
        {
            if (NameEquals(_fields[i].Name, canonical))
            {
                _fields.RemoveAt(i);
            }
        }
    }

    /// <summary>Removes every field named <paramref name="name"/>; returns how many were removed.</summary>
    public int RemoveAll(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        return _fields.RemoveAll(f => NameEquals(f.Name, canonical));
    }

    /// <summary>True if at least one field is named <paramref name="name"/>.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Number of fields (lines) named <paramref name="name"/>.</summary>
    public int CountOf(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        int count = 0;
        foreach (SipHeaderField field in _fields)
        {
            if (NameEquals(field.Name, canonical))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Index of the first field named <paramref name="name"/> at or after <paramref name="start"/>, or -1.</summary>
    public int IndexOf(string name, int start = 0)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        for (int i = start; i < _fields.Count; i++)
        {
            if (NameEquals(_fields[i].Name, canonical))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Value of the first field named <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : _fields[index].Value;
    }

    /// <summary>Values of every field named <paramref name="name"/>, in order, without splitting commas.</summary>
    public List<string> GetAll(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        var values = new List<string>();
        foreach (SipHeaderField field in _fields)
        {
            if (NameEquals(field.Name, canonical))
            {
                values.Add(field.Value);
            }
        }

        return values;
    }

    /// <summary>
    /// Every comma-separated value of every field named <paramref name="name"/>, in order (RFC 3261 §7.3.1).
    /// Commas inside quoted strings and <c>&lt;...&gt;</c> do not split. Only meaningful for list headers.
    /// </summary>
    public List<string> GetValues(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        var values = new List<string>();
        foreach (SipHeaderField field in _fields)
        {
            if (NameEquals(field.Name, canonical))
            {
                SplitList(field.Value, values);
            }
        }

        return values;
    }

    /// <summary>
    /// Splits a list header value at top-level commas into <paramref name="into"/>, trimming each element and
    /// dropping empty ones (RFC 3261 §7.3.1 tolerates empty list elements from sloppy senders).
    /// </summary>
    public static void SplitList(string value, List<string> into)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(into);
        ReadOnlySpan<char> rest = value;
        while (true)
        {
            int comma = SipSyntax.IndexOfTopLevel(rest, ',');
            ReadOnlySpan<char> element = (comma < 0 ? rest : rest[..comma]).Trim(" \t");
            if (!element.IsEmpty)
            {
                into.Add(element.Length == value.Length ? value : element.ToString());
            }

            if (comma < 0)
            {
                return;
            }

            rest = rest[(comma + 1)..];
        }
    }

    /// <summary>Enumerates fields in wire order without allocating.</summary>
    public List<SipHeaderField>.Enumerator GetEnumerator() => _fields.GetEnumerator();

    /// <inheritdoc />
    IEnumerator<SipHeaderField> IEnumerable<SipHeaderField>.GetEnumerator() => _fields.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _fields.GetEnumerator();

    /// <summary>Adds an already-canonical field; used by the parser to skip re-canonicalising.</summary>
    internal void AddCanonical(string canonicalName, string value) =>
        _fields.Add(new SipHeaderField(canonicalName, value));

    private static bool NameEquals(string a, string b) =>
        ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
