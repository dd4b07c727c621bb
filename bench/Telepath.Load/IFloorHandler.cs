namespace Telepath.Load;

/// <summary>What one <see cref="FloorEpollThread"/> does with a socket epoll reported readable.</summary>
internal interface IFloorHandler
{
    /// <summary>Handles one readiness report for the socket registered with <paramref name="token"/>.</summary>
    void OnReadable(int token);
}
