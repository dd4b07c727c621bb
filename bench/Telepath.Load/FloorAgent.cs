using System.Diagnostics;
using System.Net.Sockets;
using HdrHistogram;

namespace Telepath.Load;

/// <summary>The echo agent of the loopback floor: stamps each message's arrival and sends it straight back.</summary>
internal sealed class FloorAgent(LongHistogram callerToAgent)
{
    /// <summary>Gateway bytes are waiting on the call's agent-side TCP socket.</summary>
    public void OnReadable(FloorStream stream)
    {
        stream.AgentInbox.ReadFrom(stream.AgentTcp, (Histogram: callerToAgent, Socket: stream.AgentTcp), static (state, message) =>
        {
            long now = Stopwatch.GetTimestamp();
            if (FloorFrame.Counting(message))
            {
                state.Histogram.RecordValue(FloorFrame.Microseconds(FloorFrame.PhoneSent(message), now));
            }

            FloorFrame.WriteAgent(message, Stopwatch.GetTimestamp());
            state.Socket.Send(message, SocketFlags.None, out _);
        });
    }
}
