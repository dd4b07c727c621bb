using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;

namespace Telepath.Media.Agents.Custom;

/// <summary>
/// A custom agent speaking the Twilio Media Streams dialect ([TW-MS]): Telepath plays Twilio, the bot plays the
/// customer's server. μ-law 8 kHz both ways; A-law trunks are transcoded. The protocol carries no caller-speech
/// events, so a local <see cref="EnergyVad"/> marks turn boundaries for the latency metric.
/// </summary>
internal sealed class CustomAgentConnection : AgentConnectionBase
{
    private const int MaxFrameBytes = 1600;

    private readonly EnergyVad _vad;
    private readonly PlayoutLedger _ledger = new();
    private readonly long _maxBufferedBytes;
    private int _sequenceNumber;
    private long _chunk;
    private long _sentBytes;

    /// <summary>Initializes a new instance of the <see cref="CustomAgentConnection"/> class.</summary>
    public CustomAgentConnection(WebSocket socket, AgentCallContext context, AgentOptions options, CustomAgentOptions customOptions, EnergyVadOptions vadOptions, TimeProvider timeProvider, ILogger logger)
        : base(socket, context, options, timeProvider, logger)
    {
        _vad = new EnergyVad(vadOptions);
        _maxBufferedBytes = (long)(customOptions.MaxBufferedAudio.TotalMilliseconds * 8);

        // [TW-MS] §3.3: Twilio-shaped SIDs (two-letter prefix + 32 hex) in case bots validate them.
        StreamSid = "MZ" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        CallSid = "CA" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        AccountSid = "AC" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.TrunkId)).AsSpan(0, 16));
    }

    /// <inheritdoc />
    public override AgentProvider Provider => AgentProvider.Custom;

    /// <inheritdoc />
    public override AgentAudioFormat NativeFormat => AgentAudioFormat.MuLaw8000;

    /// <summary>Gets the stream SID sent in every message.</summary>
    public string StreamSid { get; }

    /// <summary>Gets the call SID sent in <c>start</c> and <c>stop</c>.</summary>
    public string CallSid { get; }

    /// <summary>Gets the account SID (stable per trunk).</summary>
    public string AccountSid { get; }

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
            // [TW-MS] media: chunk counts from 1, timestamp is ms of audio since the stream started.
            long chunk = ++_chunk;
            long timestamp = _sentBytes / 8;
            _sentBytes += frame.Length;
            Utf8JsonWriter writer = BeginMessage("media"u8);
            writer.WriteStartObject("media"u8);
            writer.WriteString("track"u8, "inbound"u8);
            WriteNumberString(writer, "chunk"u8, chunk);
            WriteNumberString(writer, "timestamp"u8, timestamp);
            writer.WriteBase64String("payload"u8, muLaw);
            writer.WriteEndObject();
            message = EndMessage(writer);
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

        OutgoingMessage message;
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = BeginMessage("dtmf"u8);
            writer.WriteStartObject("dtmf"u8);
            writer.WriteString("track"u8, "inbound_track"u8);
            Span<char> one = [digit];
            writer.WriteString("digit"u8, one);
            writer.WriteEndObject();
            message = EndMessage(writer);
        }

        return Enqueue(message);
    }

    /// <inheritdoc />
    public override void MarkPlayed(int byteCount)
    {
        _ledger.AddPlayed(byteCount);
        EchoReachedMarks();
    }

    /// <inheritdoc />
    protected override void OnStarted()
    {
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("event"u8, "connected"u8);
            writer.WriteString("protocol"u8, "Call"u8);
            writer.WriteString("version"u8, "1.0.0"u8);
            writer.WriteEndObject();
            Enqueue(Json.Complete());

            writer = BeginMessage("start"u8);
            writer.WriteStartObject("start"u8);
            writer.WriteString("accountSid"u8, AccountSid);
            writer.WriteString("streamSid"u8, StreamSid);
            writer.WriteString("callSid"u8, CallSid);
            writer.WriteStartArray("tracks"u8);
            writer.WriteStringValue("inbound"u8);
            writer.WriteEndArray();
            WriteCustomParameters(writer);
            writer.WriteStartObject("mediaFormat"u8);
            writer.WriteString("encoding"u8, "audio/x-mulaw"u8);
            writer.WriteNumber("sampleRate"u8, 8000);
            writer.WriteNumber("channels"u8, 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
            Enqueue(EndMessage(writer));
        }
    }

    /// <inheritdoc />
    protected override void OnClosing()
    {
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = BeginMessage("stop"u8);
            writer.WriteStartObject("stop"u8);
            writer.WriteString("accountSid"u8, AccountSid);
            writer.WriteString("callSid"u8, CallSid);
            writer.WriteEndObject();
            Enqueue(EndMessage(writer));
        }
    }

    /// <inheritdoc />
    protected internal override bool TryHandleMessage(ReadOnlySpan<byte> json, out string? error)
    {
        byte[]? scratch = null;
        try
        {
            if (!MediaStreamMessage.TryParse(json, ref scratch, out MediaStreamMessage message))
            {
                error = "malformed JSON from custom agent";
                return false;
            }

            error = null;
            if (message.Event.SequenceEqual("media"u8))
            {
                return TryHandleMedia(message.Payload, out error);
            }

            if (message.Event.SequenceEqual("mark"u8))
            {
                _ledger.AddMark(Encoding.UTF8.GetString(message.MarkName));
                EchoReachedMarks();
            }
            else if (message.Event.SequenceEqual("clear"u8))
            {
                // [TW-MS] §3.2: clear empties the playout queue; pending marks are answered (Fonoster's behaviour).
                _ledger.Flush();
                Emit(AgentEvent.Of(AgentEventKind.Clear));
                EchoReachedMarks();
            }
            else
            {
                // Twilio answers other events with error 31924; we log-and-ignore like [TW-MS] §3.2 advises.
                CountUnknownEvent();
            }

            return true;
        }
        finally
        {
            JsonText.Release(ref scratch);
        }
    }

    private static void WriteNumberString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out int written);
        writer.WriteString(name, digits[..written]);
    }

    private bool TryHandleMedia(ReadOnlySpan<byte> payload, out string? error)
    {
        error = null;
        byte[] audio = ArrayPool<byte>.Shared.Rent(Math.Max(Base64.GetMaxDecodedFromUtf8Length(payload.Length), 1));
        if (Base64.DecodeFromUtf8(payload, audio, out _, out int written) != OperationStatus.Done)
        {
            ArrayPool<byte>.Shared.Return(audio);
            error = "media payload is not valid base64";
            return false;
        }

        if (written == 0 || _ledger.Pending + written > _maxBufferedBytes)
        {
            ArrayPool<byte>.Shared.Return(audio);
            CountDroppedChunk();
            return true;
        }

        AudioTranscoder.Convert(audio.AsSpan(0, written), AgentAudioFormat.MuLaw8000, audio, Context.CarrierCodec);
        _ledger.AddGenerated(written);
        Emit(AgentEvent.ForAudio(audio, written));
        return true;
    }

    private void EchoReachedMarks()
    {
        while (_ledger.TryTakeReachedMark(out string name))
        {
            OutgoingMessage message;
            lock (Json.SyncRoot)
            {
                Utf8JsonWriter writer = BeginMessage("mark"u8);
                writer.WriteStartObject("mark"u8);
                writer.WriteString("name"u8, name);
                writer.WriteEndObject();
                message = EndMessage(writer);
            }

            Enqueue(message);
            Emit(AgentEvent.WithText(AgentEventKind.MarkReached, name));
        }
    }

    private void WriteCustomParameters(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("customParameters"u8);
        writer.WriteString("from"u8, Context.From);
        writer.WriteString("to"u8, Context.To);
        writer.WriteString("call_id"u8, Context.CallId);
        writer.WriteString("trunk_id"u8, Context.TrunkId);
        foreach (KeyValuePair<string, string> parameter in Context.CustomParameters)
        {
            if (parameter.Key is not ("from" or "to" or "call_id" or "trunk_id"))
            {
                writer.WriteString(parameter.Key, parameter.Value);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Starts a message with <c>event</c> and the next <c>sequenceNumber</c>; caller holds the JSON lock.</summary>
    private Utf8JsonWriter BeginMessage(ReadOnlySpan<byte> eventName)
    {
        Utf8JsonWriter writer = Json.Begin();
        writer.WriteStartObject();
        writer.WriteString("event"u8, eventName);
        WriteNumberString(writer, "sequenceNumber"u8, ++_sequenceNumber);
        return writer;
    }

    /// <summary>Ends a message with <c>streamSid</c> (on every frame but <c>connected</c>, [TW-MS] §3.1).</summary>
    private OutgoingMessage EndMessage(Utf8JsonWriter writer)
    {
        writer.WriteString("streamSid"u8, StreamSid);
        writer.WriteEndObject();
        return Json.Complete();
    }
}
