using System.Net;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Rtp.Engine;

/// <summary>One allocator for the media range: the UAS leases the pair for its SDP answer, the bridge opens the stream on it.</summary>
public sealed class RtpEnginePortLeaseTests
{
    [Fact]
    public async Task Stream_opened_on_a_leased_pair_binds_exactly_that_pair_and_leaves_the_lease_to_its_holder()
    {
        await using var engine = new RtpEngine(new RtpEngineOptions { FirstPort = 24400, LastPort = 24409, MediaTimeout = TimeSpan.Zero, RtcpInterval = TimeSpan.Zero });
        Assert.True(engine.Ports.TryLease(out RtpPortPair pair));
        var consumer = new RecordingConsumer();
        using var peer = new RtpTestPeer();

        Assert.True(engine.TryOpenStream(pair, new RtpStreamSettings(0), consumer, out RtpStream? stream));
        peer.SendRtp(pair.Rtp, 1, 0, 0, RtpTestPeer.Payload(4));
        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Audio.Count == 1));
        int leasedWhileOpen = engine.Ports.Capacity - engine.Ports.Available;
        stream.Dispose();

        Assert.Equal(pair, stream.Ports);
        Assert.False(stream.OwnsPorts);
        Assert.Equal(1, leasedWhileOpen);
        Assert.Equal(engine.Ports.Capacity - 1, engine.Ports.Available);
        engine.Ports.Return(pair);
        Assert.Equal(engine.Ports.Capacity, engine.Ports.Available);
    }

    [Fact]
    public async Task Stream_on_a_pair_someone_else_bound_is_refused()
    {
        await using var engine = new RtpEngine(new RtpEngineOptions { FirstPort = 24410, LastPort = 24419, MediaTimeout = TimeSpan.Zero, RtcpInterval = TimeSpan.Zero });
        Assert.True(engine.Ports.TryLease(out RtpPortPair pair));
        using var squatter = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, pair.Rtp));

        Assert.False(engine.TryOpenStream(pair, new RtpStreamSettings(0), new RecordingConsumer(), out _));
        Assert.Equal(0, engine.ActiveStreams);
    }

    [Fact]
    public async Task Stream_that_leased_its_own_pair_returns_it_on_close()
    {
        await using var engine = new RtpEngine(new RtpEngineOptions { FirstPort = 24420, LastPort = 24429, MediaTimeout = TimeSpan.Zero, RtcpInterval = TimeSpan.Zero });
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), new RecordingConsumer(), out RtpStream? stream));
        Assert.True(stream.OwnsPorts);

        stream.Dispose();

        Assert.Equal(engine.Ports.Capacity, engine.Ports.Available);
    }
}
