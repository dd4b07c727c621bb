namespace Telepath.Media.Sdp;

/// <summary>Mutable accumulator used by <see cref="SdpParser"/> while it walks the lines of one body.</summary>
internal sealed class SdpParseState
{
    private readonly List<SdpMediaState> _media = [];

    public bool SeenVersion { get; set; }

    public SdpOrigin? Origin { get; set; }

    public string? SessionName { get; set; }

    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; } = [];

    public List<SdpTiming> Timings { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpLine> OtherLines { get; } = [];

    public SdpMediaState? CurrentMedia => _media.Count == 0 ? null : _media[^1];

    public int MediaCount => _media.Count;

    public void AddMedia(SdpMediaState media) => _media.Add(media);

    /// <summary>Checks the mandatory lines (RFC 4566 §5: v, o, s, and for us at least one m) and builds the model.</summary>
    public SdpParseError Build(out SessionDescription? description)
    {
        description = null;
        if (!SeenVersion)
        {
            return SdpParseError.MissingVersion;
        }

        if (Origin is null)
        {
            return SdpParseError.MissingOrigin;
        }

        if (SessionName is null)
        {
            return SdpParseError.MissingSessionName;
        }

        if (_media.Count == 0)
        {
            return SdpParseError.MissingMedia;
        }

        var media = new SdpMediaDescription[_media.Count];
        for (var i = 0; i < media.Length; i++)
        {
            media[i] = _media[i].Build();
        }

        description = new SessionDescription(Origin, SessionName)
        {
            Connection = Connection,
            Bandwidths = Bandwidths.ToArray(),
            Timings = Timings.ToArray(),
            Attributes = Attributes.ToArray(),
            OtherLines = OtherLines.ToArray(),
            Media = media,
        };
        return SdpParseError.None;
    }
}
