using System.Threading.Channels;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Agents;

/// <summary>
/// One call's conversation with an AI agent, whatever the vendor (pjmedia <c>ai_port.h</c> shape: pluggable
/// backend, declared native format, small event set). The send methods are called from the call's single owner
/// and never block or throw; events arrive on <see cref="Events"/>, which completes after a final
/// <see cref="AgentEventKind.Hangup"/> or <see cref="AgentEventKind.Error"/> (or after <see cref="CloseAsync"/>).
/// </summary>
internal interface IAgentConnection : IAsyncDisposable
{
    /// <summary>Gets the protocol spoken.</summary>
    AgentProvider Provider { get; }

    /// <summary>Gets the audio format the provider receives and sends on the wire.</summary>
    AgentAudioFormat NativeFormat { get; }

    /// <summary>Gets a value indicating whether the adapter transcodes between the carrier codec and <see cref="NativeFormat"/>.</summary>
    bool Transcodes { get; }

    /// <summary>Gets the single-reader event stream.</summary>
    ChannelReader<AgentEvent> Events { get; }

    /// <summary>
    /// Gets the time our own code held each caller frame: RTP arrival (<c>heldSince</c> of
    /// <see cref="SendAudio"/>) → the frame's WebSocket message handed to the socket, the carrier → agent half of the
    /// call's gateway processing (spec §6). One writer at a time, the send pump; readers get approximate percentiles.
    /// </summary>
    LatencyHistogram CallerAudioLatency { get; }

    /// <summary>
    /// Queues one frame (normally 20 ms = 160 bytes) of caller audio in the carrier's codec; when no earlier message is
    /// still being written, the frame's message is written to the socket before this returns (a non-blocking write).
    /// </summary>
    /// <param name="frame">The audio.</param>
    /// <param name="heldSince">When our code got it (the RTP arrival, stream clock); 0 when not measured.</param>
    /// <returns>False when the frame was dropped (connection closed or send queue full).</returns>
    bool SendAudio(ReadOnlySpan<byte> frame, long heldSince);

    /// <summary>Forwards a DTMF digit (0-9, *, #, A-D) the caller pressed.</summary>
    /// <returns>False when the digit was dropped.</returns>
    bool SendDtmf(char digit);

    /// <summary>
    /// Tells the adapter that <paramref name="byteCount"/> more bytes of agent audio (carrier codec, 8 bytes per ms)
    /// left for the caller. Drives OpenAI truncation (<c>audio_end_ms</c>) and custom <c>mark</c> echoes.
    /// Bytes beyond what the agent produced (e.g. after a flush) are ignored.
    /// </summary>
    void MarkPlayed(int byteCount);

    /// <summary>Closes the conversation politely (custom agents get <c>stop</c>) and completes <see cref="Events"/>.</summary>
    /// <param name="reason">The disconnect reason (see <see cref="DisconnectReasons"/>), sent as the WebSocket close description.</param>
    /// <param name="cancellationToken">Bounds the close handshake.</param>
    ValueTask CloseAsync(string reason, CancellationToken cancellationToken);
}
