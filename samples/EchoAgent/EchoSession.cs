using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Telepath.Samples.EchoAgent;

/// <summary>
/// One call. Telepath plays Twilio: it sends <c>connected</c>, <c>start</c>, then 20 ms <c>media</c> frames, <c>dtmf</c>,
/// <c>mark</c> echoes and <c>stop</c>. The agent answers with <c>media</c> (the caller's own audio, a little later),
/// a DTMF tone per digit followed by a <c>mark</c>, and <c>clear</c> when a digit interrupts the echo.
/// </summary>
internal sealed class EchoSession
{
    private readonly WebSocket _socket;
    private readonly EchoAgentOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<(long DueTimestamp, string Payload)> _delayLine = Channel.CreateUnbounded<(long, string)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private string _streamSid = string.Empty;
    private long _frames;

    /// <summary>Initializes a new instance of the <see cref="EchoSession"/> class.</summary>
    public EchoSession(WebSocket socket, EchoAgentOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Runs the call until Telepath sends <c>stop</c> or closes the socket.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task echo = EchoLoopAsync(stop.Token);
        try
        {
            await ReceiveLoopAsync(stop.Token);
        }
        catch (WebSocketException)
        {
            // Telepath went away without a close frame (e.g. the call was torn down); nothing left to do.
        }
        finally
        {
            _delayLine.Writer.TryComplete();
            await stop.CancelAsync();
            await echo;
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            bool more = await HandleAsync(message.GetBuffer().AsMemory(0, (int)message.Length), cancellationToken);
            message.SetLength(0);
            if (!more)
            {
                return;
            }
        }
    }

    /// <summary>Handles one message; false after <c>stop</c>.</summary>
    private async Task<bool> HandleAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            EchoLog.Ignored(_logger, ex.Message);
            return true;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            string kind = root.TryGetProperty("event", out JsonElement name) ? name.GetString() ?? string.Empty : string.Empty;
            switch (kind)
            {
                case "connected":
                    return true;
                case "start":
                    OnStart(root.GetProperty("start"));
                    return true;
                case "media":
                    // Echo later: the payload is already base64 μ-law 8 kHz, exactly what Telepath accepts back.
                    _frames++;
                    long due = _timeProvider.GetTimestamp() + (long)(_options.DelayMs / 1000.0 * _timeProvider.TimestampFrequency);
                    _delayLine.Writer.TryWrite((due, root.GetProperty("media").GetProperty("payload").GetString() ?? string.Empty));
                    return true;
                case "dtmf":
                    await OnDigitAsync(root.GetProperty("dtmf").GetProperty("digit").GetString() ?? "?", cancellationToken);
                    return true;
                case "mark":
                    EchoLog.MarkReached(_logger, root.GetProperty("mark").GetProperty("name").GetString() ?? string.Empty);
                    return true;
                case "stop":
                    EchoLog.Stopped(_logger, _streamSid, _frames);
                    return false;
                default:
                    EchoLog.Ignored(_logger, "event " + kind);
                    return true;
            }
        }
    }

    private void OnStart(JsonElement start)
    {
        _streamSid = start.GetProperty("streamSid").GetString() ?? string.Empty;
        JsonElement format = start.GetProperty("mediaFormat");
        string parameters = start.TryGetProperty("customParameters", out JsonElement custom) ? custom.GetRawText() : "{}";
        EchoLog.Started(
            _logger,
            _streamSid,
            start.GetProperty("callSid").GetString() ?? string.Empty,
            format.GetProperty("encoding").GetString() ?? string.Empty,
            format.GetProperty("sampleRate").GetInt32(),
            parameters);
    }

    private async Task OnDigitAsync(string digit, CancellationToken cancellationToken)
    {
        EchoLog.Digit(_logger, digit);

        // A digit interrupts whatever echo Telepath still has queued: clear is the barge-in primitive.
        await SendAsync(writer =>
        {
            writer.WriteString("event", "clear");
            writer.WriteString("streamSid", _streamSid);
        }, cancellationToken);
        byte[] tone = DtmfTone.Create(digit.Length == 1 ? digit[0] : '?', _options.ToneMs);
        await SendMediaAsync(Convert.ToBase64String(tone), cancellationToken);

        // Telepath echoes this mark once the caller has heard the whole tone.
        await SendAsync(writer =>
        {
            writer.WriteString("event", "mark");
            writer.WriteString("streamSid", _streamSid);
            writer.WriteStartObject("mark");
            writer.WriteString("name", "tone-" + digit);
            writer.WriteEndObject();
        }, cancellationToken);
    }

    /// <summary>Sends each queued frame back once its delay has passed (frames arrive in order, so due times rise).</summary>
    private async Task EchoLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach ((long dueTimestamp, string payload) in _delayLine.Reader.ReadAllAsync(cancellationToken))
            {
                TimeSpan wait = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), dueTimestamp);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _timeProvider, cancellationToken);
                }

                await SendMediaAsync(payload, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The call ended.
        }
    }

    private Task SendMediaAsync(string payload, CancellationToken cancellationToken) =>
        SendAsync(writer =>
        {
            writer.WriteString("event", "media");
            writer.WriteString("streamSid", _streamSid);
            writer.WriteStartObject("media");
            writer.WriteString("payload", payload);
            writer.WriteEndObject();
        }, cancellationToken);

    private async Task SendAsync(Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
