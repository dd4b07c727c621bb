using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Load;

/// <summary>One socket of the loopback floor on its epoll thread: each readiness report calls back with the socket's call.</summary>
internal sealed class FloorSocket(FloorStream stream, Action<FloorStream> onReadable) : IEpollHandler
{
    public void OnEpollEvents(int events) => onReadable(stream);
}
