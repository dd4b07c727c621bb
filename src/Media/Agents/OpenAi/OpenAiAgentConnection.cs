using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;

namespace Telepath.Media.Agents.OpenAi;

/// <summary>
/// OpenAI Realtime (GA) over WebSocket. G.711 passes through untouched: the session asks for <c>audio/pcmu</c> or
/// <c>audio/pcma</c> to match the carrier, both ways (research §1.3). Barge-in follows research §1.7: on
/// <c>input_audio_buffer.speech_started</c> the adapter truncates the item being heard at the played duration,
/// cancels a still-generating response, drops its late deltas, and tells the bridge to flush.
/// </summary>
internal sealed partial class OpenAiAgentConnection : AgentConnectionBase
{
    private const int MaxFrameBytes = 16 * 1024;

    private readonly AgentSettings _settings;
    private readonly OpenAiAgentOptions _options;
    private readonly AssistantPlayoutTracker _playout = new();
    private readonly InputAudioClock _inputClock;
    private byte[]? _activeResponseId;
    private byte[]? _cancelledResponseId;

    /// <summary>Initializes a new instance of the <see cref="OpenAiAgentConnection"/> class.</summary>
    public OpenAiAgentConnection(WebSocket socket, AgentCallContext context, AgentSettings settings, AgentOptions options, OpenAiAgentOptions openAiOptions, TimeProvider timeProvider, ILogger logger)
        : base(socket, context, options, timeProvider, logger)
    {
        _settings = settings;
        _options = openAiOptions;
        _inputClock = new InputAudioClock(8000, timeProvider.TimestampFrequency);
    }

    /// <inheritdoc />
    public override AgentProvider Provider => AgentProvider.OpenAi;

    /// <inheritdoc />
    public override AgentAudioFormat NativeFormat => Context.CarrierCodec;

    /// <inheritdoc />
    public override bool SendAudio(ReadOnlySpan<byte> frame, long heldSince)
    {
        if (IsFinished || frame.Length > MaxFrameBytes)
        {
            CountDroppedFrame();
            return false;
        }

        OutgoingMessage message;
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("type"u8, "input_audio_buffer.append"u8);
            writer.WriteBase64String("audio"u8, frame);
            writer.WriteEndObject();
            message = Json.Complete();
        }

        // G.711 passes through: one byte per 8 kHz sample on the server's input clock.
        if (!EnqueueFrame(message, heldSince))
        {
            return false;
        }

