namespace Telepath.Media.Rtp.Engine;

/// <summary>
/// The call bridge's side of an <see cref="RtpStream"/>. Callbacks are synchronous and serialised per stream
/// (never two at once for the same stream), run on an engine thread, and must not block: copy or transcode the
/// payload and return. They may call <see cref="RtpStream.EnqueueAudio"/>, <see cref="RtpStream.Flush"/> and
/// <see cref="RtpStream.SendDtmf"/> of any stream.
/// </summary>
internal interface IRtpStreamConsumer
{
    /// <summary>One in-order audio payload from the caller, valid only during the call.</summary>
    /// <param name="payload">The RTP payload (e.g. 160 bytes of G.711 for 20 ms).</param>
    /// <param name="timestamp">Its RTP timestamp.</param>
    /// <param name="lostBefore">Packets skipped as lost right before this one, for concealment.</param>
    /// <param name="arrival">
    /// When the datagram that released it arrived (the kernel's receipt when
    /// <see cref="RtpEngineOptions.KernelArrivalTimestamps"/> is on), on the stream's clock: where the time our own
    /// code holds this audio starts.
    /// </param>
    void OnAudio(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore, long arrival);

    /// <summary>A completed RFC 4733 key press from the caller.</summary>
    void OnDtmf(DtmfEvent dtmf);

    /// <summary>No RTP arrived for the media timeout; called at most once per stream.</summary>
    void OnTimeout();

    /// <summary>
    /// One paced frame of <see cref="RtpStream.EnqueueAudio"/> audio was handed to the socket: what the caller
    /// actually hears, as opposed to what was queued (a barge-in flush discards the rest). Runs on the engine's
    /// pacing thread, or inside <see cref="RtpStream.EnqueueAudio"/> on the caller's thread when the frame was due at
    /// once, possibly while another callback of this stream runs on a receive thread: count, never block.
    /// </summary>
    /// <param name="byteCount">The audio payload bytes of the frame (160 for 20 ms of G.711).</param>
    void OnAudioSent(int byteCount)
    {
    }
}
