using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// One of the engine's media threads: waits on its share of the RTP and RTCP sockets (level-triggered) and of the agent
/// connections (<see cref="EpollSocketStream"/>, edge-triggered) with one epoll set, and handles each report
/// synchronously on this thread: a caller's datagram goes through its stream to the agent's socket, an agent's message
/// through the call bridge to the caller's RTP socket, with no thread hand-off either way.
/// </summary>
/// <remarks>
/// <para>Why: .NET's socket engine runs its own epoll thread but hands every completion to the thread pool, so each
/// datagram costs a work item, a thread hand-off and, when the pool's threads have parked, a wake-up. Measured with
/// the <c>rtp-relay</c> load at 500 streams (25,000 datagrams/s each way), that hand-off cost as much CPU as all the rest
/// of the engine, and its wake-ups made the tail. Here a datagram is read with a plain non-blocking <c>recvfrom</c>
/// the moment epoll reports it, and the stream's receive path (jitter buffer, consumer, the agent's frame queue) runs
/// right there. Nothing on this path blocks: the consumer contract already forbids it, and a write the agent's socket
/// cannot take at once goes on asynchronously (<see cref="Agents.AgentSendPump"/>). The engine runs one loop per core,
/// each stream and agent connection on one of them, so no single thread has to keep up with every call.</para>
/// <para>Sockets registered here never see an async .NET operation, so the runtime's own epoll never watches them.
/// Level-triggered, one datagram per readiness report: a socket with more queued is simply reported again, and no
/// read ever has to fail with EAGAIN (which .NET would raise as an exception).</para>
/// </remarks>
internal sealed class EpollMediaThread : IDisposable
{
    private const int MaxEventsPerWait = 256;
    private const int WaitMilliseconds = 100;

    // How long the thread runs without giving up its core before it yields to a thread of its own priority (see Run).
    private static readonly long SliceTicks = Stopwatch.Frequency / 2000;

    // A wait shorter than this returned reports that were already there: the thread did not sleep in it.
    private static readonly long SleptTicks = Stopwatch.Frequency / 100_000;

