using System.Net.Sockets;

namespace Telepath.Load;

/// <summary>
/// The gateway of the loopback floor, one per epoll thread: a phone's datagram becomes one TCP message to the agent,
/// and an agent's message becomes one datagram to the phone, each on the thread that read it. No parsing, no codec,
/// no JSON, no pacing: only the system calls the bridge cannot avoid.
/// </summary>
internal sealed class FloorGateway
{
    private readonly byte[] _datagram = new byte[FloorStream.DatagramBytes];
    private readonly byte[] _message = new byte[FloorStream.MessageBytes];
    private long _failedWrites;

    /// <summary>Gets the writes the socket did not take whole (the agent fell behind): each one is a lost frame.</summary>
    public long FailedWrites => Volatile.Read(ref _failedWrites);

    /// <summary>A phone's datagram is waiting on the call's gateway UDP socket.</summary>
    public void OnDatagram(FloorStream stream)
    {
        int read = stream.GatewayUdp.Receive(_datagram, 0, _datagram.Length, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success || read < FloorFrame.StampBytes)
        {
            return;
        }

        _datagram.AsSpan(0, FloorFrame.StampBytes).CopyTo(_message);
        Write(stream.GatewayTcp, _message);
    }

    /// <summary>Agent bytes are waiting on the call's gateway TCP socket.</summary>
    public void OnMessage(FloorStream stream)
    {
        stream.GatewayInbox.ReadFrom(stream.GatewayTcp, (Gateway: this, Stream: stream), static (state, message) =>
        {
            message[..FloorFrame.StampBytes].CopyTo(state.Gateway._datagram);
            state.Gateway.Write(state.Stream.GatewayUdp, state.Gateway._datagram);
        });
    }

    private void Write(Socket socket, ReadOnlySpan<byte> bytes)
    {
        if (socket.Send(bytes, SocketFlags.None, out SocketError error) != bytes.Length || error != SocketError.Success)
        {
            Interlocked.Increment(ref _failedWrites);
        }
    }
}
