using System.Text;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// A SIP method: one of the well-known methods or any extension token. RFC 3261 §7.1: method names are
/// case-sensitive, so <c>invite</c> is an extension method, not INVITE.
/// </summary>
/// <remarks>Known methods reuse cached instances, so parsing them allocates nothing.</remarks>
internal readonly struct SipMethod : IEquatable<SipMethod>
{
    /// <summary>INVITE.</summary>
    public static readonly SipMethod Invite = new("INVITE", SipMethodKind.Invite);

    /// <summary>ACK.</summary>
    public static readonly SipMethod Ack = new("ACK", SipMethodKind.Ack);

    /// <summary>BYE.</summary>
    public static readonly SipMethod Bye = new("BYE", SipMethodKind.Bye);

    /// <summary>CANCEL.</summary>
    public static readonly SipMethod Cancel = new("CANCEL", SipMethodKind.Cancel);

    /// <summary>OPTIONS.</summary>
    public static readonly SipMethod Options = new("OPTIONS", SipMethodKind.Options);

    /// <summary>REGISTER.</summary>
    public static readonly SipMethod Register = new("REGISTER", SipMethodKind.Register);

    /// <summary>INFO.</summary>
    public static readonly SipMethod Info = new("INFO", SipMethodKind.Info);

    /// <summary>UPDATE.</summary>
    public static readonly SipMethod Update = new("UPDATE", SipMethodKind.Update);

    /// <summary>PRACK.</summary>
    public static readonly SipMethod Prack = new("PRACK", SipMethodKind.Prack);

    /// <summary>SUBSCRIBE.</summary>
    public static readonly SipMethod Subscribe = new("SUBSCRIBE", SipMethodKind.Subscribe);

    /// <summary>NOTIFY.</summary>
    public static readonly SipMethod Notify = new("NOTIFY", SipMethodKind.Notify);

    /// <summary>REFER.</summary>
    public static readonly SipMethod Refer = new("REFER", SipMethodKind.Refer);

    /// <summary>MESSAGE.</summary>
    public static readonly SipMethod Message = new("MESSAGE", SipMethodKind.Message);

    private static readonly SipMethod[] s_known =
    [
        Invite, Ack, Bye, Cancel, Options, Register, Info, Update, Prack, Subscribe, Notify, Refer, Message,
    ];

    private SipMethod(string name, SipMethodKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The method token exactly as it appears on the wire.</summary>
    public string Name { get; }

    /// <summary>Which well-known method this is, or <see cref="SipMethodKind.Extension"/>.</summary>
    public SipMethodKind Kind { get; }

    /// <summary>True for a default-initialised value that names no method.</summary>
    public bool IsEmpty => Name is null;

    /// <summary>Equality: method names compare case-sensitively (RFC 3261 §7.1).</summary>
    public static bool operator ==(SipMethod left, SipMethod right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SipMethod left, SipMethod right) => !left.Equals(right);

    /// <summary>Maps a UTF-8 method token to a method; known methods allocate nothing.</summary>
    /// <returns>False if <paramref name="token"/> is not an RFC 3261 token.</returns>
    public static bool TryParse(ReadOnlySpan<byte> token, out SipMethod method)
    {
        foreach (SipMethod known in s_known)
        {
            if (token.Length == known.Name.Length && Ascii.Equals(token, known.Name))
            {
                method = known;
                return true;
            }
        }

        if (!SipSyntax.IsToken(token))
        {
            method = default;
            return false;
        }

        method = new SipMethod(Encoding.ASCII.GetString(token), SipMethodKind.Extension);
        return true;
    }

    /// <summary>Maps a method name to a method.</summary>
    /// <returns>False if <paramref name="name"/> is not an RFC 3261 token.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out SipMethod method)
    {
        foreach (SipMethod known in s_known)
        {
            if (name.SequenceEqual(known.Name))
            {
                method = known;
                return true;
            }
        }

        if (!SipSyntax.IsToken(name))
        {
            method = default;
            return false;
        }

        method = new SipMethod(name.ToString(), SipMethodKind.Extension);
        return true;
    }

    /// <summary>Maps a method name to a method; throws for a name that is not a token (a programming error).</summary>
    public static SipMethod FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name.AsSpan(), out SipMethod method)
            ? method
            : throw new ArgumentException("A SIP method must be a non-empty token.", nameof(name));
    }

    /// <inheritdoc />
    public bool Equals(SipMethod other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SipMethod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;
}
