namespace Telepath.Media.Sip.Message;

/// <summary>The SIP methods Telepath knows by name; everything else is an <see cref="Extension"/> token.</summary>
internal enum SipMethodKind
{
    /// <summary>An extension method (RFC 3261 §7.1 allows any token); see <see cref="SipMethod.Name"/>.</summary>
    Extension = 0,

    /// <summary>INVITE (RFC 3261 §13).</summary>
    Invite,

    /// <summary>ACK (RFC 3261 §13.2.2.4, §17.1.1.3).</summary>
    Ack,

    /// <summary>BYE (RFC 3261 §15).</summary>
    Bye,

    /// <summary>CANCEL (RFC 3261 §9).</summary>
    Cancel,

    /// <summary>OPTIONS (RFC 3261 §11).</summary>
    Options,

    /// <summary>REGISTER (RFC 3261 §10).</summary>
    Register,

    /// <summary>INFO (RFC 6086).</summary>
    Info,

    /// <summary>UPDATE (RFC 3311).</summary>
    Update,

    /// <summary>PRACK (RFC 3262).</summary>
    Prack,

    /// <summary>SUBSCRIBE (RFC 6665).</summary>
    Subscribe,

    /// <summary>NOTIFY (RFC 6665).</summary>
    Notify,

    /// <summary>REFER (RFC 3515).</summary>
    Refer,

    /// <summary>MESSAGE (RFC 3428).</summary>
    Message,
}
