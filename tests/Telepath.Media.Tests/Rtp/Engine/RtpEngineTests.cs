using System.Buffers.Binary;
using System.Net;
using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Rtp.Engine;

/// <summary>The RTP engine over real loopback sockets: receive, latching, pacing, DTMF, RTCP, timeout, ports.</summary>
public sealed class RtpEngineTests
{
    // Fixed test ports sit below Linux's ephemeral range (32768+): a socket bound to port 0 anywhere on the machine (the
    // other test assemblies run at the same time) can never take them, and silo processes started by tests lease
    // their RTP ranges from ephemeral ports.
    private static RtpEngineOptions Options(int first) => new()
    {
        BindAddress = IPAddress.Loopback,
        FirstPort = first,
        LastPort = first + 99,
        RtcpInterval = TimeSpan.Zero,
        MediaTimeout = TimeSpan.Zero,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delivers_in_order_payloads_from_a_loopback_sender(bool epollReceive)
    {
        RtpEngineOptions options = Options(epollReceive ? 22000 : 23500);
        options.EpollReceive = epollReceive;
        await using var engine = new RtpEngine(options);
        Assert.Equal(epollReceive && OperatingSystem.IsLinux(), engine.MediaThreads is not null);
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), consumer, out RtpStream? stream));
        using var peer = new RtpTestPeer();
        for (int i = 0; i < 20; i++)
        {
            peer.SendRtp(stream.Ports.Rtp, (ushort)(65530 + i), (uint)(i * 160), 0, RtpTestPeer.Payload(i));
        }

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Audio.Count == 20));
        List<byte[]> audio = consumer.Audio;
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(RtpTestPeer.Payload(i), audio[i]);
        }

        Assert.Equal(peer.EndPoint, stream.RemoteEndPoint);
        Assert.Equal(20, stream.GetStatistics().PacketsIn);
    }

    [Fact]
    public async Task Reordered_and_duplicated_packets_are_put_right_by_the_jitter_buffer()
    {
        await using var engine = new RtpEngine(Options(22100));
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), consumer, out RtpStream? stream));
        using var peer = new RtpTestPeer();
        int[] order = [0, 2, 1, 1, 3, 5, 4, 4, 6, 7];
        foreach (int i in order)
        {
            peer.SendRtp(stream.Ports.Rtp, (ushort)(100 + i), (uint)(i * 160), 0, RtpTestPeer.Payload(i));
        }

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Audio.Count == 8));
        Assert.Equal([0, 160, 320, 480, 640, 800, 960, 1120], consumer.Timestamps);
        Assert.True(await RecordingConsumer.WaitUntilAsync(() => stream.GetStatistics().DropsFor(RtpDropReason.Duplicate) == 2));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_closed_while_datagrams_arrive_stops_receiving_and_the_engine_keeps_serving_others(bool epollReceive)
    {
        RtpEngineOptions options = Options(epollReceive ? 23600 : 23700);
        options.EpollReceive = epollReceive;
        await using var engine = new RtpEngine(options);
        var closing = new RecordingConsumer();
        var staying = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), closing, out RtpStream? first));
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), staying, out RtpStream? second));
        using var peer = new RtpTestPeer();
        int firstPort = first.Ports.Rtp;
        for (int i = 0; i < 50; i++)
        {
            peer.SendRtp(firstPort, (ushort)i, (uint)(i * 160), 0, RtpTestPeer.Payload(i));
            if (i == 25)
            {
                first.Dispose();
            }
        }

        for (int i = 0; i < 10; i++)
        {
            peer.SendRtp(second.Ports.Rtp, (ushort)i, (uint)(i * 160), 0, RtpTestPeer.Payload(i));
        }

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => staying.Audio.Count == 10));
        Assert.InRange(closing.Audio.Count, 0, 26);
        Assert.Equal(1, engine.ActiveStreams);
    }

    [Fact]
    public async Task Garbage_and_unnegotiated_payload_types_are_dropped_and_counted_never_thrown()
    {
        await using var engine = new RtpEngine(Options(22200));
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, 101), consumer, out RtpStream? stream));
        using var peer = new RtpTestPeer();
        int port = stream.Ports.Rtp;
        peer.SendRaw(port, [0x80, 0x00, 0x01]);
        peer.SendRaw(port, new byte[20]);
        byte[] badCsrc = new byte[14];
        badCsrc[0] = 0x8F;
        peer.SendRaw(port, badCsrc);
        peer.SendRtp(port, 1, 0, 96, RtpTestPeer.Payload(1));
        peer.SendRtp(port, 2, 160, 0, RtpTestPeer.Payload(2));

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Audio.Count == 1));
        RtpStreamStatistics statistics = stream.GetStatistics();
        Assert.Equal(1, statistics.DropsFor(RtpDropReason.Short));
        Assert.Equal(1, statistics.DropsFor(RtpDropReason.WrongVersion));
        Assert.Equal(1, statistics.DropsFor(RtpDropReason.Malformed));
        Assert.Equal(1, statistics.DropsFor(RtpDropReason.UnknownPayloadType));
        Assert.Equal(1, statistics.PacketsIn);
    }

    [Fact]
    public async Task A_stranger_cannot_hijack_a_live_stream_even_with_the_right_ssrc()
    {
        await using var engine = new RtpEngine(Options(22300));
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), consumer, out RtpStream? stream));
        using var caller = new RtpTestPeer();
        using var attacker = new RtpTestPeer();
        int port = stream.Ports.Rtp;
        caller.SendRtp(port, 1, 0, 0, RtpTestPeer.Payload(1));
        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Audio.Count == 1));

        for (int i = 0; i < 10; i++)
        {
            attacker.SendRtp(port, (ushort)(2 + i), (uint)(160 * (i + 1)), 0, RtpTestPeer.Payload(99));
        }

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => stream.GetStatistics().DropsFor(RtpDropReason.Stranger) == 10));
        Assert.Single(consumer.Audio);
        Assert.Equal(caller.EndPoint, stream.RemoteEndPoint);
        Assert.Equal(0, stream.GetStatistics().Relatches);
    }

    [Fact]
    public async Task Relatches_to_a_new_address_after_the_old_one_falls_quiet_and_enough_packets_arrive()
    {
        RtpEngineOptions options = Options(22400);
        options.RelatchQuietPeriod = TimeSpan.FromMilliseconds(100);
        options.RelatchPackets = 3;
        await using var engine = new RtpEngine(options);
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), consumer, out RtpStream? stream));
        using var oldPath = new RtpTestPeer();
        using var newPath = new RtpTestPeer();
        int port = stream.Ports.Rtp;
        oldPath.SendRtp(port, 1, 0, 0, RtpTestPeer.Payload(1));
        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Audio.Count == 1));
        await Task.Delay(250);

        for (int i = 0; i < 3; i++)
        {
            newPath.SendRtp(port, (ushort)(2 + i), (uint)(160 * (i + 1)), 0, RtpTestPeer.Payload(2 + i));
        }

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => stream.GetStatistics().Relatches == 1));
        Assert.Equal(newPath.EndPoint, stream.RemoteEndPoint);
        Assert.Equal(2, stream.GetStatistics().DropsFor(RtpDropReason.Stranger));
    }

    [Fact]
    public async Task One_second_of_bursty_audio_leaves_as_fifty_paced_frames_in_order()
    {
        await using var engine = new RtpEngine(Options(22500));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, Remote: peer.EndPoint), new RecordingConsumer(), out RtpStream? stream));
        byte[] second = new byte[8000];
        for (int i = 0; i < second.Length; i++)
        {
            second[i] = (byte)(i / 160);
        }

        Assert.Equal(8000, stream.EnqueueAudio(second));
        var packets = new List<byte[]>();
        for (int i = 0; i < 50; i++)
        {
            byte[]? packet = await peer.ReceiveAsync();
            Assert.NotNull(packet);
            packets.Add(packet);
        }

        Assert.True(RtpHeader.TryParse(packets[0], out RtpHeader first));
        Assert.True(first.Marker);
        ushort firstSequence = first.SequenceNumber;
        uint firstTimestamp = first.Timestamp;
        for (int i = 0; i < 50; i++)
        {
            Assert.True(RtpHeader.TryParse(packets[i], out RtpHeader header));
            Assert.Equal((ushort)(firstSequence + i), header.SequenceNumber);
            Assert.Equal(firstTimestamp + (uint)(160 * i), header.Timestamp);
            Assert.Equal(i == 0, header.Marker);
            Assert.Equal(stream.Ssrc, header.Ssrc);
            Assert.All(header.Payload.ToArray(), b => Assert.Equal((byte)i, b));
        }

        Assert.Null(await peer.ReceiveAsync(100));
        Assert.Equal(50, stream.GetStatistics().PacketsOut);
    }

    /// <summary>RFC 4566 §6: a peer that asked for 30 ms packets (a=ptime:30) gets 240-byte frames, 240 timestamp ticks apart.</summary>
    [Fact]
    public async Task Frames_follow_the_negotiated_packet_time()
    {
        await using var engine = new RtpEngine(Options(23500));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, Remote: peer.EndPoint, FrameBytes: 240, FrameMilliseconds: 30), new RecordingConsumer(), out RtpStream? stream));

        Assert.Equal(720, stream.EnqueueAudio(new byte[720]));
        var timestamps = new List<uint>();
        for (int i = 0; i < 3; i++)
        {
            byte[]? packet = await peer.ReceiveAsync();
            Assert.NotNull(packet);
            Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
            Assert.Equal(240, header.Payload.Length);
            timestamps.Add(header.Timestamp);
        }

        Assert.Equal([0u, 240u, 480u], timestamps.Select(t => t - timestamps[0]));
        Assert.Null(await peer.ReceiveAsync(100));
    }

    [Fact]
    public async Task Flush_discards_queued_frames_and_reports_how_many()
    {
        await using var engine = new RtpEngine(Options(22600));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, Remote: peer.EndPoint), new RecordingConsumer(), out RtpStream? stream));
        stream.EnqueueAudio(new byte[160 * 100]);
        Assert.NotNull(await peer.ReceiveAsync());
        int flushed = stream.Flush();
        Assert.InRange(flushed, 50, 99);
        Assert.Equal(flushed, stream.GetStatistics().FramesFlushed);

        // After the flush a new utterance starts a talkspurt: marker bit set.
        while (await peer.ReceiveAsync(100) is not null)
        {
        }

        stream.EnqueueAudio(new byte[160]);
        byte[]? next = await peer.ReceiveAsync();
        Assert.NotNull(next);
        Assert.True(RtpHeader.TryParse(next, out RtpHeader header));
        Assert.True(header.Marker);
    }

    [Fact]
    public async Task A_frame_due_when_it_is_queued_leaves_inside_EnqueueAudio_not_at_the_next_pacing_tick()
    {
        await using var engine = new RtpEngine(Options(23300));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, Remote: peer.EndPoint), new RecordingConsumer(), out RtpStream? stream));

        // A silent stream starts a talkspurt now, so its first frame is due at once and is sent on this thread.
        Assert.Equal(160, stream.EnqueueAudio(RtpTestPeer.Payload(1)));
        Assert.Equal(1, stream.GetStatistics().PacketsOut);
        byte[]? packet = await peer.ReceiveAsync();
        Assert.NotNull(packet);
        Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
        Assert.True(header.Marker);
        Assert.Equal(RtpTestPeer.Payload(1), header.Payload.ToArray());
    }

    [Fact]
    public async Task A_talkspurt_that_ran_dry_is_closed_once_and_the_silence_after_it_is_not_paced_slot_by_slot()
    {
        await using var engine = new RtpEngine(Options(23800));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, Remote: peer.EndPoint), new RecordingConsumer(), out RtpStream? stream));
        stream.EnqueueAudio(new byte[160 * 3]);
        for (int i = 0; i < 3; i++)
        {
            Assert.NotNull(await peer.ReceiveAsync());
        }

        // Ten slots of silence: the first one past its late grace closes the talkspurt, the rest have nothing to do.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, stream.GetStatistics().Underruns);
        Assert.Equal(3, stream.GetStatistics().PacketsOut);

        // The next utterance is a new talkspurt, sent at once with the marker bit.
        stream.EnqueueAudio(new byte[160]);
        byte[]? next = await peer.ReceiveAsync();
        Assert.NotNull(next);
        Assert.True(RtpHeader.TryParse(next, out RtpHeader header));
        Assert.True(header.Marker);
        Assert.Equal(1, stream.GetStatistics().Underruns);
    }

    [Fact]
    public async Task A_talkspurt_right_after_a_barge_in_flush_never_reuses_timestamps_already_sent()
    {
        await using var engine = new RtpEngine(Options(23400));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, 101, peer.EndPoint), new RecordingConsumer(), out RtpStream? stream));
        stream.EnqueueAudio(new byte[160 * 50]);
        byte[]? first = await peer.ReceiveAsync();
        Assert.NotNull(first);
        stream.Flush();

        // The new utterance comes within the same 20 ms slot as the last frame sent: wall time alone would give it an
        // RTP timestamp inside the audio already sent (RFC 3550 §5.1: timestamps follow the sampling instants).
        stream.EnqueueAudio(new byte[160 * 2]);
        Assert.True(stream.SendDtmf('5', TimeSpan.FromMilliseconds(40)));
        stream.EnqueueAudio(new byte[160]);
        var headers = new List<(byte PayloadType, bool Marker, uint Timestamp)>();
        while (await peer.ReceiveAsync(300) is byte[] packet)
        {
            Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
            headers.Add((header.PayloadType, header.Marker, header.Timestamp));
        }

        Assert.True(RtpHeader.TryParse(first, out RtpHeader firstHeader));
        Assert.Equal(0, headers[0].PayloadType);
        Assert.True(headers[0].Marker, "the utterance after the flush is a new talkspurt");
        uint end = firstHeader.Timestamp + 160;
        uint? keyPress = null;
        foreach ((byte PayloadType, bool Marker, uint Timestamp) header in headers)
        {
            if (header.PayloadType == 101 && header.Timestamp == keyPress)
            {
                // RFC 4733 §2.5.1.2: every packet of one key press carries the timestamp of its start.
                continue;
            }

            Assert.True((int)(header.Timestamp - end) >= 0, $"timestamp {header.Timestamp} overlaps media sent up to {end}");
            keyPress = header.PayloadType == 101 ? header.Timestamp : null;
            end = header.Timestamp + (header.PayloadType == 101 ? 320u : 160u);
        }

        Assert.Equal(3, headers.Count(h => h.PayloadType == 0));
        Assert.Contains(headers, h => h.PayloadType == 101);
    }

    [Fact]
    public async Task Telephone_events_arrive_as_one_key_press()
    {
        await using var engine = new RtpEngine(Options(22700));
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, 101), consumer, out RtpStream? stream));
        using var peer = new RtpTestPeer();
        var encoder = new Rfc4733DtmfEncoder(101, peer.Ssrc);
        encoder.Start('7', TimeSpan.FromMilliseconds(100), 8000, 10);
        var packet = new byte[16];
        while (encoder.TryWriteNext(packet, out int length, out _))
        {
            peer.SendRaw(stream.Ports.Rtp, packet.AsSpan(0, length));
        }

        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Dtmf.Count == 1));
        Assert.Equal('7', consumer.Dtmf[0].Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(100), consumer.Dtmf[0].Duration);
    }

    [Fact]
    public async Task SendDtmf_emits_rfc4733_packets_ending_with_three_end_packets()
    {
        await using var engine = new RtpEngine(Options(22800));
        using var peer = new RtpTestPeer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0, 101, peer.EndPoint), new RecordingConsumer(), out RtpStream? stream));
        Assert.True(stream.SendDtmf('#', TimeSpan.FromMilliseconds(60)));
        var events = new List<(bool End, ushort Duration, byte Code)>();
        while (events.Count < 5 && await peer.ReceiveAsync() is byte[] packet)
        {
            Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
            Assert.Equal(101, header.PayloadType);
            ReadOnlySpan<byte> payload = header.Payload;
            events.Add(((payload[1] & 0x80) != 0, BinaryPrimitives.ReadUInt16BigEndian(payload[2..]), payload[0]));
        }

        // RFC 4733 §2.5.1.4: the final packet is sent three times with the full duration.
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal(11, e.Code));
        Assert.Equal([false, false, true, true, true], events.Select(e => e.End));
        Assert.Equal(480, events[^1].Duration);
    }

    [Fact]
    public async Task Rtcp_between_two_engines_gives_round_trip_time_and_loss()
    {
        RtpEngineOptions optionsA = Options(22900);
        optionsA.RtcpInterval = TimeSpan.FromMilliseconds(200);
        RtpEngineOptions optionsB = Options(23000);
        optionsB.RtcpInterval = TimeSpan.FromMilliseconds(200);
        await using var engineA = new RtpEngine(optionsA);
        await using var engineB = new RtpEngine(optionsB);
        var consumerA = new RecordingConsumer();
        var consumerB = new RecordingConsumer();
        Assert.True(engineA.TryOpenStream(new RtpStreamSettings(0), consumerA, out RtpStream? a));
        Assert.True(engineB.TryOpenStream(new RtpStreamSettings(0, Remote: new IPEndPoint(IPAddress.Loopback, a.Ports.Rtp)), consumerB, out RtpStream? b));
        a.SetRemote(new IPEndPoint(IPAddress.Loopback, b.Ports.Rtp));
        a.EnqueueAudio(new byte[160 * 100]);
        b.EnqueueAudio(new byte[160 * 100]);

        Assert.True(await RecordingConsumer.WaitUntilAsync(
            () => a.GetStatistics().RoundTripMilliseconds > 0 && b.GetStatistics().RoundTripMilliseconds > 0, 8000));
        RtpStreamStatistics statistics = a.GetStatistics();
        Assert.True(statistics.RtcpIn > 0 && statistics.RtcpOut > 0);
        Assert.Equal(0, statistics.LossPercent);
        Assert.Equal(0, statistics.RemoteLossPercent);
        Assert.InRange(statistics.RoundTripMilliseconds!.Value, 0.001, 1000);
    }

    [Fact]
    public async Task Media_timeout_fires_exactly_once()
    {
        RtpEngineOptions options = Options(23100);
        options.MediaTimeout = TimeSpan.FromMilliseconds(150);
        await using var engine = new RtpEngine(options);
        var consumer = new RecordingConsumer();
        Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), consumer, out RtpStream? stream));
        Assert.True(await RecordingConsumer.WaitUntilAsync(() => consumer.Timeouts == 1));
        await Task.Delay(400);
        Assert.Equal(1, consumer.Timeouts);
        Assert.False(stream.IsClosed);
    }

    [Fact]
    public async Task Every_port_is_returned_when_streams_close_and_when_the_engine_is_disposed()
    {
        var engine = new RtpEngine(Options(23200));
        int available = engine.AvailablePortPairs;
        var streams = new List<RtpStream>();
        for (int i = 0; i < 10; i++)
        {
            Assert.True(engine.TryOpenStream(new RtpStreamSettings(0), new RecordingConsumer(), out RtpStream? stream));
            streams.Add(stream);
        }

        Assert.Equal(available - 10, engine.AvailablePortPairs);
        streams[0].Dispose();
        streams[0].Dispose();
        Assert.Equal(available - 9, engine.AvailablePortPairs);
        Assert.Equal(9, engine.ActiveStreams);
        await engine.DisposeAsync();
        Assert.Equal(available, engine.AvailablePortPairs);
        Assert.Equal(0, engine.ActiveStreams);
    }
}
