using System.Net.WebSockets;
using System.Text;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// A WebSocket whose sends the test controls: each completes at once, or stays pending until the test releases or
/// fails it, as a real socket does when the peer stops reading and TCP pushes back. Records what was sent, and on
/// which thread.
/// </summary>
internal sealed class ScriptedWebSocket : WebSocket
{
    private readonly Lock _gate = new();
    private readonly List<(string Text, int ThreadId)> _sent = [];
    private TaskCompletionSource? _pending;
    private WebSocketState _state = WebSocketState.Open;

    /// <summary>Gets or sets a value indicating whether the next sends stay pending until <see cref="ReleasePending"/>.</summary>
    public bool HoldSends { get; set; }

    /// <summary>Gets or sets the exception the next send throws at once, if any.</summary>
    public Exception? FailNextSend { get; set; }

    /// <summary>Gets how many sends were started while another one was still pending (must stay 0).</summary>
    public int OverlappingSends { get; private set; }

    public override WebSocketCloseStatus? CloseStatus => null;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    /// <summary>Gets the texts sent so far, in order.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent.Select(static s => s.Text)];
            }
        }
    }

    /// <summary>Gets the managed thread ids the sends were started on, in order.</summary>
    public IReadOnlyList<int> SendThreads
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent.Select(static s => s.ThreadId)];
            }
        }
    }

    /// <summary>Lets the pending send complete (and stops holding later ones).</summary>
    public void ReleasePending()
    {
        TaskCompletionSource? pending;
        lock (_gate)
        {
            HoldSends = false;
            pending = _pending;
            _pending = null;
        }

        pending?.TrySetResult();
    }

    public override void Abort()
    {
        TaskCompletionSource? pending;
        lock (_gate)
        {
            _state = WebSocketState.Aborted;
            pending = _pending;
            _pending = null;
        }

        pending?.TrySetException(new WebSocketException(WebSocketError.InvalidState, "aborted"));
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        _state = WebSocketState.CloseSent;
        return Task.CompletedTask;
    }

    public override void Dispose() => Abort();

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The pump only sends.");

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        SendAsync(buffer.AsMemory(), messageType, endOfMessage, cancellationToken).AsTask();

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (FailNextSend is Exception failure)
        {
            FailNextSend = null;
            throw failure;
        }

        lock (_gate)
        {
            if (_state != WebSocketState.Open)
            {
                throw new WebSocketException(WebSocketError.InvalidState, "not open");
            }

            if (_pending is not null)
            {
                OverlappingSends++;
            }

            _sent.Add((Encoding.UTF8.GetString(buffer.Span), Environment.CurrentManagedThreadId));
            if (!HoldSends)
            {
                return ValueTask.CompletedTask;
            }

            _pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask(_pending.Task);
        }
    }
}
