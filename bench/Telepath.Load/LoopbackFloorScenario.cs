using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Load;

/// <summary>
/// The floor under <c>bridge-relay</c>: the same sockets per call (a phone and a gateway UDP socket, a gateway → agent
/// TCP connection), the same bytes per frame and the same pacing, moved by the least code this machine allows. The
/// gateway is one epoll thread per core that forwards each datagram or message on the thread that read it; the echo
/// agent and the phones' receive side are one epoll thread each; the phones are paced as in the bridge scenarios.
/// No SIP, no codec, no JSON, no WebSocket framing, no jitter buffer, no pacing of agent audio. What this measures is
/// what the kernel's loopback, the system calls and the thread wake-ups cost here: no gateway can add less.
/// </summary>
internal static class LoopbackFloorScenario
{
    public static async Task RunAsync(ScenarioArguments arguments)
    {
        if (!EpollNativeMethods.IsSupported)
        {
            Console.WriteLine("loopback-floor needs Linux (epoll)");
            return;
        }

        int count = arguments.Concurrency;
        int gatewayThreads = Environment.ProcessorCount;
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(count);
        var streams = new FloorStream[count];
        for (int i = 0; i < count; i++)
        {
            streams[i] = FloorStream.Open(listener);
        }

        var callerToAgent = new LongHistogram(10_000_000, 3);
        var agentToCaller = new LongHistogram(10_000_000, 3);
        var roundTrip = new LongHistogram(10_000_000, 3);
        // The engine's own epoll thread, at normal priority as the bare loop this floor stands for: one per core for the
        // gateway, one for the agent, one for the phones' receive side, each coalescing as its bridge-relay twin does
        // (the gateway as Telepath's default, never; the agent when busy; the phones always).
        var scheduling = new RealtimeMediaThreads(false, NullLogger.Instance);
        var threads = new List<EpollMediaThread>();
        EpollMediaThread NewThread(MediaThreadCoalescing coalescing)
        {
            EpollMediaThread thread = EpollMediaThread.TryCreate(threads.Count, scheduling, coalescing, NullLogger.Instance)
                ?? throw new InvalidOperationException("epoll_create1 failed");
            threads.Add(thread);
            return thread;
        }

        var gateways = new FloorGateway[gatewayThreads];
        var gatewayLoops = new EpollMediaThread[gatewayThreads];
        for (int g = 0; g < gatewayThreads; g++)
        {
            gateways[g] = new FloorGateway();
            gatewayLoops[g] = NewThread(MediaThreadCoalescing.Never);
        }

        var agent = new FloorAgent(callerToAgent);
        var phone = new FloorPhone(streams, agentToCaller, roundTrip);
        EpollMediaThread agentThread = NewThread(MediaThreadCoalescing.WhenBusy(GeneratorCoalescing.Agent));
        EpollMediaThread phoneThread = NewThread(MediaThreadCoalescing.Always(GeneratorCoalescing.Phones));
        phone.EnableArrivalStamps();
        var senders = new FloorPhone.Sender[count];
        for (int i = 0; i < count; i++)
        {
            FloorStream stream = streams[i];
            FloorGateway gateway = gateways[i % gatewayThreads];
            EpollMediaThread gatewayLoop = gatewayLoops[i % gatewayThreads];
            gatewayLoop.Register(stream.GatewayUdp, new FloorSocket(stream, gateway.OnDatagram), EpollNativeMethods.EpollIn);
            gatewayLoop.Register(stream.GatewayTcp, new FloorSocket(stream, gateway.OnMessage), EpollNativeMethods.EpollIn);
            agentThread.Register(stream.AgentTcp, new FloorSocket(stream, agent.OnReadable), EpollNativeMethods.EpollIn);
            phoneThread.Register(stream.Phone, new FloorSocket(stream, phone.OnReadable), EpollNativeMethods.EpollIn);
            senders[i] = new FloorPhone.Sender(stream.Phone);
        }

        using var stop = new ManualResetEventSlim(false);
        var measuring = new StrongBox<bool>(false);
        var pacer = new Thread(() => RtpPacedSender.Run(senders, stop, measuring)) { IsBackground = true, Name = "phones-pacer" };
        pacer.Start();

        await Task.Delay(TimeSpan.FromSeconds(Math.Max(2, arguments.Seconds / 5.0)));
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        MachineCpu machineStart = MachineCpu.Sample();
        long started = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring.Value, true);
        await Task.Delay(TimeSpan.FromSeconds(arguments.Seconds));
        Volatile.Write(ref measuring.Value, false);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        double machine = MachineCpu.Sample().PercentSince(machineStart);

        // Frames still in flight when the window closed come back within a few milliseconds.
        await Task.Delay(200);
        stop.Set();
        pacer.Join();
        threads.ForEach(thread => thread.Dispose());
        Array.ForEach(streams, stream => stream.Dispose());

        long sent = senders.Sum(sender => sender.Sent);
        long received = phone.Received;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loopback-floor streams={count}, {seconds:0} s measured, {gatewayThreads} gateway epoll threads + agent + phones, {Environment.ProcessorCount} cores: bridge-relay's sockets and bytes with no Telepath code"));
        Console.WriteLine($"  caller -> agent (phone send -> agent receive):   {RelayReport.Delay(callerToAgent)}");
        Console.WriteLine($"  agent -> caller (agent send -> phone arrival):   {RelayReport.Delay(agentToCaller)}");
        Console.WriteLine($"  round trip phone -> agent -> phone:              {RelayReport.Delay(roundTrip)}");
        Console.WriteLine($"  packets/s through the gateway (in+out): {RelayReport.Traffic(sent, received, seconds)}, writes not taken whole {gateways.Sum(gateway => gateway.FailedWrites)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU: this process {100 * cpu / seconds:0} % of one core ({(received == 0 ? 0 : cpu * 1e6 / received):0.0} µs per echoed frame: phone, gateway and agent together), whole machine {machine:0} %"));
    }
}
