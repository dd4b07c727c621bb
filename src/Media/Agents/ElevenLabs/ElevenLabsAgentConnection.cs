using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;

namespace Telepath.Media.Agents.ElevenLabs;

/// <summary>
/// An ElevenLabs conversational agent (research §2). Audio is <c>ulaw_8000</c> both ways, configured on the agent
/// and checked against <c>conversation_initiation_metadata</c>; A-law trunks are transcoded, never resampled.
/// Barge-in is the server's <c>interruption</c>: flush, then drop late audio with <c>event_id</c> ≤ the interrupted id.
/// The protocol reports no caller speech boundaries, so a local <see cref="EnergyVad"/> supplies them.
/// </summary>
internal sealed partial class ElevenLabsAgentConnection : AgentConnectionBase
{
    private const int MaxFrameBytes = 1600;

    private readonly AgentSettings _settings;
    private readonly ElevenLabsAgentOptions _options;
    private readonly EnergyVad _vad;
    private long _lastAudioEventId = -1;
    private long _interruptedEventId = -1;

    /// <summary>Initializes a new instance of the <see cref="ElevenLabsAgentConnection"/> class.</summary>
    public ElevenLabsAgentConnection(WebSocket socket, AgentCallContext context, AgentSettings settings, AgentOptions options, ElevenLabsAgentOptions elevenLabsOptions, EnergyVadOptions vadOptions, TimeProvider timeProvider, ILogger logger)
        : base(socket, context, options, timeProvider, logger)
    {
        _settings = settings;
        _options = elevenLabsOptions;
        _vad = new EnergyVad(vadOptions);
    }

    /// <inheritdoc />
    public override AgentProvider Provider => AgentProvider.ElevenLabs;

    /// <inheritdoc />
    public override AgentAudioFormat NativeFormat => AgentAudioFormat.MuLaw8000;

    /// <inheritdoc />
    public override bool SendAudio(ReadOnlySpan<byte> frame, long heldSince)
    {
        if (IsFinished || frame.Length > MaxFrameBytes)
        {
            CountDroppedFrame();
            return false;
        }

        Span<byte> muLaw = stackalloc byte[frame.Length];
        AudioTranscoder.Convert(frame, Context.CarrierCodec, muLaw, AgentAudioFormat.MuLaw8000);
        EmitVoiceActivity(_vad, muLaw);

        OutgoingMessage message;
        lock (Json.SyncRoot)
        {
            // Research §2.2: caller audio has no "type" field.
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteBase64String("user_audio_chunk"u8, muLaw);
            writer.WriteEndObject();
            message = Json.Complete();
        }

        return EnqueueFrame(message, heldSince);
    }

