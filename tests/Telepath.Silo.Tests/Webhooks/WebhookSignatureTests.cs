using Telepath.Silo.Webhooks;

namespace Telepath.Silo.Tests.Webhooks;

/// <summary>The <c>Telepath-Signature</c> header (spec §8).</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signs_timestamp_dot_body_with_hmac_sha256_of_the_whole_secret()
    {
        // Expected value computed independently: Python hmac.new(b"whsec_test", b'1700000000.{"id":"evt_1"}', sha256).
        var header = WebhookSignature.Create("whsec_test", 1_700_000_000, "{\"id\":\"evt_1\"}");

        Assert.Equal("t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925", header);
    }
}
