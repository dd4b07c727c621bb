using Telepath.Media.Rtp;

namespace Telepath.Media.Tests.Rtp;

/// <summary>RFC 3550 Appendix A.1 sequence validation, plus duplicate detection.</summary>
public sealed class SequenceTrackerTests
{
    /// <summary>RFC 3550 A.1: a new source needs MIN_SEQUENTIAL (2) sequential packets before it is valid.</summary>
    [Fact]
    public void New_source_is_on_probation_until_two_sequential_packets()
    {
        var tracker = new SequenceTracker();
        Assert.Equal(SequenceStatus.Probation, tracker.Update(100));
        Assert.False(tracker.IsValid);
        Assert.Equal(SequenceStatus.InOrder, tracker.Update(101));
        Assert.True(tracker.IsValid);
        Assert.Equal(1, tracker.Received);
        Assert.Equal(1, tracker.Expected);
    }

    /// <summary>RFC 3550 A.1: the extended sequence number counts wrap-around cycles in its upper bits.</summary>
    [Fact]
    public void Extends_sequence_across_wrap_around()
    {
        var tracker = Started(65533);
        for (ushort s = 65534; s != 3; s++)
        {
            Assert.Equal(SequenceStatus.InOrder, tracker.Update(s));
        }

        Assert.Equal(65536 + 2, tracker.ExtendedHighest);
        Assert.Equal(6, tracker.Expected);
        Assert.Equal(0, tracker.Expected - tracker.Received);
        Assert.Equal(65536 - 1, tracker.Extend(65535));
    }

    [Fact]
    public void Counts_gaps_as_loss_and_late_packets_as_reordered()
    {
        var tracker = Started(10);
        Assert.Equal(SequenceStatus.InOrder, tracker.Update(13));
        Assert.Equal(SequenceStatus.Reordered, tracker.Update(12));
        Assert.Equal(4, tracker.Expected);
        Assert.Equal(3, tracker.Received);
        Assert.Equal(1, tracker.Reordered);
    }

    [Fact]
    public void Detects_duplicates_of_the_highest_and_of_recent_packets()
    {
        var tracker = Started(10);
        tracker.Update(12);
        tracker.Update(11);
        Assert.Equal(SequenceStatus.Duplicate, tracker.Update(12));
        Assert.Equal(SequenceStatus.Duplicate, tracker.Update(11));
        Assert.Equal(SequenceStatus.Duplicate, tracker.Update(10));
        Assert.Equal(3, tracker.Duplicates);
        Assert.Equal(3, tracker.Received);
    }

    /// <summary>RFC 3550 A.1: a jump beyond MAX_DROPOUT is a restart only if the next packet follows it.</summary>
    [Fact]
    public void Large_jump_is_dropped_unless_confirmed_by_the_next_packet()
    {
        var tracker = Started(1000);
        Assert.Equal(SequenceStatus.BadJump, tracker.Update(40000));
        Assert.Equal(SequenceStatus.InOrder, tracker.Update(1001));
        Assert.Equal(SequenceStatus.BadJump, tracker.Update(50000));
        Assert.Equal(SequenceStatus.Restarted, tracker.Update(50001));
        Assert.Equal(1, tracker.Restarts);
        Assert.Equal((ushort)50001, tracker.BaseSequence);
        Assert.Equal(SequenceStatus.InOrder, tracker.Update(50002));
        Assert.Equal(2, tracker.Expected);
    }

    private static SequenceTracker Started(ushort first)
    {
        var tracker = new SequenceTracker();
        tracker.Update((ushort)(first - 1));
        tracker.Update(first);
        return tracker;
    }
}
