namespace Telepath.Media.Rtp.Engine.Epoll;

/// <summary>What a socket registered with <see cref="EpollMediaThread"/> does with a readiness report, on the loop's thread.</summary>
internal interface IEpollHandler
{
    /// <summary>Handles one report; <paramref name="events"/> holds the epoll event bits (<c>EPOLLIN</c>, <c>EPOLLOUT</c>, …).</summary>
    void OnEpollEvents(int events);
}
