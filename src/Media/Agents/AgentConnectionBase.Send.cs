using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Telepath.Media.Agents;

/// <summary>The send path of an agent connection.</summary>
/// <remarks>
/// Send path: a message is sent inline by the thread that queues it (for caller audio, the RTP engine's receive
/// callback) when no send is in progress and nothing is queued ahead of it; the socket write nearly always completes
/// synchronously, so a frame reaches the kernel without a thread-pool hop. Otherwise it waits in the queue for the
/// send loop. The bridge-relay load showed the hop as the caller → agent delay under load: at 200–300 calls every
/// frame queued one work item per call behind everything else on the pool. One <see cref="SemaphoreSlim"/> gates
/// sending; the loop takes it before reading the queue and the inline path sends only while holding it with the
/// queue empty, so messages still leave in the order they were queued.
/// </remarks>
internal abstract partial class AgentConnectionBase
{
    /// <summary>Queues a message written with <see cref="Json"/>; returns its buffer to the pool when the queue refuses it.</summary>
    protected bool Enqueue(OutgoingMessage message)
    {
        if (Volatile.Read(ref _started) != 0 && _sendGate.Wait(0))
        {
            return SendInline(message);
        }

        if (_outgoing.Writer.TryWrite(message))
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(message.Buffer);
        return false;
    }

    /// <summary>Sends <paramref name="message"/> now, holding the send gate; queues it instead when others wait ahead.</summary>
    private bool SendInline(OutgoingMessage message)
    {
        if (Volatile.Read(ref _sendClosed) != 0 || SendFailure is not null)
        {
            _sendGate.Release();
            ArrayPool<byte>.Shared.Return(message.Buffer);
            return false;
        }

        if (_outgoing.Reader.Count > 0)
        {
            // Older messages wait for the loop; going ahead of them would reorder the stream.
            bool queued = _outgoing.Writer.TryWrite(message);
            _sendGate.Release();
            if (!queued)
            {
                ArrayPool<byte>.Shared.Return(message.Buffer);
            }

            return queued;
        }

        ValueTask send;
        try
        {
            send = _socket.SendAsync(message.Buffer.AsMemory(0, message.Length), WebSocketMessageType.Text, true, _lifetime.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            SendFailure = ex;
            _sendGate.Release();
            ArrayPool<byte>.Shared.Return(message.Buffer);
            return true;
        }

        if (send.IsCompleted)
        {
            FinishSend(send, message);
            return true;
        }

        _ = CompleteSendAsync(send, message);
        return true;
    }

    /// <summary>Waits for an inline send the socket could not finish at once, then frees the gate for the loop.</summary>
    private async Task CompleteSendAsync(ValueTask send, OutgoingMessage message)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            SendFailure = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message.Buffer);
            _sendGate.Release();
        }
    }

    private void FinishSend(ValueTask send, OutgoingMessage message)
    {
        try
        {
            send.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            SendFailure = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message.Buffer);
            _sendGate.Release();
        }
    }

    private async Task SendLoopAsync()
    {
        ChannelReader<OutgoingMessage> reader = _outgoing.Reader;
        bool holding = false;
        try
        {
            while (await reader.WaitToReadAsync(_lifetime.Token).ConfigureAwait(false))
            {
                // The gate before the read: whatever the loop takes from the queue leaves before any later inline send.
                await _sendGate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                holding = true;
                while (SendFailure is null && reader.TryRead(out OutgoingMessage message))
                {
                    try
                    {
                        await _socket.SendAsync(message.Buffer.AsMemory(0, message.Length), WebSocketMessageType.Text, true, _lifetime.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(message.Buffer);
                    }
                }

                holding = false;
                _sendGate.Release();
                if (SendFailure is not null)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The receive loop sees the same broken socket and reports it; here we only stop sending.
            SendFailure = ex;
        }
        finally
        {
            if (holding)
            {
                _sendGate.Release();
            }

            while (reader.TryRead(out OutgoingMessage left))
            {
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }
}
