using System.Net.Sockets;
using System.Runtime.InteropServices;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Load;

/// <summary>
/// One thread of the loopback floor: a level-triggered epoll set over non-blocking sockets, each report handed to
/// <see cref="IFloorHandler"/> on this thread. The least user-space code that can move a datagram or a TCP message:
/// no thread-pool hop, no async state machine, one <c>epoll_wait</c> for every batch of ready sockets.
/// </summary>
internal sealed class FloorEpollThread : IDisposable
{
    private const int MaxEventsPerWait = 256;
    private const int WaitMilliseconds = 50;

    private readonly int _epoll;
    private readonly IFloorHandler _handler;
    private readonly Thread _thread;
    private readonly int[] _control = new int[EpollNativeMethods.EventStride];
    private volatile bool _stopping;

    public FloorEpollThread(string name, IFloorHandler handler)
    {
        _epoll = EpollNativeMethods.Create(EpollNativeMethods.CloseOnExec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _handler = handler;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Watches <paramref name="socket"/> (made non-blocking); its reports reach the handler with <paramref name="token"/>.</summary>
    public void Register(Socket socket, int token)
    {
        socket.Blocking = false;
        Array.Clear(_control);
        _control[0] = EpollNativeMethods.EpollIn;
        _control[EpollNativeMethods.DataOffset] = token;
        if (EpollNativeMethods.Control(_epoll, EpollNativeMethods.ControlAdd, (int)socket.Handle, _control) != 0)
        {
            throw new InvalidOperationException($"epoll_ctl failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        EpollNativeMethods.Close(_epoll);
    }

    private void Run()
    {
        int stride = EpollNativeMethods.EventStride;
        int dataOffset = EpollNativeMethods.DataOffset;
        var events = new int[MaxEventsPerWait * stride];
        while (!_stopping)
        {
            int ready = EpollNativeMethods.Wait(_epoll, events, MaxEventsPerWait, WaitMilliseconds);
            for (int i = 0; i < ready; i++)
            {
                _handler.OnReadable(events[(i * stride) + dataOffset]);
            }
        }
    }
}
