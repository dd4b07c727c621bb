using System.Collections;
using System.Text;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// An immutable, ordered list of <c>;name[=value]</c> parameters with case-insensitive name lookup and
/// structural equality. Order is kept so that a message serialises back the way it arrived.
/// </summary>
internal sealed class SipParameters : IReadOnlyList<SipParameter>, IEquatable<SipParameters>
{
    private readonly SipParameter[] _items;

    private SipParameters(SipParameter[] items)
    {
        _items = items;
    }

    /// <summary>The empty list.</summary>
    public static SipParameters Empty { get; } = new([]);

    /// <summary>Number of parameters.</summary>
    public int Count => _items.Length;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    public SipParameter this[int index] => _items[index];

    /// <summary>Creates a list from parameters in order.</summary>
    public static SipParameters Create(IEnumerable<SipParameter> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        SipParameter[] array = [.. items];
        return array.Length == 0 ? Empty : new SipParameters(array);
    }

    /// <summary>True if a parameter named <paramref name="name"/> is present (flag or valued).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Looks up a parameter; <paramref name="value"/> is null for a flag parameter.</summary>
    public bool TryGet(string name, out string? value)
    {
        int index = IndexOf(name);
        value = index < 0 ? null : _items[index].Value;
        return index >= 0;
    }

    /// <summary>Value of the parameter named <paramref name="name"/>; null if absent or a flag.</summary>
    public string? Get(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : _items[index].Value;
    }

    /// <summary>Index of the parameter named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (replaced in place or appended).</summary>
    public SipParameters With(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        int index = IndexOf(name);
        SipParameter[] copy;
        if (index < 0)
        {
            copy = new SipParameter[_items.Length + 1];
            _items.CopyTo(copy, 0);
            copy[^1] = new SipParameter(name, value);
        }
        else
        {
            copy = (SipParameter[])_items.Clone();
            copy[index] = new SipParameter(_items[index].Name, value);
        }

        return new SipParameters(copy);
    }

    /// <summary>A copy without the parameter named <paramref name="name"/> (this list if it is absent).</summary>
    public SipParameters Without(string name)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            return this;
        }

        var copy = new SipParameter[_items.Length - 1];
        Array.Copy(_items, 0, copy, 0, index);
        Array.Copy(_items, index + 1, copy, index, _items.Length - index - 1);
        return copy.Length == 0 ? Empty : new SipParameters(copy);
    }

    /// <summary>Appends <c>;name[=value]</c> for each parameter.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (SipParameter parameter in _items)
        {
            builder.Append(';').Append(parameter.Name);
            if (parameter.Value is not null)
            {
                builder.Append('=').Append(parameter.Value);
            }
        }
    }

    /// <summary>
    /// Structural equality: same count, and each name (case-insensitive) with the same value (case-sensitive,
    /// as tags and branches are) at the same position.
    /// </summary>
    public bool Equals(SipParameters? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (int i = 0; i < _items.Length; i++)
        {
            if (!string.Equals(_items[i].Name, other._items[i].Name, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(_items[i].Value, other._items[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SipParameters);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (SipParameter parameter in _items)
        {
            hash.Add(parameter.Name, StringComparer.OrdinalIgnoreCase);
            hash.Add(parameter.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    /// <inheritdoc />
    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
