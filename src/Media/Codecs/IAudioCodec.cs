namespace Telepath.Media.Codecs;

/// <summary>
/// A narrow-band audio codec that converts between 16-bit linear PCM and an RTP payload.
/// Implementations are stateless per call so one instance can serve many streams.
/// </summary>
internal interface IAudioCodec
{
    /// <summary>Gets the static RTP payload type (RFC 3551 §6, table 4).</summary>
    byte PayloadType { get; }

    /// <summary>Gets the RTP clock rate in Hz.</summary>
    int ClockRate { get; }

    /// <summary>Gets the SDP encoding name (e.g. <c>PCMU</c>).</summary>
    string Name { get; }

    /// <summary>Gets the number of payload bytes produced for <paramref name="sampleCount"/> PCM samples.</summary>
    int GetEncodedLength(int sampleCount);

    /// <summary>Gets the number of PCM samples produced by decoding <paramref name="payloadLength"/> bytes.</summary>
    int GetDecodedLength(int payloadLength);

    /// <summary>Encodes PCM16 samples into <paramref name="payload"/>.</summary>
    /// <returns>The number of bytes written, or -1 when <paramref name="payload"/> is too small.</returns>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);

    /// <summary>Decodes an RTP payload into PCM16 samples.</summary>
    /// <returns>The number of samples written, or -1 when <paramref name="pcm"/> is too small.</returns>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);
}
