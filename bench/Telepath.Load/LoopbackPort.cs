using System.Net;
using System.Net.Sockets;

namespace Telepath.Load;

/// <summary>Free loopback ports for the processes a load run starts.</summary>
internal static class LoopbackPort
{
    /// <summary>A TCP port free on 127.0.0.1 at the time of asking.</summary>
    public static int FreeTcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
