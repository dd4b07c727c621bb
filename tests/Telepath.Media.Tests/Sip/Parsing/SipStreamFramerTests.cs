using System.Buffers;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>TCP/TLS framing with RFC 5626 §3.5.1 CRLF keep-alives.</summary>
public sealed class SipStreamFramerTests
{
    /// <summary>RFC 5626 §3.5.1: a double-CRLF ping is reported so the transport can answer with a single CRLF pong.</summary>
    [Fact]
    public void Reports_double_crlf_as_a_keep_alive_ping()
    {
        SipFrame frame = SipStreamFramer.Read("\r\n\r\n"u8, SipParserLimits.Default);

        Assert.Equal(SipFrameKind.KeepAlivePing, frame.Kind);
        Assert.Equal(4, frame.Consumed);
    }

    [Fact]
    public void Skips_a_lone_crlf_between_messages()
    {
        byte[] bytes = [.. "\r\n"u8, .. SipSamples.Bytes(SipSamples.Bye)];

        SipFrame frame = SipStreamFramer.Read(bytes, SipParserLimits.Default);

        Assert.Equal(SipFrameKind.Message, frame.Kind);
        Assert.Equal(bytes.Length, frame.Consumed);
    }

    [Fact]
    public void Waits_on_a_partial_ping_without_consuming_it()
    {
        Assert.Equal(new SipFrame(SipFrameKind.Incomplete, null, 0, null), SipStreamFramer.Read("\r\n"u8, SipParserLimits.Default));
        Assert.Equal(new SipFrame(SipFrameKind.Incomplete, null, 0, null), SipStreamFramer.Read("\r\n\r"u8, SipParserLimits.Default));
        Assert.Equal(new SipFrame(SipFrameKind.Incomplete, null, 0, null), SipStreamFramer.Read(ReadOnlySpan<byte>.Empty, SipParserLimits.Default));
    }

    [Fact]
    public void Reads_message_ping_message_in_order()
    {
        byte[] bytes = [.. SipSamples.Bytes(SipSamples.Options), .. "\r\n\r\n"u8, .. SipSamples.Bytes(SipSamples.Bye)];
        var kinds = new List<SipFrameKind>();
        ReadOnlySpan<byte> rest = bytes;

        while (true)
        {
            SipFrame frame = SipStreamFramer.Read(rest, SipParserLimits.Default);
            if (frame.Kind == SipFrameKind.Incomplete)
            {
                break;
            }

            kinds.Add(frame.Kind);
            rest = rest[frame.Consumed..];
        }

        Assert.Equal([SipFrameKind.Message, SipFrameKind.KeepAlivePing, SipFrameKind.Message], kinds);
        Assert.True(rest.IsEmpty);
    }

    [Fact]
    public void Reads_a_message_spread_over_many_sequence_segments()
    {
        byte[] bytes = SipSamples.Bytes(SipSamples.SippInvite);
        ReadOnlySequence<byte> sequence = Segmented(bytes, 7);

        SipFrame frame = SipStreamFramer.Read(sequence, SipParserLimits.Default);

        Assert.Equal(SipFrameKind.Message, frame.Kind);
        Assert.Equal(bytes.Length, frame.Consumed);
        Assert.Equal(SipMethod.Invite, ((SipRequest)frame.Message!).Method);
    }

    [Fact]
    public void Reports_invalid_stream_with_reason_and_nothing_consumed()
    {
        SipFrame frame = SipStreamFramer.Read("GARBAGE\r\n\r\n"u8, SipParserLimits.Default);

        Assert.Equal(SipFrameKind.Invalid, frame.Kind);
        Assert.Equal("Malformed request line", frame.Error);
        Assert.Equal(0, frame.Consumed);
    }

    [Fact]
    public void Recognises_crlf_only_datagrams_as_keep_alives()
    {
        Assert.True(SipStreamFramer.IsKeepAliveDatagram("\r\n\r\n"u8));
        Assert.True(SipStreamFramer.IsKeepAliveDatagram("\r\n"u8));
        Assert.False(SipStreamFramer.IsKeepAliveDatagram(ReadOnlySpan<byte>.Empty));
        Assert.False(SipStreamFramer.IsKeepAliveDatagram("\r\nX"u8));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        Segment? first = null;
        Segment? last = null;
        for (int offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            var memory = bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
