using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Rtp.Engine.Epoll;
using Telepath.Media.Timing;

namespace Telepath.Media.Rtp.Engine;

/// <summary>
/// The silo's RTP engine: leases port pairs, opens <see cref="RtpStream"/>s, and runs the one pacing thread
/// that sends every stream's due frames and drives the timer wheel (media timeouts, RTCP, jitter gaps).
/// </summary>
/// <remarks>
/// <para>Receive design: on Linux (<see cref="RtpEngineOptions.EpollReceive"/>, on by default) one epoll media
/// thread per core (<see cref="EpollMediaThreads"/>) waits on its share of the RTP/RTCP sockets and of the agent
/// connections (<see cref="EpollSocketStream"/>) and runs each stream's receive path and each agent message inline: a
/// caller's frame reaches the agent's socket, and an agent's frame the caller's RTP socket, on the thread that read
/// it, with no work item or thread hand-off. The threads ask for real-time scheduling
/// (<see cref="RealtimeMediaThreads"/>) so an arrival preempts other work. Elsewhere, one reused
/// <see cref="SocketAsyncEventArgs"/> per socket, whose completions .NET runs on the thread pool: no task and no
/// allocation per packet, but a hop per datagram. Alternatives considered: <c>await ReceiveFromAsync</c> per packet
/// costs a state-machine resumption on top of that hop; a dedicated thread per socket costs 1 000 threads for 500
/// calls; Socket.Select allocates and is O(n) per call. The load scenarios <c>rtp-relay</c> and <c>bridge-relay</c>
/// give the numbers for both modes.</para>
/// <para>Send design: one thread wakes when the next stream falls due (at least every
/// <see cref="RtpEngineOptions.PacingTick"/>, 1 ms, and at most four times a tick), scans the stream
/// array (a compare per stream when nothing is due) and sends due frames with <c>SendTo(span, SocketAddress)</c>,
/// which allocates nothing. One thread for all streams instead of a timer per stream.</para>
/// </remarks>
internal sealed class RtpEngine : IAsyncDisposable
{
    // The pacing thread wakes at most this often per tick (1 ms → every 250 µs at the most).
    private const int MaxWakesPerTick = 4;

    private readonly RtpEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PortAllocator _ports;
    private readonly Lock _gate = new();
    private readonly Thread _pacingThread;
    private readonly ManualResetEventSlim _stop = new(false, 1);
    private readonly Meter? _ownedMeter;
    private readonly RealtimeMediaThreads _realtime;
    private RtpStream[] _streams = [];
    private int _disposed;

    /// <summary>Creates the engine and starts its pacing thread.</summary>
    public RtpEngine(
        RtpEngineOptions options, TimeProvider? timeProvider = null, ILogger<RtpEngine>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ports = new PortAllocator(options.FirstPort, options.LastPort);
        Timers = new TimerWheel(_time, TimeSpan.FromMilliseconds(10));
        _realtime = new RealtimeMediaThreads(options.RealtimeThreads, _logger);
        MediaThreads = options.EpollReceive
            ? EpollMediaThreads.TryCreate(options.ReceiveThreads > 0 ? options.ReceiveThreads : Environment.ProcessorCount, _realtime, MediaThreadCoalescing.WhenBusy(options.CoalesceWindow), _logger)
            : null;
        Meter meter = meterFactory?.Create("Telepath.Media.Rtp") ?? (_ownedMeter = new Meter("Telepath.Media.Rtp"));
        CreateInstruments(meter);
        _pacingThread = new Thread(PacingLoop) { IsBackground = true, Name = "telepath-rtp-pacer", Priority = ThreadPriority.AboveNormal };
        _pacingThread.Start();
    }

    /// <summary>Gets the number of open streams.</summary>
    public int ActiveStreams => Volatile.Read(ref _streams).Length;

    /// <summary>Gets the number of free port pairs.</summary>
    public int AvailablePortPairs => _ports.Available;

    /// <summary>Gets the epoll media threads streams and agent connections register with, or null for socket async receives.</summary>
    internal EpollMediaThreads? MediaThreads { get; }

