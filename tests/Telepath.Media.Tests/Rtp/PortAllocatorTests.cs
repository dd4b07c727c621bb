using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp;

/// <summary>Even RTP ports with RTCP on the next odd port (RFC 3550 §11), leased thread-safely.</summary>
public sealed class PortAllocatorTests
{
    [Fact]
    public void Leases_even_ports_with_rtcp_on_the_next_port_until_exhausted()
    {
        var allocator = new PortAllocator(10001, 10010);
        Assert.Equal(4, allocator.Capacity);
        var leased = new List<RtpPortPair>();
        while (allocator.TryLease(out RtpPortPair pair))
        {
            leased.Add(pair);
        }

        Assert.Equal(new[] { 10002, 10004, 10006, 10008 }, leased.Select(p => p.Rtp));
        Assert.All(leased, p => Assert.Equal(p.Rtp + 1, p.Rtcp));
        Assert.Equal(1, allocator.ExhaustedCount);
        Assert.Equal(0, allocator.Available);
    }

    [Fact]
    public void Returned_port_is_reused_last()
    {
        var allocator = new PortAllocator(20000, 20005);
        allocator.TryLease(out RtpPortPair first);
        allocator.Return(first);
        allocator.TryLease(out RtpPortPair second);
        allocator.TryLease(out RtpPortPair third);
        allocator.TryLease(out RtpPortPair fourth);
        Assert.Equal(20000, first.Rtp);
        Assert.Equal(20002, second.Rtp);
        Assert.Equal(20004, third.Rtp);
        Assert.Equal(20000, fourth.Rtp);
    }

    [Fact]
    public void Returning_a_port_twice_or_a_foreign_port_is_a_bug()
    {
        var allocator = new PortAllocator(20000, 20009);
        allocator.TryLease(out RtpPortPair pair);
        allocator.Return(pair);
        Assert.Throws<InvalidOperationException>(() => allocator.Return(pair));
        Assert.Throws<InvalidOperationException>(() => allocator.Return(new RtpPortPair(30000)));
        Assert.Throws<InvalidOperationException>(() => allocator.Return(new RtpPortPair(20001)));
    }

    [Fact]
    public async Task Concurrent_lease_and_return_never_hands_out_a_port_twice()
    {
        var allocator = new PortAllocator(30000, 30199);
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        int conflicts = 0;
        Task[] workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 5000; i++)
            {
                if (allocator.TryLease(out RtpPortPair pair))
                {
                    if (!inUse.TryAdd(pair.Rtp, true))
                    {
                        Interlocked.Increment(ref conflicts);
                    }

                    inUse.TryRemove(pair.Rtp, out bool _);
                    allocator.Return(pair);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(0, conflicts);
        Assert.Equal(allocator.Capacity, allocator.Available);
    }
}
