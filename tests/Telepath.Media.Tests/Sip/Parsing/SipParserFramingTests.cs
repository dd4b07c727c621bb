using System.Text;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Tests.Sip.Corpus;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>
/// Kestrel-style framing attacks: every prefix of a message is Incomplete with nothing consumed, and every split
/// point of two pipelined messages still yields both (RFC 3261 §18.3 stream framing).
/// </summary>
public sealed class SipParserFramingTests
{
    [Theory]
    [MemberData(nameof(SipSamples.All), MemberType = typeof(SipSamples))]
    public void Every_strict_prefix_of_a_message_is_incomplete_and_consumes_nothing(string name, string text)
    {
        byte[] bytes = SipSamples.Bytes(text);

        for (int length = 0; length < bytes.Length; length++)
        {
            SipParseResult result = SipParser.Parse(bytes.AsSpan(0, length), SipFraming.Stream, SipParserLimits.Default);

            Assert.True(result.Status == SipParseStatus.Incomplete, $"{name}: prefix of {length} bytes gave {result.Status} ({result.Error})");
            Assert.Equal(0, result.Consumed);
        }
    }

    [Theory]
    [MemberData(nameof(SipSamples.All), MemberType = typeof(SipSamples))]
    public void Every_split_point_of_two_pipelined_messages_yields_both(string name, string text)
    {
        byte[] first = SipSamples.Bytes(text);
        byte[] second = SipSamples.Bytes(SipSamples.Bye);
        byte[] all = [.. first, .. second];
        SipMessage expected = SipParser.Parse(first, SipFraming.Stream, SipParserLimits.Default).Message!;

        for (int split = 0; split <= all.Length; split++)
        {
            var received = new List<SipMessage>();
            var buffer = new List<byte>();
            Feed(buffer, all.AsSpan(0, split), received);
            Feed(buffer, all.AsSpan(split), received);

            Assert.True(received.Count == 2, $"{name}: split at {split} gave {received.Count} messages");
            Assert.Equal(expected.Headers.Count, received[0].Headers.Count);
            Assert.True(expected.Body.Span.SequenceEqual(received[0].Body.Span));
            Assert.Equal(SipMethod.Bye, ((SipRequest)received[1]).Method);
            Assert.Empty(buffer);
        }
    }

    [Fact]
    public void Message_split_into_single_bytes_is_parsed_once_at_the_last_byte()
    {
        byte[] bytes = SipSamples.Bytes(SipSamples.SippInvite);
        var buffer = new List<byte>();
        var received = new List<SipMessage>();

        for (int i = 0; i < bytes.Length; i++)
        {
            Assert.Empty(received);
            Feed(buffer, bytes.AsSpan(i, 1), received);
        }

        SipMessage message = Assert.Single(received);
        Assert.Equal(Encoding.UTF8.GetByteCount(SipSamples.SdpOffer), message.Body.Length);
    }

    private static void Feed(List<byte> buffer, ReadOnlySpan<byte> chunk, List<SipMessage> received)
    {
        buffer.AddRange(chunk);
        while (true)
        {
            SipParseResult result = SipParser.Parse(buffer.ToArray(), SipFraming.Stream, SipParserLimits.Default);
            Assert.NotEqual(SipParseStatus.Invalid, result.Status);
            if (result.Status == SipParseStatus.Incomplete)
            {
                Assert.Equal(0, result.Consumed);
                return;
            }

            received.Add(result.Message!);
            buffer.RemoveRange(0, result.Consumed);
        }
    }
}
