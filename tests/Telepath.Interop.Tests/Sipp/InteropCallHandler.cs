using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Telepath.Media.Edge;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Interop.Tests.Sipp;

/// <summary>
/// Picks a behaviour by the called number so one server serves every scenario: <see cref="RingNumber"/> rings
/// and never answers (CANCEL), <see cref="HangUpNumber"/> answers and hangs up shortly after (server BYE),
/// <see cref="RingThenAnswerNumber"/> rings and answers 300 ms later (PRACK), <see cref="MediaNumber"/> answers, counts the RTP reaching the call's port and records the media updates, anything
/// else answers and waits for the caller's BYE.
/// </summary>
internal sealed class InteropCallHandler : IIncomingCallHandler
{
    public const string AnswerNumber = "+15550100";
    public const string RingNumber = "+15550200";
    public const string HangUpNumber = "+15550300";
    public const string MediaNumber = "+15550400";
    public const string RingThenAnswerNumber = "+15550500";

    /// <summary>Gets what each <see cref="MediaNumber"/> call received, by call id, once it ended.</summary>
    public ConcurrentDictionary<string, ReceivedMedia> Media { get; } = new();

    public async Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        if (call.To == RingNumber)
        {
            await call.RingAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (call.To == RingThenAnswerNumber)
        {
            await call.RingAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }

        if (call.To == MediaNumber)
        {
            return await ReceiveMediaAsync(call, cancellationToken);
        }

        await call.AnswerAsync(cancellationToken);
        if (call.To == HangUpNumber)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            await call.HangUpAsync(DisconnectReasons.AgentHangup, cancellationToken);
            return CallSummary.Empty;
        }

        await foreach (CallSignal signal in call.Signals.ReadAllAsync(CancellationToken.None))
        {
            if (signal is CallTerminatedSignal)
            {
                break;
            }
        }

        return CallSummary.Empty;
    }

    /// <summary>Stands in for the bridge: listens on the call's RTP port from before the answer until the call ends.</summary>
    private async Task<CallSummary> ReceiveMediaAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, call.RtpPorts!.Value.Rtp));
        var packets = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        Task receiving = CountRtpAsync(socket, packets, stop.Token);
        await call.AnswerAsync(cancellationToken);
        string? codec = null;
        await foreach (CallSignal signal in call.Signals.ReadAllAsync(CancellationToken.None))
        {
            if (signal is MediaUpdatedSignal updated)
            {
                codec = updated.Audio.Codec.Name;
            }
        }

        await stop.CancelAsync();
        await receiving;
        Media[call.CallId!] = new ReceivedMedia(codec, new Dictionary<int, int>(packets));
        return CallSummary.Empty;
    }

    private static async Task CountRtpAsync(Socket socket, ConcurrentDictionary<int, int> packets, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[2048];
        try
        {
            while (true)
            {
                int length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (length >= 12 && buffer[0] >> 6 == 2)
                {
                    packets.AddOrUpdate(buffer[1] & 0x7F, 1, static (_, count) => count + 1);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The call ended.
        }
    }
}
