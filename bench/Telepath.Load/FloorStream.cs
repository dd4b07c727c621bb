using System.Net;
using System.Net.Sockets;

namespace Telepath.Load;

/// <summary>
/// The sockets of one call in the loopback floor, laid out as in <c>bridge-relay</c>: the phone's and the gateway's
/// UDP sockets connected to each other, and one TCP connection from the gateway to the agent, Nagle off.
/// </summary>
internal sealed class FloorStream : IDisposable
{
    /// <summary>An RTP packet with a 160-byte G.711 payload.</summary>
    public const int DatagramBytes = 172;

    /// <summary>About a custom-protocol <c>media</c> message for one frame (JSON, 216 base64 characters) in its WebSocket frame.</summary>
    public const int MessageBytes = 320;

    private FloorStream(Socket phone, Socket gatewayUdp, Socket gatewayTcp, Socket agentTcp)
    {
        Phone = phone;
        GatewayUdp = gatewayUdp;
        GatewayTcp = gatewayTcp;
        AgentTcp = agentTcp;
    }

    public Socket Phone { get; }

    public Socket GatewayUdp { get; }

    public Socket GatewayTcp { get; }

    public Socket AgentTcp { get; }

    /// <summary>Bytes of a partial message read from the agent, on the gateway's side.</summary>
    public FloorInbox GatewayInbox { get; } = new(MessageBytes);

    /// <summary>Bytes of a partial message read from the gateway, on the agent's side.</summary>
    public FloorInbox AgentInbox { get; } = new(MessageBytes);

    /// <summary>Opens the four sockets; <paramref name="agent"/> is the agent's listening socket.</summary>
    public static FloorStream Open(Socket agent)
    {
        var phone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var gatewayUdp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        gatewayUdp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        phone.Connect(gatewayUdp.LocalEndPoint!);
        gatewayUdp.Connect(phone.LocalEndPoint!);

        var gatewayTcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        gatewayTcp.Connect(agent.LocalEndPoint!);
        Socket agentTcp = agent.Accept();
        agentTcp.NoDelay = true;
        return new FloorStream(phone, gatewayUdp, gatewayTcp, agentTcp);
    }

    public void Dispose()
    {
        Phone.Dispose();
        GatewayUdp.Dispose();
        GatewayTcp.Dispose();
        AgentTcp.Dispose();
    }
}
