using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Telepath.Media.Rtp.Engine.Epoll;
using Telepath.Media.Rtp.Rtcp;
using Telepath.Media.Timing;

namespace Telepath.Media.Rtp.Engine;

/// <summary>
/// One call leg's media: an RTP socket and its RTCP companion, symmetric-RTP latching, jitter buffer,
/// outgoing pacer, DTMF both ways, RTCP reports and the media timeout. Opened by <see cref="RtpEngine.TryOpenStream"/>.
/// </summary>
/// <remarks>
/// <para>Threads: receive completions run on socket completion threads (at most one outstanding receive per
/// socket, so the receive side is sequential); the engine's pacing thread sends frames and runs the timers.
/// Receive-side state and every consumer callback are under <c>_receiveGate</c>; the pacer and the outgoing
/// sequence/timestamp are under <c>_sendGate</c>. The two are never held together, so the consumer may enqueue
/// audio from inside <see cref="IRtpStreamConsumer.OnAudio"/>.</para>
/// </remarks>
internal sealed partial class RtpStream : IDisposable
{
    private const int ReceiveBufferBytes = 2048;
    private const int MaxPayloadBytes = 480;

    private static readonly IPEndPoint s_anyV4 = new(IPAddress.Any, 0);
    private static readonly IPEndPoint s_anyV6 = new(IPAddress.IPv6Any, 0);

    private readonly RtpEngine _engine;
    private readonly RtpEngineOptions _options;
    private readonly KernelArrivalClock? _kernelArrival;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IRtpStreamConsumer _consumer;
    private readonly RtpStreamSettings _settings;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly SocketAsyncEventArgs _rtpReceive;
    private readonly SocketAsyncEventArgs _rtcpReceive;
    private readonly byte[] _rtpBuffer;
    private readonly byte[] _rtcpBuffer;
    private readonly long _frequency;
    private readonly SocketAddress _rtpFrom;
    private readonly SocketAddress _rtcpFrom;
    private SocketAddress? _rtpFromKnown;
    private IPEndPoint? _rtpFromEndPoint;
    private SocketAddress? _rtcpFromKnown;
    private IPEndPoint? _rtcpFromEndPoint;
    private EpollMediaThread? _mediaThread;
    private int _rtpToken = -1;
    private int _rtcpToken = -1;
    private int _closed;

    /// <summary>Creates a stream over two bound sockets; the engine starts it with <see cref="Start"/>.</summary>
    internal RtpStream(
        RtpEngine engine,
        RtpEngineOptions options,
        TimeProvider time,
        ILogger logger,
        RtpPortPair ports,
        bool ownsPorts,
        Socket rtpSocket,
        Socket rtcpSocket,
        RtpStreamSettings settings,
        IRtpStreamConsumer consumer)
    {
        _engine = engine;
        _options = options;
        _kernelArrival = options.KernelArrivalTimestamps && KernelArrivalClock.IsSupported ? new KernelArrivalClock(time) : null;
        _kernelArrival?.Enable(rtpSocket);
        _time = time;
        _logger = logger;
        Ports = ports;
        OwnsPorts = ownsPorts;
        _rtpSocket = rtpSocket;
        _rtcpSocket = rtcpSocket;
        _settings = settings;
        _consumer = consumer;
        _frequency = time.TimestampFrequency;
        Ssrc = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        _rtpBuffer = new byte[ReceiveBufferBytes];
        _rtcpBuffer = new byte[ReceiveBufferBytes];
        _rtpFrom = new SocketAddress(rtpSocket.AddressFamily, SocketAddress.GetMaximumAddressSize(rtpSocket.AddressFamily));
        _rtcpFrom = new SocketAddress(rtcpSocket.AddressFamily, SocketAddress.GetMaximumAddressSize(rtcpSocket.AddressFamily));
        _rtpReceive = CreateReceiveArgs(_rtpBuffer, options.BindAddress);
        _rtpReceive.Completed += static (_, e) => ((RtpStream)e.UserToken!).OnRtpCompleted(e);
        _rtcpReceive = CreateReceiveArgs(_rtcpBuffer, options.BindAddress);
        _rtcpReceive.Completed += static (_, e) => ((RtpStream)e.UserToken!).OnRtcpCompleted(e);
        _rtpReceive.UserToken = this;
        _rtcpReceive.UserToken = this;
        _jitterBuffer = new JitterBuffer(
            time, settings.ClockRate, 64, MaxPayloadBytes, options.JitterBufferMinDelay, options.JitterBufferMaxDelay);
        _receiverStatistics = new RtpReceiverStatistics(time, settings.ClockRate);
        _dtmfDecoder = new Rfc4733DtmfDecoder(settings.ClockRate);
        _receiveLatency = new LatencyHistogram(_frequency);
        _sendLatency = new LatencyHistogram(_frequency);
        _pacer = new RtpPacer(time, settings.FrameBytes, TimeSpan.FromMilliseconds(settings.FrameMilliseconds), options.PacerCapacityFrames);
        _frameBuffer = new byte[settings.FrameBytes];
        _sendBuffer = new byte[RtpHeader.FixedLength + Math.Max(settings.FrameBytes, 16)];
        if (settings.TelephoneEventPayloadType is byte dtmfType)
        {
            _dtmfEncoder = new Rfc4733DtmfEncoder(dtmfType, Ssrc, settings.ClockRate);
        }

        _sequence = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        _timestampBase = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        _cname = System.Text.Encoding.UTF8.GetBytes(FormattableString.Invariant($"telepath-{Ssrc:x8}"));
        if (settings.Remote is not null)
        {
            SetRemote(settings.Remote);
        }
    }

