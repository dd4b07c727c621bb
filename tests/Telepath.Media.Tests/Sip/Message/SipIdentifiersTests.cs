using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>Random tags, branches and Call-IDs (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3).</summary>
public sealed class SipIdentifiersTests
{
    /// <summary>RFC 3261 §8.1.1.7: a branch starts with the magic cookie z9hG4bK.</summary>
    [Fact]
    public void Branch_starts_with_the_magic_cookie_and_carries_96_random_bits()
    {
        string branch = SipIdentifiers.NewBranch();

        Assert.StartsWith("z9hG4bK", branch, StringComparison.Ordinal);
        Assert.Equal(7 + 24, branch.Length);
        Assert.True(SipSyntax.IsToken(branch.AsSpan()));
    }

    [Fact]
    public void Tags_and_call_ids_are_tokens_and_do_not_repeat()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 1000; i++)
        {
            string tag = SipIdentifiers.NewTag();
            Assert.True(SipSyntax.IsToken(tag.AsSpan()));
            Assert.True(seen.Add(tag));
        }

        Assert.EndsWith("@gw.example", SipIdentifiers.NewCallId("gw.example"), StringComparison.Ordinal);
    }
}
