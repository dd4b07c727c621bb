namespace Telepath.Media.Sdp;

/// <summary>Mutable accumulator for one media description while <see cref="SdpParser"/> reads its lines.</summary>
internal sealed class SdpMediaState(string media, int port, int? portCount, string protocol, string[] formats)
{
    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpLine> OtherLines { get; } = [];

    public SdpMediaDescription Build() => new(media, port, portCount, protocol, formats)
    {
        Connection = Connection,
        Bandwidths = Bandwidths.ToArray(),
        Attributes = Attributes.ToArray(),
        OtherLines = OtherLines.ToArray(),
    };
}
