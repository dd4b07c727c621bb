using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>
/// One thread that waits on every RTP and RTCP socket of the engine with a level-triggered epoll set and hands each
/// ready datagram to its stream, synchronously, on that thread.
/// </summary>
/// <remarks>
/// <para>Why: .NET's socket engine runs its own epoll thread but hands every completion to the thread pool, so each
/// datagram costs a work item, a thread hand-off and, when the pool's threads have parked, a wake-up. Measured with
/// the <c>rtp-relay</c> load at 500 streams (25,000 datagrams/s each way), that hand-off cost as much CPU as all the rest
/// of the engine, and its wake-ups made the tail. Here a datagram is read with a plain non-blocking <c>recvfrom</c>
/// the moment epoll reports it, and the stream's receive path (jitter buffer, consumer, the agent's frame queue) runs
/// right there. Nothing on this path blocks: the consumer contract already forbids it.</para>
/// <para>Sockets registered here never see an async .NET operation, so the runtime's own epoll never watches them.
/// Level-triggered, one datagram per readiness report: a socket with more queued is simply reported again, and no
/// read ever has to fail with EAGAIN (which .NET would raise as an exception).</para>
/// </remarks>
internal sealed class RtpReceiveLoop : IDisposable
{
    private const int MaxEventsPerWait = 256;
    private const int WaitMilliseconds = 100;

    private readonly int _epoll;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false, 1);
    private readonly ConcurrentDictionary<int, Registration> _registrations = new();
    private readonly int[] _control = new int[EpollNativeMethods.EventStride];
    private readonly Lock _controlGate = new();
    private int _nextToken;
    private RtpReceiveLoop(int epoll, ILogger logger)
    {
        _epoll = epoll;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "telepath-rtp-receive", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Creates the loop where epoll is available.</summary>
    /// <returns>Null on other platforms or when the epoll set cannot be created; the engine then uses socket async receives.</returns>
    public static RtpReceiveLoop? TryCreate(ILogger logger)
    {
        if (!EpollNativeMethods.IsSupported)
        {
            return null;
        }

        try
        {
            int epoll = EpollNativeMethods.Create(EpollNativeMethods.CloseOnExec);
            return epoll < 0 ? null : new RtpReceiveLoop(epoll, logger);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Watches <paramref name="socket"/>; each datagram it receives calls <see cref="RtpStream.OnReadable"/>.</summary>
    /// <returns>The registration's token for <see cref="Unregister"/>, or -1 when the socket could not be added.</returns>
    public int Register(Socket socket, RtpStream stream, bool rtcp)
    {
        socket.Blocking = false;
        int token = Interlocked.Increment(ref _nextToken) & int.MaxValue;
        _registrations[token] = new Registration(stream, rtcp);
        if (Control(EpollNativeMethods.ControlAdd, socket, token) != 0)
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
            Control(EpollNativeMethods.ControlDelete, socket, token);
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

    private int Control(int operation, Socket socket, int token)
    {
        lock (_controlGate)
        {
            Array.Clear(_control);
            _control[0] = EpollNativeMethods.EpollIn;
            _control[EpollNativeMethods.DataOffset] = token;
            return EpollNativeMethods.Control(_epoll, operation, (int)socket.SafeHandle.DangerousGetHandle(), _control);
        }
    }

    private void Run()
    {
        SharedMediaThread.MarkCurrent();
        int stride = EpollNativeMethods.EventStride;
        int dataOffset = EpollNativeMethods.DataOffset;
        var events = new int[MaxEventsPerWait * stride];
        while (!_stop.IsSet)
        {
            int ready = EpollNativeMethods.Wait(_epoll, events, MaxEventsPerWait, WaitMilliseconds);
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

            for (int i = 0; i < ready; i++)
            {
                if (!_registrations.TryGetValue(events[(i * stride) + dataOffset], out Registration? registration))
                {
                    continue;
                }

                try
                {
                    registration.Stream.OnReadable(registration.Rtcp);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // One stream's failure must not stop the receive thread that serves every stream.
                    RtpEngineLog.ReceiveFailed(_logger, exception);
                }
            }
        }
    }

    private sealed record Registration(RtpStream Stream, bool Rtcp);
}
