using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Telepath.TestKit.Agents;

/// <summary>
/// One accepted WebSocket on a <see cref="FakeAgentServer"/>: what the client sent during the handshake and on the
/// socket, and methods for a test script to answer as the provider would.
/// </summary>
public sealed class FakeAgentSession
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _inbox = Channel.CreateUnbounded<JsonElement>();
    private readonly ConcurrentQueue<string> _received = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeAgentSession(WebSocket socket, string path, string query, IReadOnlyDictionary<string, string> headers)
    {
        _socket = socket;
        Path = path;
        Query = query;
        Headers = headers;
    }

    /// <summary>Gets the exception that ended the receive pump, if any.</summary>
    public Exception? PumpError { get; private set; }

    /// <summary>Gets the exception the test script ended with, if any.</summary>
    public Exception? ScriptError { get; internal set; }

    /// <summary>Gets the request path of the handshake.</summary>
    public string Path { get; }

    /// <summary>Gets the query string of the handshake, including the leading <c>?</c>.</summary>
    public string Query { get; }

    /// <summary>Gets the handshake headers (names in lower case).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets every text message received so far, in order.</summary>
    public IReadOnlyCollection<string> Received => _received;

    /// <summary>Gets a task that completes with the client's close status when the socket closes (null when it broke).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>Waits for the next JSON message from the client.</summary>
    public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken = default) =>
        await _inbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Waits for the next message whose string property <paramref name="property"/> equals <paramref name="value"/>, skipping others.</summary>
    public async Task<JsonElement> ReceiveWhereAsync(string property, string value, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            JsonElement message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty(property, out JsonElement found)
                && found.ValueKind == JsonValueKind.String
                && found.GetString() == value)
            {
                return message;
            }
        }
    }

    /// <summary>Waits for the next message that has a top-level property <paramref name="property"/>.</summary>
    public async Task<JsonElement> ReceiveWithAsync(string property, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            JsonElement message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty(property, out _))
            {
                return message;
            }
        }
    }

    /// <summary>Sends a text frame as is (it need not be valid JSON).</summary>
    public async Task SendTextAsync(string text, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Serializes <paramref name="message"/> (an anonymous object or dictionary) and sends it.</summary>
    public Task SendJsonAsync(object message, CancellationToken cancellationToken = default) =>
        SendTextAsync(JsonSerializer.Serialize(message), cancellationToken);

    /// <summary>Sends a binary frame (not valid in any of the three dialects).</summary>
    public async Task SendBinaryAsync(byte[] data, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(data, WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the socket from the provider side (e.g. the agent ended the conversation).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "bye", CancellationToken cancellationToken = default)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads client frames until the socket closes; records text and answers the close handshake.</summary>
    internal async Task PumpAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", cancellationToken).ConfigureAwait(false);
                    }

                    _closed.TrySetResult(result.CloseStatus);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                string text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                _received.Enqueue(text);
                using JsonDocument document = JsonDocument.Parse(text);
                _inbox.Writer.TryWrite(document.RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
            PumpError = ex;
            _closed.TrySetResult(null);
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
