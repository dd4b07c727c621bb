namespace Telepath.Api.Trunks;

/// <summary>The SIP side of trunks, bound from <c>Telepath:Sip</c>.</summary>
public sealed class TrunkSipOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telepath:Sip";

    /// <summary>
    /// The SIP domain carriers send to: shown as <c>sip_endpoint</c>, part of <c>sip_uri</c>, and the digest realm the
    /// stored HA1 hashes are computed with. Changing it invalidates every stored SIP password (each trunk's password
    /// must then be rotated). Default <c>localhost</c>.
    /// </summary>
    public string Domain { get; set; } = "localhost";
}
