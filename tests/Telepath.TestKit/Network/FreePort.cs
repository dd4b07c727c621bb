using System.Net;
using System.Net.Sockets;

namespace Telepath.TestKit.Network;

/// <summary>Loopback ports the operating system reports free right now (tests bind them moments later).</summary>
public static class FreePort
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on.</summary>
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A UDP port on 127.0.0.1 that nothing is bound to.</summary>
    public static int Udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
