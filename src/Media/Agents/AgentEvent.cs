using System.Buffers;
using Telepath.Media.Edge;

namespace Telepath.Media.Agents;

/// <summary>
/// One event from an agent connection. A struct so the steady-state audio path allocates nothing: the audio
/// bytes live in a buffer rented from <see cref="ArrayPool{T}.Shared"/> that the single consumer returns.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Buffer">For <see cref="AgentEventKind.AudioChunk"/>: the pooled buffer holding the audio, otherwise null.</param>
/// <param name="Length">For <see cref="AgentEventKind.AudioChunk"/>: the number of audio bytes in <paramref name="Buffer"/>.</param>
/// <param name="Text">Transcript text, mark name or error description; otherwise null.</param>
/// <param name="Speaker">For <see cref="AgentEventKind.Transcript"/>: who spoke.</param>
internal readonly record struct AgentEvent(AgentEventKind Kind, byte[]? Buffer, int Length, string? Text, TurnSpeaker Speaker)
{
    /// <summary>
    /// Gets the <see cref="TimeProvider.GetTimestamp"/> instant the event reports, when that lies before the event was
    /// emitted (the caller's speech ended some time before a VAD could say so), or 0 when it happened as emitted.
    /// </summary>
    public long OccurredAt { get; init; }

    /// <summary>Gets the audio bytes of an <see cref="AgentEventKind.AudioChunk"/> (empty for other kinds).</summary>
    public ReadOnlySpan<byte> Audio => Buffer is null ? default : Buffer.AsSpan(0, Length);

    /// <summary>Creates a plain event that carries no data.</summary>
    public static AgentEvent Of(AgentEventKind kind) => new(kind, null, 0, null, default);

    /// <summary>Creates a <see cref="AgentEventKind.SpeechStopped"/> for speech that ended at <paramref name="endedAt"/>.</summary>
    public static AgentEvent SpeechStoppedAt(long endedAt) => Of(AgentEventKind.SpeechStopped) with { OccurredAt = endedAt };

    /// <summary>Creates an event carrying text (mark name, error description).</summary>
    public static AgentEvent WithText(AgentEventKind kind, string text) => new(kind, null, 0, text, default);

    /// <summary>Creates a transcript event.</summary>
    public static AgentEvent ForTranscript(TurnSpeaker speaker, string text) => new(AgentEventKind.Transcript, null, 0, text, speaker);

    /// <summary>Creates an audio event over a buffer rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static AgentEvent ForAudio(byte[] pooledBuffer, int length) => new(AgentEventKind.AudioChunk, pooledBuffer, length, null, default);

    /// <summary>Returns an audio event's buffer to the pool. Call exactly once per audio event, after the bytes are copied out.</summary>
    public void ReturnBuffer()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