    /// <inheritdoc />
    public override bool SendDtmf(char digit)
    {
        if (IsFinished)
        {
            return false;
        }

        // Research §2.2: contextual_update informs the agent without interrupting it.
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("type"u8, "contextual_update"u8);
            writer.WriteString("text"u8, "The caller pressed the phone key " + digit);
            writer.WriteEndObject();
            return Enqueue(Json.Complete());
        }
    }

    /// <inheritdoc />
    protected internal override bool TryHandleMessage(ReadOnlySpan<byte> json, out string? error)
    {
        byte[]? scratch = null;
        try
        {
            if (!ConvaiServerMessage.TryParse(json, ref scratch, out ConvaiServerMessage message))
            {
                error = "malformed JSON from ElevenLabs";
                return false;
            }

            error = null;
            ReadOnlySpan<byte> type = message.Type;
            if (type.SequenceEqual("audio"u8))
            {
                return TryHandleAudio(in message, out error);
            }

            if (type.SequenceEqual("ping"u8))
            {
                SendPong(message.EventId);
            }
            else if (type.SequenceEqual("interruption"u8))
            {
                // Research §2.5: one doc variant carries {reason} and no id; then everything received so far is stale.
                _interruptedEventId = message.HasEventId ? message.EventId : _lastAudioEventId;
                Emit(AgentEvent.Of(AgentEventKind.Clear));
            }
            else if (type.SequenceEqual("conversation_initiation_metadata"u8))
            {
                return CheckFormats(in message, out error);
            }
            else if (type.SequenceEqual("user_transcript"u8))
            {
                Emit(AgentEvent.ForTranscript(TurnSpeaker.Caller, Encoding.UTF8.GetString(message.Text)));
            }
            else if (type.SequenceEqual("agent_response"u8))
            {
                Emit(AgentEvent.ForTranscript(TurnSpeaker.Agent, Encoding.UTF8.GetString(message.Text)));
            }
            else if (type.SequenceEqual("client_tool_call"u8))
            {
                RejectToolCall(message.ToolCallId);
            }
            else if (!IsKnownIgnored(type))
            {
                CountUnknownEvent();
            }

            return true;
        }
        finally
        {
            JsonText.Release(ref scratch);
        }
    }

    private static bool IsKnownIgnored(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("vad_score"u8) || type.SequenceEqual("internal_tentative_agent_response"u8)
        || type.SequenceEqual("agent_response_correction"u8) || type.SequenceEqual("contextual_update"u8);

    private static bool IsMuLaw(ReadOnlySpan<byte> format) => format.IsEmpty || format.SequenceEqual("ulaw_8000"u8);

    private bool TryHandleAudio(in ConvaiServerMessage message, out string? error)
    {
        error = null;
        if (message.HasEventId)
        {
            if (message.EventId <= _interruptedEventId)
            {
                // Research §2.5: audio of an interrupted turn can still arrive; it must not be played.
                CountDroppedChunk();
                return true;
            }

            _lastAudioEventId = message.EventId;
        }

        ReadOnlySpan<byte> payload = message.Audio;
        byte[] audio = ArrayPool<byte>.Shared.Rent(Math.Max(Base64.GetMaxDecodedFromUtf8Length(payload.Length), 1));
        if (Base64.DecodeFromUtf8(payload, audio, out _, out int written) != OperationStatus.Done)
        {
            ArrayPool<byte>.Shared.Return(audio);
            error = "audio_base_64 is not valid base64";
            return false;
        }

        if (written == 0)
        {
            ArrayPool<byte>.Shared.Return(audio);
            return true;
        }

        AudioTranscoder.Convert(audio.AsSpan(0, written), AgentAudioFormat.MuLaw8000, audio, Context.CarrierCodec);
        Emit(AgentEvent.ForAudio(audio, written));
        return true;
    }

    private bool CheckFormats(in ConvaiServerMessage message, out string? error)
    {
        // Research §2.3–2.4: formats are set on the agent; anything but ulaw_8000 would need resampling we do not do.
        if (IsMuLaw(message.AgentOutputFormat) && IsMuLaw(message.UserInputFormat))
        {
            error = null;
            return true;
        }

        error = $"ElevenLabs agent audio is {Encoding.UTF8.GetString(message.AgentOutputFormat)}/{Encoding.UTF8.GetString(message.UserInputFormat)}; configure ulaw_8000 for input and output";
        return false;
    }

    private void SendPong(long eventId)
    {
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("type"u8, "pong"u8);
            writer.WriteNumber("event_id"u8, eventId);
            writer.WriteEndObject();
            Enqueue(Json.Complete());
        }
    }

    private void RejectToolCall(ReadOnlySpan<byte> toolCallId)
    {
        // Telepath exposes no client tools; answering at once keeps the agent from waiting for a result.
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("type"u8, "client_tool_result"u8);
            writer.WriteString("tool_call_id"u8, toolCallId);
            writer.WriteString("result"u8, "client tools are not available on this phone gateway"u8);
            writer.WriteBoolean("is_error"u8, true);
            writer.WriteEndObject();
            Enqueue(Json.Complete());
        }
    }
}