    /// <summary>Gets the leased local port pair (put the RTP port in the SDP answer).</summary>
    public RtpPortPair Ports { get; }

    /// <summary>Gets a value indicating whether closing the stream returns <see cref="Ports"/> to the engine's allocator.</summary>
    public bool OwnsPorts { get; }

    /// <summary>Gets the negotiated settings the stream was opened with.</summary>
    public RtpStreamSettings Settings => _settings;

    /// <summary>Gets our SSRC for outgoing RTP and RTCP.</summary>
    public uint Ssrc { get; }

    /// <summary>Gets the remote RTP address packets are sent to: latched, or the SDP address before latching.</summary>
    public IPEndPoint? RemoteEndPoint => Volatile.Read(ref _remoteRtp);

    /// <summary>Gets a value indicating whether the stream has been closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Sets the remote address from the SDP (offer/answer or re-INVITE). Until the first valid packet
    /// latches the stream, RTP goes here and RTCP to the next port.
    /// </summary>
    public void SetRemote(IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        lock (_receiveGate)
        {
            if (_latched is null)
            {
                PublishRemote(remote);
            }
        }
    }

    /// <summary>Closes both sockets, stops the timers and returns the ports (when the stream leased them). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _engine.Timers.Cancel(_timeoutTimer);
        _engine.Timers.Cancel(_rtcpTimer);
        _mediaThread?.Unregister(_rtpSocket, _rtpToken);
        _mediaThread?.Unregister(_rtcpSocket, _rtcpToken);
        _rtpSocket.Dispose();
        _rtcpSocket.Dispose();