        _inputClock.OnSent(frame.Length, Time.GetTimestamp());
        return true;
    }

    /// <inheritdoc />
    public override bool SendDtmf(char digit)
    {
        if (IsFinished || !_options.ForwardDtmfAsText)
        {
            return false;
        }

        // Research §1.6: the WebSocket API has no DTMF event, so the digit becomes a user text item plus a reply request.
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("type"u8, "conversation.item.create"u8);
            writer.WriteStartObject("item"u8);
            writer.WriteString("type"u8, "message"u8);
            writer.WriteString("role"u8, "user"u8);
            writer.WriteStartArray("content"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "input_text"u8);
            writer.WriteString("text"u8, "[The caller pressed the phone key " + digit + "]");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            bool queued = Enqueue(Json.Complete());
            return queued && EnqueueSimple("response.create"u8);
        }
    }

    /// <inheritdoc />
    public override void MarkPlayed(int byteCount) => _playout.AddPlayed(byteCount);

    /// <inheritdoc />
    protected override void OnStarted()
    {
        lock (Json.SyncRoot)
        {
            WriteSessionUpdate(Json.Begin());
            Enqueue(Json.Complete());
            if (_options.GreetOnConnect)
            {
                EnqueueSimple("response.create"u8);
            }
        }
    }

    /// <inheritdoc />
    protected override AgentEvent OnRemoteClose(WebSocketCloseStatus? status, string? description) =>
        status == WebSocketCloseStatus.NormalClosure
            ? AgentEvent.WithText(AgentEventKind.Hangup, description ?? string.Empty)
            : AgentEvent.WithText(AgentEventKind.Error, $"OpenAI closed the session: {(int?)status} {description}");

    /// <inheritdoc />
    protected internal override bool TryHandleMessage(ReadOnlySpan<byte> json, out string? error)
    {
        byte[]? scratch = null;
        try
        {
            if (!RealtimeServerMessage.TryParse(json, ref scratch, out RealtimeServerMessage message))
            {
                error = "malformed JSON from OpenAI";
                return false;
            }

            error = null;
            ReadOnlySpan<byte> type = message.Type;

            // Research §1.6: accept the beta spelling too, emit only GA names.
            if (type.SequenceEqual("response.output_audio.delta"u8) || type.SequenceEqual("response.audio.delta"u8))
            {
                return TryHandleDelta(in message, out error);
            }

            if (type.SequenceEqual("input_audio_buffer.speech_started"u8))
            {
                HandleBargeIn();
            }
            else if (type.SequenceEqual("input_audio_buffer.speech_stopped"u8))
            {
                Emit(SpeechStopped(message.AudioEndMs));
            }
            else if (type.SequenceEqual("response.created"u8))
            {
                _activeResponseId = message.ResponseId.ToArray();
                Emit(AgentEvent.Of(AgentEventKind.ResponseStarted));
            }
            else if (type.SequenceEqual("response.done"u8))
            {
                _activeResponseId = null;
                Emit(AgentEvent.Of(AgentEventKind.ResponseDone));
            }
            else if (type.SequenceEqual("response.output_audio_transcript.done"u8) || type.SequenceEqual("response.audio_transcript.done"u8))
            {
                Emit(AgentEvent.ForTranscript(TurnSpeaker.Agent, Encoding.UTF8.GetString(message.Transcript)));
            }
            else if (type.SequenceEqual("conversation.item.input_audio_transcription.completed"u8))
            {
                Emit(AgentEvent.ForTranscript(TurnSpeaker.Caller, Encoding.UTF8.GetString(message.Transcript)));
            }
            else if (type.SequenceEqual("error"u8))
            {
                return HandleError(in message, out error);
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
        type.StartsWith("session."u8) || type.StartsWith("response."u8) || type.StartsWith("conversation."u8)
        || type.StartsWith("input_audio_buffer."u8) || type.StartsWith("rate_limits."u8);

    private bool TryHandleDelta(in RealtimeServerMessage message, out string? error)
    {
        error = null;
        if (_cancelledResponseId is not null && message.ResponseId.SequenceEqual(_cancelledResponseId))
        {
            // Research §1.7 step 3: late deltas of a cancelled response are never played.
            CountDroppedChunk();
            return true;
        }

        ReadOnlySpan<byte> delta = message.Delta;
        byte[] audio = ArrayPool<byte>.Shared.Rent(Math.Max(Base64.GetMaxDecodedFromUtf8Length(delta.Length), 1));
        if (Base64.DecodeFromUtf8(delta, audio, out _, out int written) != OperationStatus.Done)
        {
            ArrayPool<byte>.Shared.Return(audio);
            error = "audio delta is not valid base64";
            return false;
        }

        if (written == 0)
        {
            ArrayPool<byte>.Shared.Return(audio);
            return true;
        }

        _playout.AddGenerated(message.ItemId, written);
        Emit(AgentEvent.ForAudio(audio, written));
        return true;
    }

    /// <summary>
    /// The end of the caller's speech as the instant it was heard here. <c>audio_end_ms</c> is where the server's VAD
    /// fired on the input clock, which includes the silence it waited for (<c>silence_duration_ms</c>), so the speech
    /// itself ended that much earlier. Without a usable position the event's arrival less the silence is the estimate.
    /// </summary>
    private AgentEvent SpeechStopped(long audioEndMs)
    {
        long silence = _options.VadSilenceDurationMs * Time.TimestampFrequency / 1000;
        if (audioEndMs >= 0 && _inputClock.TryGetArrival(Math.Max(0, audioEndMs - _options.VadSilenceDurationMs), out long endedAt))
        {
            return AgentEvent.SpeechStoppedAt(endedAt);
        }

        return AgentEvent.SpeechStoppedAt(Time.GetTimestamp() - silence);
    }

    private void HandleBargeIn()
    {
        bool responseActive = _activeResponseId is not null;
        if (_playout.TryTakeTruncation(responseActive, out string itemId, out int audioEndMs))
        {
            lock (Json.SyncRoot)
            {
                // Research §1.7 step 2c: always truncate ourselves; the server does not know what went unheard.
                Utf8JsonWriter writer = Json.Begin();
                writer.WriteStartObject();
                writer.WriteString("type"u8, "conversation.item.truncate"u8);
                writer.WriteString("item_id"u8, itemId);
                writer.WriteNumber("content_index"u8, 0);
                writer.WriteNumber("audio_end_ms"u8, audioEndMs);
                writer.WriteEndObject();
                Enqueue(Json.Complete());
            }
        }

        if (responseActive)
        {
            // Research §1.7 step 2d: cancel a response that is still generating and ignore its late deltas.
            _cancelledResponseId = _activeResponseId;
            lock (Json.SyncRoot)
            {
                EnqueueSimple("response.cancel"u8);
            }
        }

        Emit(AgentEvent.Of(AgentEventKind.SpeechStarted));
        Emit(AgentEvent.Of(AgentEventKind.Clear));
    }

    private bool HandleError(in RealtimeServerMessage message, out string? error)
    {
        string code = Encoding.UTF8.GetString(message.ErrorCode.IsEmpty ? message.ErrorType : message.ErrorCode);
        string text = Encoding.UTF8.GetString(message.ErrorMessage);
        if (IsFatalError(message.ErrorCode))
        {
            error = $"OpenAI error {code}: {text}";
            return false;
        }

        // Most errors concern one client event (a late truncate, a cancel with nothing to cancel) and are harmless.
        AgentLog.ProviderWarning(Logger, Provider, Context.CallId, code, text);
        error = null;
        return true;
    }

    private static bool IsFatalError(ReadOnlySpan<byte> code) =>
        code.SequenceEqual("session_expired"u8) || code.SequenceEqual("invalid_api_key"u8)
        || code.SequenceEqual("insufficient_quota"u8) || code.SequenceEqual("model_not_found"u8)
        || code.SequenceEqual("invalid_model"u8);

    /// <summary>Queues <c>{"type":…}</c>; caller holds the JSON lock.</summary>
    private bool EnqueueSimple(ReadOnlySpan<byte> type)
    {
        Utf8JsonWriter writer = Json.Begin();
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteEndObject();
        return Enqueue(Json.Complete());
    }
}
