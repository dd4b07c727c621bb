using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Trunks;

/// <summary>The stored part of a SIP identity: the current holder's admission data.</summary>
[GenerateSerializer, Alias("telepath.SipIdentityState")]
internal sealed class SipIdentityState
{
    [Id(0)] public SipIdentityView? Identity { get; set; }

    /// <summary>Never shows the hashes.</summary>
    public override string ToString() => $"SipIdentityState {{ {Identity} }}";
}
