using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// The carrier's media side on a loopback UDP socket: sends RTP (RFC 3550 §5.1 fixed header, written here so the
/// test does not lean on the code under test) and parses every packet the silo sends back, in arrival order.
/// </summary>
internal sealed class RtpCaller : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Channel<RtpReceived> _inbox = Channel.CreateUnbounded<RtpReceived>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private int _received;

    public RtpCaller()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>The local RTP port (offered in the SDP).</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Packets received so far (read or not).</summary>
    public int ReceivedCount => Volatile.Read(ref _received);

    public uint Ssrc { get; } = 0x5EED1234;

    /// <summary>Sends one RTP packet to the silo's media port.</summary>
    public void Send(int port, ushort sequence, uint timestamp, byte payloadType, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80; // V=2, no padding, no extension, no CSRC.
        packet[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), Ssrc);
        payload.CopyTo(packet.AsSpan(12));
        _socket.SendTo(packet, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>The next packet from the silo, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<RtpReceived?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _inbox.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The next packet from the silo; fails the test when none arrives within 10 s.</summary>
    public async Task<RtpReceived> ReceiveAsync() =>
        await ReceiveAsync(TimeSpan.FromSeconds(10)) ?? throw new Xunit.Sdk.XunitException("no RTP from the silo within 10 s");

    /// <summary>
    /// Reads packets until none has arrived for <paramref name="quiet"/>: the stream has stopped (a poll with a timeout,
    /// never an assertion on durations).
    /// </summary>
    public async Task<List<RtpReceived>> ReceiveUntilQuietAsync(TimeSpan quiet)
    {
        var packets = new List<RtpReceived>();
        while (await ReceiveAsync(quiet) is RtpReceived packet)
        {
            packets.Add(packet);
        }

        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiveLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            if (RtpReceived.TryParse(buffer.AsSpan(0, result.ReceivedBytes), out RtpReceived? packet))
            {
                Interlocked.Increment(ref _received);
                _inbox.Writer.TryWrite(packet);
            }
        }
    }
}