    private readonly int _epoll;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false, 1);
    private readonly ConcurrentDictionary<int, IEpollHandler> _registrations = new();
    private readonly int[] _control = new int[EpollNativeMethods.EventStride];
    private readonly Lock _controlGate = new();
    private readonly RealtimeMediaThreads _realtime;
    private readonly long _coalesceTicks;
    private readonly double _coalesceFrom;
    private int _nextToken;
    private long _coalescedSleeps;
    private long _yields;
    private double _busyFraction;

    private EpollMediaThread(int epoll, int index, RealtimeMediaThreads realtime, MediaThreadCoalescing coalescing, ILogger logger)
    {
        _epoll = epoll;
        _realtime = realtime;
        _coalesceTicks = (long)(coalescing.Window.TotalSeconds * Stopwatch.Frequency);
        _coalesceFrom = coalescing.BusyFraction;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = $"telepath-media-{index}" };
        _thread.Start();
    }

    /// <summary>Creates the loop (thread number <paramref name="index"/>) where epoll is available.</summary>
    /// <param name="index">The thread's number, for its name.</param>
    /// <param name="realtime">Whether and how the thread asks for real-time scheduling.</param>
    /// <param name="coalescing">When and how long the thread sleeps after a batch instead of waiting for the next arrival.</param>
    /// <param name="logger">Where a handler's failure is logged.</param>
    /// <returns>Null on other platforms or when the epoll set cannot be created; the engine then uses socket async receives.</returns>
    public static EpollMediaThread? TryCreate(int index, RealtimeMediaThreads realtime, MediaThreadCoalescing coalescing, ILogger logger)
    {
        if (!EpollNativeMethods.IsSupported)
        {
            return null;
        }

        try
        {
            int epoll = EpollNativeMethods.Create(EpollNativeMethods.CloseOnExec);
            return epoll < 0 ? null : new EpollMediaThread(epoll, index, realtime, coalescing, logger);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Gets how many times the thread has slept out a coalescing window instead of waiting for the next arrival.</summary>
    public long CoalescedSleeps => Volatile.Read(ref _coalescedSleeps);

    /// <summary>Gets how many times the thread has yielded its core after a slice of continuous running.</summary>
    public long Yields => Volatile.Read(ref _yields);

    /// <summary>Gets the share of wall time (0–1) the thread spent handling reports over its last 50 ms epoch.</summary>
    public double BusyFraction => Volatile.Read(ref _busyFraction);

    /// <summary>Watches <paramref name="socket"/>; each datagram it receives calls <see cref="RtpStream.OnReadable"/>.</summary>
    /// <returns>The registration's token for <see cref="Unregister"/>, or -1 when the socket could not be added.</returns>
    public int Register(Socket socket, RtpStream stream, bool rtcp) =>
        Register(socket, new RtpSocketHandler(stream, rtcp), EpollNativeMethods.EpollIn);

    /// <summary>Watches <paramref name="socket"/> for <paramref name="interest"/> (epoll event bits); reports go to <paramref name="handler"/> on this thread.</summary>
    /// <returns>The registration's token for <see cref="Unregister"/>, or -1 when the socket could not be added.</returns>
    public int Register(Socket socket, IEpollHandler handler, int interest)
    {
        socket.Blocking = false;
        int token = Interlocked.Increment(ref _nextToken) & int.MaxValue;
        _registrations[token] = handler;
        if (Control(EpollNativeMethods.ControlAdd, socket, token, interest) != 0)
        {
            _registrations.TryRemove(token, out _);
            return -1;
        }

        return token;
    }

    /// <summary>Stops watching a socket; call before disposing it. A report already taken for it is ignored.</summary>
    public void Unregister(Socket socket, int token)
    {
        if (token < 0)
        {
            return;
        }

        _registrations.TryRemove(token, out _);
        try
        {
            Control(EpollNativeMethods.ControlDelete, socket, token, 0);
        }
        catch (ObjectDisposedException)
        {
            // Closing a descriptor removes it from every epoll set anyway.
        }
    }

    /// <summary>Stops the thread and closes the epoll set.</summary>
    public void Dispose()
    {
        if (_stop.IsSet)
        {
            return;
        }

        _stop.Set();
        _thread.Join();
        EpollNativeMethods.Close(_epoll);
        _stop.Dispose();
    }

    private int Control(int operation, Socket socket, int token, int interest)
    {
        lock (_controlGate)
        {
            Array.Clear(_control);
            _control[0] = interest;
            _control[EpollNativeMethods.DataOffset] = token;
            return EpollNativeMethods.Control(_epoll, operation, (int)socket.SafeHandle.DangerousGetHandle(), _control);
        }
    }

    private void Run()
    {
        bool realtime = _realtime.Enter();
        var events = new int[MaxEventsPerWait * EpollNativeMethods.EventStride];
        long epoch = Stopwatch.Frequency / 20;
        long epochStarted = Stopwatch.GetTimestamp();
        long busy = 0;
        bool adapts = _coalesceTicks > 0 && _coalesceFrom > 0;
        bool coalescing = _coalesceTicks > 0 && !adapts;
        bool block = true;
        long runningSince = epochStarted;
        while (!_stop.IsSet)
        {
            long waitStarted = Stopwatch.GetTimestamp();
            int ready = EpollNativeMethods.Wait(_epoll, events, MaxEventsPerWait, block ? WaitMilliseconds : 0);
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == EpollNativeMethods.Interrupted)
                {
                    continue;
                }

                // A broken epoll set cannot be repaired; waiting keeps this from spinning.
                _stop.Wait(WaitMilliseconds);
                continue;
            }

            long batchStarted = Stopwatch.GetTimestamp();
            if (batchStarted - waitStarted >= SleptTicks)
            {
                runningSince = batchStarted;
            }

            Dispatch(events, ready);
            long batchEnded = Stopwatch.GetTimestamp();
            busy += batchEnded - batchStarted;
            if (batchEnded - epochStarted >= epoch)
            {
                double fraction = busy / (double)(batchEnded - epochStarted);
                Volatile.Write(ref _busyFraction, fraction);
                if (adapts)
                {
                    // Hysteresis: start at the threshold, stop below half of it, so a load near it does not flap.
                    coalescing = coalescing ? fraction >= _coalesceFrom / 2 : fraction >= _coalesceFrom;
                }

                epochStarted = batchEnded;
                busy = 0;
            }

            // A full batch means more may be waiting: look again at once, whatever the policy.
            bool full = ready == MaxEventsPerWait;
            block = ready == 0 || (!full && !coalescing);
            if (coalescing && ready > 0 && !full)
            {
                // Coalescing: sleeping instead of waiting on the epoll set means a datagram or message that arrives now
                // only queues in its socket, and its sender pays no wake-up (on a VM, an inter-processor interrupt) for
                // this thread. One timer wake per window then takes every arrival of the window together.
                long remaining = batchStarted + _coalesceTicks - batchEnded;
                if (remaining > 0)
                {
                    EpollNativeMethods.Sleep(remaining, Stopwatch.Frequency);
                    Volatile.Write(ref _coalescedSleeps, _coalescedSleeps + 1);
                    runningSince = Stopwatch.GetTimestamp();
                    continue;
                }
            }

            if (batchEnded - runningSince >= SliceTicks && realtime)
            {
                // Real-time threads of one priority do not share a core by time slices: one that always finds reports
                // waiting (an epoll wait with reports returns without sleeping) keeps its core until it runs dry, and
                // the other media threads, the pacer and, on a shared machine, the peer's own real-time threads queue
                // behind it for as long as its backlog lasts (perf sched at 500 bridged calls: a run of 26 ms, others
                // waiting 5-18 ms). Yielding every half millisecond of continuous running bounds that wait to a slice.
                EpollNativeMethods.Yield();
                Volatile.Write(ref _yields, _yields + 1);
                runningSince = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Dispatch(int[] events, int ready)
    {
        int stride = EpollNativeMethods.EventStride;
        int dataOffset = EpollNativeMethods.DataOffset;
        for (int i = 0; i < ready; i++)
        {
            if (!_registrations.TryGetValue(events[(i * stride) + dataOffset], out IEpollHandler? handler))
            {
                continue;
            }

            try
            {
                handler.OnEpollEvents(events[i * stride]);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One stream's failure must not stop the receive thread that serves every stream.
                RtpEngineLog.ReceiveFailed(_logger, exception);
            }
        }
    }

    /// <summary>An RTP or RTCP socket of a stream: each report is one datagram to read.</summary>
    private sealed class RtpSocketHandler(RtpStream stream, bool rtcp) : IEpollHandler
    {
        public void OnEpollEvents(int events) => stream.OnReadable(rtcp);
    }
}
