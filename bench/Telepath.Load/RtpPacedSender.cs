using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Telepath.Load;

/// <summary>One thread pacing every simulated phone at 50 packets/s, staggered across the 20 ms slot.</summary>
internal static class RtpPacedSender
{
    public static void Run(IPacedPhone[] peers, ManualResetEventSlim stop, StrongBox<bool> measuring)
    {
        GeneratorThreadPriority.TryRaiseCurrent();
        long frame = Stopwatch.Frequency / 50;
        long start = Stopwatch.GetTimestamp();
        var next = new long[peers.Length];
        for (int i = 0; i < peers.Length; i++)
        {
            // Stagger the streams across the 20 ms slot, as independent calls would be.
            next[i] = start + (frame * i / peers.Length);
        }

        while (!stop.IsSet)
        {
            long now = Stopwatch.GetTimestamp();
            bool counting = Volatile.Read(ref measuring.Value);
            for (int i = 0; i < peers.Length; i++)
            {
                if (now >= next[i])
                {
                    peers[i].Send(counting);
                    next[i] += frame;
                    if (now >= next[i])
                    {
                        // After a stall a phone neither bursts to catch up (no backlog is manufactured) nor restarts its
                        // clock from now: that moved every late phone onto the same phase, so after a few stalls all of
                        // them sent in the same millisecond, a burst of every call's frame each 20 ms that independent
                        // phones never make. It skips the slots it missed and keeps its place in the stagger.
                        next[i] += ((now - next[i]) / frame + 1) * frame;
                    }
                }
            }

            // A plain sleep, not the event's wait: that spins first, and a real-time thread spinning holds its core.
            Thread.Sleep(1);
        }
    }
}
