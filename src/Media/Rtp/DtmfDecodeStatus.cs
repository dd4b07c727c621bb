namespace Telepath.Media.Rtp;

/// <summary>Outcome of feeding one telephone-event payload to <see cref="Rfc4733DtmfDecoder"/>.</summary>
internal enum DtmfDecodeStatus
{
    /// <summary>Not a valid telephone-event payload (shorter than 4 bytes).</summary>
    Invalid,

    /// <summary>A new key press began (first packet of a new event timestamp).</summary>
    Started,

    /// <summary>An update of the current event, a redundant end packet, or a non-DTMF event: nothing to report.</summary>
    Continued,

    /// <summary>A key press ended; the event is in the out parameter.</summary>
    Ended,
}
