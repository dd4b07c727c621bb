using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
using Telepath.Media.Rtp;

namespace Telepath.Load;

/// <summary>
/// One simulated phone's RTP side: sends 20 ms G.711 packets from its own loopback socket and times their echo.
/// Each payload carries its send timestamp, written as 16 μ-law bytes <c>0xF0 | nibble</c> (all within a few steps of
/// silence, so no voice-activity detector on the way mistakes the probe for speech), followed by a byte saying whether
/// the packet counts. The rest of the payload is μ-law silence. One reused SocketAsyncEventArgs receives: no task and
/// no allocation per packet.
/// </summary>
internal sealed class RtpPeer : IDisposable
{
    private const int TimestampOffset = 12;
    private const int TimestampNibbles = 16;
    private const int CountingOffset = TimestampOffset + TimestampNibbles;
    private const byte Counting = 0xFE;
    private const byte Silence = 0xFF;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _packet = new byte[172];
    private readonly SocketAsyncEventArgs _receive = new();
    private readonly LongConcurrentHistogram _histogram;
    private readonly uint _ssrc;
    private SocketAddress? _target;
    private ushort _sequence;
    private uint _timestamp;
    private long _sent;
    private long _received;

    public RtpPeer(LongConcurrentHistogram histogram, uint ssrc)
    {
        _histogram = histogram;
        _ssrc = ssrc;
        _packet.AsSpan(TimestampOffset).Fill(Silence);
        _socket.ReceiveBufferSize = 256 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receive.SetBuffer(new byte[2048], 0, 2048);
        _receive.RemoteEndPoint = new IPEndPoint(IPAddress.Any, 0);
        _receive.Completed += (_, e) =>
        {
            if (OnReceived(e))
            {
                ReceiveLoop();
            }
        };
        ReceiveLoop();
    }

    /// <summary>Gets the local RTP port (what the SDP offer advertises).</summary>
    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public long Sent => Volatile.Read(ref _sent);

    public long Received => Volatile.Read(ref _received);

    /// <summary>Sends to <paramref name="port"/> on loopback from now on.</summary>
    public void Connect(int port) => Volatile.Write(ref _target, new IPEndPoint(IPAddress.Loopback, port).Serialize());

    public void ResetCounts()
    {
        Volatile.Write(ref _sent, 0);
        Volatile.Write(ref _received, 0);
    }

    public void Send(bool counting)
    {
        SocketAddress? target = Volatile.Read(ref _target);
        if (target is null)
        {
            return;
        }

        RtpPacketWriter.TryWriteHeader(_packet, false, 0, _sequence++, _timestamp += 160, _ssrc);
        WriteTimestamp(_packet.AsSpan(TimestampOffset), Stopwatch.GetTimestamp());
        _packet[CountingOffset] = counting ? Counting : Silence;
        _socket.SendTo(_packet, SocketFlags.None, target);
        if (counting)
        {
            Interlocked.Increment(ref _sent);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _receive.Dispose();
    }

    private static void WriteTimestamp(Span<byte> destination, long value)
    {
        for (int i = 0; i < TimestampNibbles; i++)
        {
            destination[i] = (byte)(0xF0 | ((value >> (i * 4)) & 0xF));
        }
    }

    private static bool TryReadTimestamp(ReadOnlySpan<byte> source, out long value)
    {
        value = 0;
        for (int i = 0; i < TimestampNibbles; i++)
        {
            if ((source[i] & 0xF0) != 0xF0)
            {
                return false;
            }

            value |= (long)(source[i] & 0xF) << (i * 4);
        }

        return true;
    }

    private void ReceiveLoop()
    {
        try
        {
            while (!_socket.ReceiveFromAsync(_receive))
            {
                if (!OnReceived(_receive))
                {
                    return;
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private bool OnReceived(SocketAsyncEventArgs e)
    {
        long arrival = Stopwatch.GetTimestamp();
        if (e.SocketError != SocketError.Success)
        {
            return false;
        }

        ReadOnlySpan<byte> packet = e.Buffer.AsSpan(0, e.BytesTransferred);
        if (packet.Length > CountingOffset && packet[CountingOffset] == Counting && TryReadTimestamp(packet[TimestampOffset..], out long sentAt))
        {
            _histogram.RecordValue(Math.Max(1, (arrival - sentAt) * 1_000_000 / Stopwatch.Frequency));
            Interlocked.Increment(ref _received);
        }

        return true;
    }
}
