using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Load;

/// <summary>
/// One simulated phone's RTP side: sends 20 ms G.711 packets from its own loopback socket and times their echo.
/// Each payload is a probe (<see cref="ProbePayload"/>): its send time and whether the packet counts; the rest is
/// μ-law silence. Echoes stamped by the probe agent add the per-direction delays, and agent bursts followed by a
/// clear notice give the barge-in flush time (both into an optional <see cref="ProbeRecorder"/>). On Linux every phone
/// is read by one real-time epoll thread (<see cref="PhoneReceiveThread"/>), so the generator costs the shared cores
/// no thread-pool hop per packet; elsewhere one reused SocketAsyncEventArgs receives. Arrival is when the phone's kernel received
/// the datagram (<see cref="KernelArrivalClock"/>), not when a thread of this load process got round to it: the
/// generator shares the cores, and its own wait for a thread is not delay Telepath added.
/// </summary>
internal sealed class RtpPeer : IPacedPhone, IEpollHandler, IDisposable
{
    private const int PayloadOffset = 12;
    private const int RecentBurstFrames = 16;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _packet = new byte[172];
    private readonly SocketAsyncEventArgs _receive = new();
    private readonly KernelArrivalClock? _arrivalClock = KernelArrivalClock.IsSupported ? new KernelArrivalClock(TimeProvider.System) : null;
    private readonly LongConcurrentHistogram _histogram;
    private readonly ProbeRecorder? _probe;
    private readonly long[] _recentBurstArrivals = new long[RecentBurstFrames];
    private readonly uint _ssrc;
    private readonly EpollMediaThread? _epoll;
    private readonly int _epollToken = -1;
    private SocketAddress? _target;
    private ushort _sequence;
    private uint _timestamp;
    private long _sent;
    private long _received;
    private long _burstId = -1;
    private int _burstFrames;
    private bool _counting;

    public RtpPeer(LongConcurrentHistogram histogram, uint ssrc, ProbeRecorder? probe = null)
    {
        _histogram = histogram;
        _ssrc = ssrc;
        _probe = probe;
        _packet.AsSpan(PayloadOffset).Fill(ProbePayload.Silence);
        _socket.ReceiveBufferSize = 256 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _arrivalClock?.Enable(_socket);
        _receive.SetBuffer(new byte[2048], 0, 2048);
        _receive.RemoteEndPoint = new IPEndPoint(IPAddress.Any, 0);
        if (PhoneReceiveThread.Loop is { } loop)
        {
            _epoll = loop;
            _epollToken = loop.Register(_socket, this, EpollNativeMethods.EpollIn);
            return;
        }

        _receive.Completed += (_, e) =>
        {
            if (OnReceived(e))
            {
                ReceiveLoop();
            }
        };
        ReceiveLoop();
    }

    /// <summary>Called by the phones' epoll thread: one datagram is waiting (level-triggered).</summary>
    public void OnEpollEvents(int events)
    {
        int read = _socket.Receive(_receive.Buffer, SocketFlags.None, out SocketError error);
        if (error == SocketError.Success)
        {
            OnReceived(_receive.Buffer.AsSpan(0, read));
        }
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

        Volatile.Write(ref _counting, counting);
        RtpPacketWriter.TryWriteHeader(_packet, false, 0, _sequence++, _timestamp += 160, _ssrc);
        Span<byte> payload = _packet.AsSpan(PayloadOffset);
        ProbePayload.Write(payload, ProbePayload.FirstOffset, Stopwatch.GetTimestamp());
        payload[ProbePayload.KindOffset] = counting ? ProbePayload.Counting : ProbePayload.Silence;
        _socket.SendTo(_packet, SocketFlags.None, target);
        if (counting)
        {
            Interlocked.Increment(ref _sent);
        }
    }

    public void Dispose()
    {
        _epoll?.Unregister(_socket, _epollToken);
        _socket.Dispose();
        _receive.Dispose();
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
        if (e.SocketError != SocketError.Success)
        {
            return false;
        }

        OnReceived(e.Buffer.AsSpan(0, e.BytesTransferred));
        return true;
    }

    private void OnReceived(ReadOnlySpan<byte> packet)
    {
        // One receive at a time per phone, so the clock's buffer is never shared.
        long now = Stopwatch.GetTimestamp();
        long arrival = _arrivalClock?.ArrivalOf(_socket, now) ?? now;
        if (packet.Length < PayloadOffset + ProbePayload.Length)
        {
            return;
        }

        ReadOnlySpan<byte> payload = packet[PayloadOffset..];
        switch (ProbePayload.KindOf(payload))
        {
            case ProbePayload.Counting:
                OnEcho(payload, arrival, stamped: false);
                break;
            case ProbePayload.Stamped:
                OnEcho(payload, arrival, stamped: true);
                break;
            case ProbePayload.Burst:
                OnBurstFrame(payload, arrival);
                break;
            case ProbePayload.ClearNotice:
                OnClearNotice(payload, arrival);
                break;
        }
    }

    private void OnEcho(ReadOnlySpan<byte> payload, long arrival, bool stamped)
    {
        if (!ProbePayload.TryRead(payload, ProbePayload.FirstOffset, out long sentAt))
        {
            return;
        }

        _histogram.RecordValue(Math.Max(1, (arrival - sentAt) * 1_000_000 / Stopwatch.Frequency));
        Interlocked.Increment(ref _received);
        if (stamped && _probe is not null
            && ProbePayload.TryRead(payload, ProbePayload.SecondOffset, out long agentReceived)
            && ProbePayload.TryRead(payload, ProbePayload.ThirdOffset, out long agentSent))
        {
            _probe.OnEcho(sentAt, agentReceived, agentSent, arrival);
        }
    }

    // Only the last few arrivals of the current burst are kept: a clear can only be overtaken by the frames the pacer
    // sends while the clear is on its way, a handful at most.
    private void OnBurstFrame(ReadOnlySpan<byte> payload, long arrival)
    {
        if (!ProbePayload.TryRead(payload, ProbePayload.FirstOffset, out long burstId))
        {
            return;
        }

        if (burstId != _burstId)
        {
            _burstId = burstId;
            _burstFrames = 0;
        }

        _recentBurstArrivals[_burstFrames++ % RecentBurstFrames] = arrival;
    }

    private void OnClearNotice(ReadOnlySpan<byte> payload, long arrival)
    {
        if (_probe is null || !Volatile.Read(ref _counting)
            || !ProbePayload.TryRead(payload, ProbePayload.FirstOffset, out long burstId)
            || !ProbePayload.TryRead(payload, ProbePayload.SecondOffset, out long clearSent)
            || burstId != _burstId || _burstFrames == 0)
        {
            return;
        }

        // RTP from one socket arrives in order on loopback, so every frame of the burst is already here.
        long last = _recentBurstArrivals[(_burstFrames - 1) % RecentBurstFrames];
        int after = 0;
        for (int i = 0; i < Math.Min(_burstFrames, RecentBurstFrames); i++)
        {
            if (_recentBurstArrivals[i] > clearSent)
            {
                after++;
            }
        }

        _probe.OnCleared(clearSent, last, arrival, after);
        _burstFrames = 0;
    }
}
