using System.Net.Sockets;

namespace Telepath.Load;

/// <summary>Fixed-size messages reassembled from a TCP stream: one read takes what is there, whole messages come out.</summary>
internal sealed class FloorInbox
{
    private readonly byte[] _buffer;
    private readonly int _messageBytes;
    private int _filled;

    public FloorInbox(int messageBytes)
    {
        _messageBytes = messageBytes;
        _buffer = new byte[messageBytes * 16];
    }

    /// <summary>Reads once from <paramref name="socket"/> and calls <paramref name="onMessage"/> for each whole message.</summary>
    /// <returns>False when the peer closed or the read failed.</returns>
    public bool ReadFrom<TState>(Socket socket, TState state, Action<TState, Span<byte>> onMessage)
    {
        int read = socket.Receive(_buffer, _filled, _buffer.Length - _filled, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success || read == 0)
        {
            return error == SocketError.WouldBlock;
        }

        _filled += read;
        int offset = 0;
        while (_filled - offset >= _messageBytes)
        {
            onMessage(state, _buffer.AsSpan(offset, _messageBytes));
            offset += _messageBytes;
        }

        _filled -= offset;
        if (offset > 0 && _filled > 0)
        {
            Buffer.BlockCopy(_buffer, offset, _buffer, 0, _filled);
        }

        return true;
    }
}
