using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Parsing;

/// <summary>Semantic equality of two messages: start line, header fields in order (Content-Length aside), body.</summary>
internal static class SipMessageAssert
{
    public static void Equivalent(SipMessage expected, SipMessage actual)
    {
        Assert.Equal(expected.GetStartLine(), actual.GetStartLine());
        Assert.Equal(Fields(expected), Fields(actual));
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
    }

    private static List<SipHeaderField> Fields(SipMessage message) =>
        [.. message.Headers.Where(f => f.Name != SipHeaderNames.ContentLength)];
}
