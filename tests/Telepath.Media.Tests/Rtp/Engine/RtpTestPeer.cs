using System.Net;
using System.Net.Sockets;
using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp.Engine;

/// <summary>A loopback UDP endpoint playing the carrier's side of a call.</summary>
internal sealed class RtpTestPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public RtpTestPeer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public uint Ssrc { get; set; } = 0x11223344;

    public void SendRtp(int port, ushort sequence, uint timestamp, byte payloadType, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var packet = new byte[RtpHeader.FixedLength + payload.Length];
        RtpPacketWriter.TryWrite(packet, marker, payloadType, sequence, timestamp, Ssrc, payload, out int length);
        SendRaw(port, packet.AsSpan(0, length));
    }

    public void SendRaw(int port, ReadOnlySpan<byte> datagram) =>
        _socket.SendTo(datagram, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>Receives one datagram, or null after <paramref name="timeoutMs"/>.</summary>
    public async Task<byte[]?> ReceiveAsync(int timeoutMs = 3000)
    {
        var buffer = new byte[2048];
        using var cts = new CancellationTokenSource(timeoutMs);
        try
        {
            SocketReceiveFromResult result = await _socket.ReceiveFromAsync(
                buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return buffer.AsSpan(0, result.ReceivedBytes).ToArray();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static byte[] Payload(int seed, int length = 160)
    {
        var payload = new byte[length];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(seed + i);
        }

        return payload;
    }

    public void Dispose() => _socket.Dispose();
}
