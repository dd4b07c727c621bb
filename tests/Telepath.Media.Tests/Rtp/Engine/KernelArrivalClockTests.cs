using System.Net;
using System.Net.Sockets;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Rtp.Engine;

/// <summary>The kernel receive time of a datagram, mapped onto the stream clock (Linux SIOCGSTAMP; the test machines are Linux).</summary>
public sealed class KernelArrivalClockTests
{
    /// <summary>The mapped arrival lies between the send and our read of it (1 ms slack for the realtime/monotonic mapping).</summary>
    [Fact]
    public void Arrival_lies_between_the_send_and_the_read()
    {
        Assert.True(KernelArrivalClock.IsSupported);
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var clock = new KernelArrivalClock(TimeProvider.System);
        var buffer = new byte[64];
        clock.Enable(receiver);

        // The first socket on the machine to ask for stamps switches the kernel's stamping on through a deferred work
        // item; until it runs, datagrams carry no stamp and SIOCGSTAMP answers "now". A stream's socket is primed
        // when it opens, long before RTP flows; the test gives the kernel the same head start.
        Thread.Sleep(100);
        long sent = TimeProvider.System.GetTimestamp();
        sender.SendTo(new byte[12], receiver.LocalEndPoint!);
        Thread.Sleep(20);
        receiver.Receive(buffer);
        long read = TimeProvider.System.GetTimestamp();
        long arrival = clock.ArrivalOf(receiver, read);

        long slack = TimeProvider.System.TimestampFrequency / 1000;
        Assert.InRange(arrival, sent - slack, read);
        Assert.True(read - arrival > 10 * slack, "a datagram that waited 20 ms in its socket shows that wait");
    }

    [Fact]
    public void Socket_that_received_nothing_reports_the_read_time()
    {
        Assert.True(KernelArrivalClock.IsSupported);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.Equal(12345L, new KernelArrivalClock(TimeProvider.System).ArrivalOf(socket, 12345L));
    }
}
