using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Tests.Sip.Transport;

/// <summary>The UDP and TCP transports on real loopback sockets: delivery, framing, keep-alive, limits.</summary>
public sealed class SocketTransportTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    private const string Options =
        "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-1\r\nFrom: <sip:b@x>;tag=1\r\n"
        + "To: <sip:a@127.0.0.1>\r\nCall-ID: t1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task Udp_delivers_each_datagram_and_sends_back_to_the_peer()
    {
        using var metrics = new SipTransportMetrics();
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), metrics);
        var receiver = new CollectingReceiver();
        transport.Start(receiver);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(Encoding.ASCII.GetBytes(Options), transport.LocalEndPoint);
        (SipPeer peer, string text) = await receiver.NextAsync();
        Assert.Equal(Options, text);
        Assert.Equal(SipTransportProtocol.Udp, peer.Protocol);

        Assert.True(transport.Send(peer, "pong"u8.ToArray()));
        UdpReceiveResult reply = await client.ReceiveAsync().WaitAsync(s_wait);
        Assert.Equal("pong", Encoding.ASCII.GetString(reply.Buffer));
    }

    /// <summary>RFC 3261 §18.3: on a stream, messages are framed by Content-Length whatever the segment boundaries.</summary>
    [Fact]
    public async Task Tcp_frames_split_and_coalesced_messages_by_content_length()
    {
        await using TcpHarness h = await TcpHarness.StartAsync();
        byte[] two = Encoding.ASCII.GetBytes(Options + Options.Replace("t1", "t2", StringComparison.Ordinal));
        await h.Client.SendAsync(two.AsMemory(0, 37));
        await Task.Delay(20);
        await h.Client.SendAsync(two.AsMemory(37));

        Assert.Equal(Options, (await h.Receiver.NextAsync()).Text);
        (SipPeer peer, string second) = await h.Receiver.NextAsync();
        Assert.Contains("Call-ID: t2", second, StringComparison.Ordinal);
        Assert.NotEqual(0, peer.ConnectionId);

        Assert.True(h.Transport.Send(peer, Encoding.ASCII.GetBytes("reply")));
        byte[] buffer = new byte[16];
        int read = await h.Client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(s_wait);
        Assert.Equal("reply", Encoding.ASCII.GetString(buffer, 0, read));
    }

    /// <summary>RFC 5626 §3.5.1: a CRLFCRLF ping on a connection is answered with a CRLF pong.</summary>
    [Fact]
    public async Task Tcp_answers_crlf_ping_with_pong()
    {
        await using TcpHarness h = await TcpHarness.StartAsync();
        await h.Client.SendAsync("\r\n\r\n"u8.ToArray());

        byte[] buffer = new byte[8];
        int read = await h.Client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(s_wait);
        Assert.Equal("\r\n", Encoding.ASCII.GetString(buffer, 0, read));
    }

    /// <summary>RFC 3261 §18.3: a stream message without Content-Length cannot be framed; the connection is closed and counted.</summary>
    [Fact]
    public async Task Tcp_closes_connection_on_unframeable_message()
    {
        await using TcpHarness h = await TcpHarness.StartAsync();
        await h.Client.SendAsync(Encoding.ASCII.GetBytes(Options.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal)));

        byte[] buffer = new byte[8];
        int read = await h.Client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(s_wait);
        Assert.Equal(0, read);
        Assert.Equal(1, h.Metrics.Dropped);
    }

    [Fact]
    public async Task Tcp_refuses_connections_beyond_the_limit()
    {
        await using TcpHarness h = await TcpHarness.StartAsync(maxConnections: 1);
        await h.Client.SendAsync(Encoding.ASCII.GetBytes(Options));
        await h.Receiver.NextAsync();

        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await second.ConnectAsync(h.Transport.LocalEndPoint);
        byte[] buffer = new byte[8];
        int read = await second.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(s_wait);

        Assert.Equal(0, read);
        Assert.Equal(1, h.Transport.ConnectionCount);
    }

    private sealed class CollectingReceiver : ISipTransportReceiver
    {
        private readonly BlockingCollection<(SipPeer Peer, string Text)> _received = [];

        public void OnReceived(ISipTransport transport, SipPeer peer, ReadOnlySpan<byte> message) =>
            _received.Add((peer, Encoding.ASCII.GetString(message)));

        public Task<(SipPeer Peer, string Text)> NextAsync() =>
            Task.Run(() => _received.TryTake(out (SipPeer, string) item, s_wait) ? item : throw new TimeoutException());
    }

    private sealed class TcpHarness : IAsyncDisposable
    {
        private TcpHarness(TcpSipTransport transport, SipTransportMetrics metrics, Socket client, CollectingReceiver receiver)
        {
            Transport = transport;
            Metrics = metrics;
            Client = client;
            Receiver = receiver;
        }

        public TcpSipTransport Transport { get; }

        public SipTransportMetrics Metrics { get; }

        public Socket Client { get; }

        public CollectingReceiver Receiver { get; }

        public static async Task<TcpHarness> StartAsync(int maxConnections = 16)
        {
            var metrics = new SipTransportMetrics();
            var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), metrics, SipParserLimits.Default, maxConnections, TimeSpan.FromMinutes(1), new FakeTimeProvider());
            var receiver = new CollectingReceiver();
            transport.Start(receiver);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(transport.LocalEndPoint);
            return new TcpHarness(transport, metrics, client, receiver);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Transport.DisposeAsync();
            Metrics.Dispose();
        }
    }
}