        // A pending receive completes as aborted; the args free themselves when it does.
        _rtpReceive.Dispose();
        _rtcpReceive.Dispose();
        _engine.OnStreamClosed(this);
        RtpEngineLog.StreamClosed(_logger, Ports.Rtp);
    }

    /// <summary>Arms the receives and the timers. Called once by the engine after the stream is registered.</summary>
    internal void Start()
    {
        long now = _time.GetTimestamp();
        _lastRtpArrival = now;
        lock (_sendGate)
        {
            _clockOrigin = now;
            _pacer.Start(now);
        }

        if (_options.MediaTimeout > TimeSpan.Zero)
        {
            _timeoutTimer = _engine.Timers.ScheduleAt(now + ToTicks(_options.MediaTimeout), s_onTimeoutTimer, this);
        }

        if (_options.RtcpInterval > TimeSpan.Zero)
        {
            _rtcpTimer = _engine.Timers.ScheduleAt(now + NextRtcpDelay(), s_onRtcpTimer, this);
        }

        if (_engine.MediaThreads?.Next() is { } loop)
        {
            _mediaThread = loop;
            _rtpToken = loop.Register(_rtpSocket, this, rtcp: false);
            _rtcpToken = loop.Register(_rtcpSocket, this, rtcp: true);
        }

        // A socket the epoll set would not take falls back to async receives on the thread pool.
        if (_rtpToken < 0)
        {
            ReceiveLoop(_rtpSocket, _rtpReceive, rtcp: false);
        }

        if (_rtcpToken < 0)
        {
            ReceiveLoop(_rtcpSocket, _rtcpReceive, rtcp: true);
        }

        RtpEngineLog.StreamOpened(_logger, Ports.Rtp, Ports.Rtcp);
    }

    private static SocketAsyncEventArgs CreateReceiveArgs(byte[] buffer, IPAddress bindAddress)
    {
        var args = new SocketAsyncEventArgs();
        args.SetBuffer(buffer, 0, ReceiveBufferBytes);
        args.RemoteEndPoint = new IPEndPoint(
            bindAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        return args;
    }

    private long ToTicks(TimeSpan value) => (long)(value.TotalSeconds * _frequency);

    /// <summary>
    /// Runs receives back to back: a receive that completes synchronously is processed inline and the next is
    /// issued at once; one that goes pending resumes in <c>Completed</c> on a completion thread. No task, no
    /// allocation per packet: the same <see cref="SocketAsyncEventArgs"/> is reused, and .NET keeps its
    /// RemoteEndPoint object while the source address stays the same.
    /// </summary>
    private void ReceiveLoop(Socket socket, SocketAsyncEventArgs args, bool rtcp)
    {
        while (!IsClosed)
        {
            bool pending;
            try
            {
                pending = socket.ReceiveFromAsync(args);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (pending || !Process(args, rtcp))
            {
                return;
            }
        }
    }

    private void OnRtpCompleted(SocketAsyncEventArgs args)
    {
        if (Process(args, rtcp: false))
        {
            ReceiveLoop(_rtpSocket, args, rtcp: false);
        }
    }

    private void OnRtcpCompleted(SocketAsyncEventArgs args)
    {
        if (Process(args, rtcp: true))
        {
            ReceiveLoop(_rtcpSocket, args, rtcp: true);
        }
    }

    /// <summary>Handles one completed receive; returns false when the socket is gone.</summary>
    private bool Process(SocketAsyncEventArgs args, bool rtcp)
    {
        long arrival = _time.GetTimestamp();
        if (args.SocketError != SocketError.Success)
        {
            // ICMP-induced resets and message-size errors are per datagram; anything else means the socket closed.
            return args.SocketError is SocketError.ConnectionReset or SocketError.MessageSize && !IsClosed;
        }

        if (args.RemoteEndPoint is IPEndPoint from)
        {
            OnDatagram(ReceivedBytes(args), from, arrival, rtcp);
        }

        return !IsClosed;
    }

    /// <summary>Hands one received datagram to the RTP or the RTCP half, whichever receive path read it.</summary>
    private void OnDatagram(ReadOnlySpan<byte> datagram, IPEndPoint from, long arrival, bool rtcp)
    {
        if (_kernelArrival is not null && !rtcp)
        {
            // Either receive path read this datagram from the RTP socket just now: the kernel knows when it came.
            arrival = _kernelArrival.ArrivalOf(_rtpSocket, arrival);
        }

        if (rtcp)
        {
            OnRtcpDatagram(datagram, from, arrival);
        }
        else
        {
            OnRtpDatagram(datagram, from, arrival);
        }
    }

    /// <summary>
    /// Called by the engine's epoll thread when a socket has a datagram: reads exactly one with a non-blocking
    /// <c>recvfrom</c> (a socket with more is reported again) and processes it on this thread.
    /// </summary>
    internal void OnReadable(bool rtcp)
    {
        Socket socket = rtcp ? _rtcpSocket : _rtpSocket;
        SocketAddress address = rtcp ? _rtcpFrom : _rtpFrom;
        byte[] buffer = rtcp ? _rtcpBuffer : _rtpBuffer;
        int length;
        try
        {
            length = socket.ReceiveFrom(buffer, SocketFlags.None, address);
        }
        catch (SocketException)
        {
            // A report that raced with another read, or a per-datagram error (ICMP, truncation): nothing to process.
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        long arrival = _time.GetTimestamp();
        IPEndPoint from = rtcp
            ? Sender(address, ref _rtcpFromKnown, ref _rtcpFromEndPoint)
            : Sender(address, ref _rtpFromKnown, ref _rtpFromEndPoint);
        OnDatagram(buffer.AsSpan(0, length), from, arrival, rtcp);
    }

    /// <summary>The sender as an endpoint, made only when the address differs from the last one (so not per packet).</summary>
    private static IPEndPoint Sender(SocketAddress address, ref SocketAddress? known, ref IPEndPoint? endPoint)
    {
        if (known is not null && endPoint is not null && known.Equals(address))
        {
            return endPoint;
        }

        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        known = copy;
        endPoint = (IPEndPoint)IPEndPointTemplate(address.Family).Create(copy);
        return endPoint;
    }

    private static IPEndPoint IPEndPointTemplate(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? s_anyV6 : s_anyV4;

    private static ReadOnlySpan<byte> ReceivedBytes(SocketAsyncEventArgs args) =>
        args.Buffer.AsSpan(args.Offset, args.BytesTransferred);
}
