namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>Whether a SIP identity takes INVITEs right now.</summary>
[GenerateSerializer, Alias("telepath.SipAdmission")]
public enum SipAdmission
{
    /// <summary>Calls are taken (trunk <c>active</c> or <c>error</c>).</summary>
    Accept = 0,

    /// <summary>The trunk is <c>inactive</c>.</summary>
    Inactive = 1,

    /// <summary>The trunk was deleted; the user name is free to be claimed again.</summary>
    Deleted = 2,
}
