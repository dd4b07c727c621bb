using System.Net;
using System.Net.Sockets;

namespace Telepath.TestKit.Postgres;

/// <summary>Hands out TCP ports that are free on 127.0.0.1 at the time of asking.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// Binds port 0 on loopback, notes the port the OS chose and releases it. Another process could
    /// take it before the caller binds it; on a test machine that window is harmless.
    /// </summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