    /// <summary>Gets the timer wheel driven by the pacing thread.</summary>
    internal TimerWheel Timers { get; }

    /// <summary>
    /// Gets the engine's port allocator. The SIP UAS leases the pair for its SDP answer from it, and the call bridge
    /// then opens the stream on exactly that pair (<see cref="TryOpenStream(RtpPortPair, RtpStreamSettings, IRtpStreamConsumer, out RtpStream?)"/>),
    /// so one allocator owns the media range and the SDP always advertises the ports that are bound.
    /// </summary>
    internal PortAllocator Ports => _ports;

    /// <summary>Opens a stream on a free port pair and starts receiving.</summary>
    /// <returns>False when no pair could be leased and bound (answer 503 / 488).</returns>
    public bool TryOpenStream(RtpStreamSettings settings, IRtpStreamConsumer consumer, [NotNullWhen(true)] out RtpStream? stream)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(consumer);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        stream = null;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (!_ports.TryLease(out RtpPortPair pair))
            {
                break;
            }

            if (!TryBind(pair, out Socket? rtp, out Socket? rtcp))
            {
                // Someone else holds a port of this pair; it goes to the back of the queue.
                _ports.Return(pair);
                continue;
            }

            stream = Register(new RtpStream(this, _options, _time, _logger, pair, ownsPorts: true, rtp, rtcp, settings, consumer));
            return true;
        }

        RtpEngineLog.PortsExhausted(_logger);
        return false;
    }

    /// <summary>
    /// Opens a stream on a pair the caller already leased from <see cref="Ports"/> (the pair its SDP answer advertises).
    /// The caller keeps the lease: closing the stream does not return the pair, the lessee does once the call is over.
    /// </summary>
    /// <returns>False when a port of the pair cannot be bound (someone outside the engine holds it).</returns>
    public bool TryOpenStream(RtpPortPair ports, RtpStreamSettings settings, IRtpStreamConsumer consumer, [NotNullWhen(true)] out RtpStream? stream)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(consumer);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!TryBind(ports, out Socket? rtp, out Socket? rtcp))
        {
            stream = null;
            return false;
        }

        stream = Register(new RtpStream(this, _options, _time, _logger, ports, ownsPorts: false, rtp, rtcp, settings, consumer));
        return true;
    }

    /// <summary>Closes every stream, stops the pacing thread and returns all ports.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (RtpStream stream in Volatile.Read(ref _streams))
        {
            stream.Dispose();
        }

        _stop.Set();
        await Task.Run(_pacingThread.Join).ConfigureAwait(false);
        if (MediaThreads is not null)
        {
            await Task.Run(MediaThreads.Dispose).ConfigureAwait(false);
        }

        _stop.Dispose();
        _ownedMeter?.Dispose();
    }

    /// <summary>Unregisters a closed stream and returns its ports.</summary>
    internal void OnStreamClosed(RtpStream stream)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_streams, stream);
            if (index < 0)
            {
                return;
            }

            var next = new RtpStream[_streams.Length - 1];
            Array.Copy(_streams, 0, next, 0, index);
            Array.Copy(_streams, index + 1, next, index, _streams.Length - index - 1);
            _streams = next;
            stream.AddTotals(ref _retired);
        }

        if (stream.OwnsPorts)
        {
            _ports.Return(stream.Ports);
        }
    }

    private RtpStream Register(RtpStream stream)
    {
        lock (_gate)
        {
            _streams = [.. _streams, stream];
        }

        stream.Start();
        return stream;
    }

    private RtpEngineTotals _retired = new();

    private bool TryBind(RtpPortPair pair, [NotNullWhen(true)] out Socket? rtp, [NotNullWhen(true)] out Socket? rtcp)
    {
        rtp = null;
        rtcp = null;
        try
        {
            rtp = CreateSocket(pair.Rtp);
            rtcp = CreateSocket(pair.Rtcp);
            return true;
        }
        catch (SocketException)
        {
            rtp?.Dispose();
            rtcp?.Dispose();
            rtp = null;
            rtcp = null;
            return false;
        }
    }

    private Socket CreateSocket(int port)
    {
        var socket = new Socket(_options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = _options.SocketReceiveBufferBytes;
            socket.Bind(new IPEndPoint(_options.BindAddress, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The single pacing driver: every tick, send due frames of all streams, then advance the timer wheel.
    /// Waiting on an event with a 1 ms timeout (a futex on Linux) wakes within ~0.1 ms of the deadline.
    /// </summary>
    private void PacingLoop()
    {
        SharedMediaThread.MarkCurrent();
        _ = _realtime.Enter();
        long tick = Math.Max(1, (long)(_options.PacingTick.TotalSeconds * _time.TimestampFrequency));
        long shortest = tick / MaxWakesPerTick;
        while (!_stop.IsSet)
        {
            long now = _time.GetTimestamp();
            long wake = now + tick;
            try
            {
                RtpStream[] streams = Volatile.Read(ref _streams);
                for (int i = 0; i < streams.Length; i++)
                {
                    streams[i].Pace(now);
                    wake = Math.Min(wake, streams[i].PaceDue);
                }

                Timers.Advance(now);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                RtpEngineLog.PacingFailed(_logger, exception);
            }

            SleepUntil(Math.Max(wake, now + shortest));
        }
    }

    /// <summary>
    /// Waits for the next stream's due instant instead of the next whole tick, so a frame that waits for its slot
    /// leaves within a timer wake-up of it, not up to a tick late; at most <see cref="MaxWakesPerTick"/> wakes a tick
    /// bound the cost when many streams fall due at different instants. Where the monotonic sleep is not available the
    /// thread waits whole milliseconds.
    /// </summary>
    private void SleepUntil(long deadline)
    {
        long remaining = deadline - _time.GetTimestamp();
        if (remaining <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            EpollNativeMethods.Sleep(remaining, _time.TimestampFrequency);
        }
        else
        {
            _stop.Wait(Math.Max(1, (int)(remaining * 1000 / _time.TimestampFrequency)));
        }
    }

    private RtpEngineTotals CollectTotals()
    {
        var totals = new RtpEngineTotals();
        lock (_gate)
        {
            totals.PacketsIn = _retired.PacketsIn;
            totals.PacketsOut = _retired.PacketsOut;
            totals.FramesFlushed = _retired.FramesFlushed;
            totals.SendErrors = _retired.SendErrors;
            _retired.Drops.CopyTo(totals.Drops, 0);
            foreach (RtpStream stream in _streams)
            {
                stream.AddTotals(ref totals);
            }
        }

        return totals;
    }

    private void CreateInstruments(Meter meter)
    {
        meter.CreateObservableUpDownCounter("telepath.rtp.streams", () => ActiveStreams, "{stream}", "Open RTP streams");
        meter.CreateObservableCounter("telepath.rtp.packets.received", () => CollectTotals().PacketsIn, "{packet}", "RTP packets accepted");
        meter.CreateObservableCounter("telepath.rtp.packets.sent", () => CollectTotals().PacketsOut, "{packet}", "RTP packets sent");
        meter.CreateObservableCounter("telepath.rtp.frames.flushed", () => CollectTotals().FramesFlushed, "{frame}", "Frames discarded by barge-in");
        meter.CreateObservableCounter("telepath.rtp.send.errors", () => CollectTotals().SendErrors, "{error}", "Failed RTP/RTCP sends");
        meter.CreateObservableCounter("telepath.rtp.packets.dropped", ObserveDrops, "{packet}", "Received datagrams dropped, by reason");
    }

    private IEnumerable<Measurement<long>> ObserveDrops()
    {
        long[] drops = CollectTotals().Drops;
        var measurements = new Measurement<long>[drops.Length];
        for (int i = 0; i < drops.Length; i++)
        {
            measurements[i] = new Measurement<long>(drops[i], new KeyValuePair<string, object?>("reason", ((RtpDropReason)i).ToString()));
        }

        return measurements;
    }
}
