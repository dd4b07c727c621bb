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
                    // A phone never bursts to catch up: after a stall it just resumes, so no backlog is manufactured.
                    peers[i].Send(counting);
                    next[i] += frame;
                    if (now >= next[i])
                    {
                        next[i] = now + frame;
                    }
                }
            }

            stop.Wait(1);
        }
    }
}
