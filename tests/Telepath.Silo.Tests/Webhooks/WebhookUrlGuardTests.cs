using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Silo.Webhooks;

namespace Telepath.Silo.Tests.Webhooks;

/// <summary>The URL check done when an endpoint is created (no network: only literals and <c>localhost</c> are resolved).</summary>
public sealed class WebhookUrlGuardTests
{
    [Theory]
    [InlineData("http://93.184.216.34/hook", "https://")]
    [InlineData("ftp://93.184.216.34/hook", "https://")]
    [InlineData("/relative/hook", "absolute")]
    [InlineData("https://user:pass@93.184.216.34/hook", "user name")]
    [InlineData("https://10.0.0.5/hook", "private")]
    [InlineData("https://192.168.0.10:8443/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("https://[fd00::1]/hook", "unique local")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    public async Task Refuses_urls_that_are_not_https_to_a_public_address(string url, string expected)
    {
        var refusal = await Guard(allowLoopback: false).CheckAsync(url, CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_resolving_to_loopback_is_refused_like_the_address_itself()
    {
        // "localhost" is a name, not a literal: the guard must look at what it resolves to (127.0.0.1 / ::1).
        var refusal = await Guard(allowLoopback: false).CheckAsync("https://localhost:8443/hook", CancellationToken.None);

        Assert.StartsWith("url must not point to a loopback address", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9443/hook")]
    [InlineData("https://localhost/hook")]
    public async Task Allows_loopback_only_when_configured(string url)
    {
        Assert.Null(await Guard(allowLoopback: true).CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Accepts_an_https_url_to_a_public_address()
    {
        Assert.Null(await Guard(allowLoopback: false).CheckAsync("https://93.184.216.34/hooks/telepath", CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_private_addresses_even_when_loopback_is_allowed()
    {
        Assert.NotNull(await Guard(allowLoopback: true).CheckAsync("https://10.0.0.1/hook", CancellationToken.None));
    }

    private static WebhookUrlGuard Guard(bool allowLoopback) => new(Options.Create(new WebhookOptions { AllowLoopback = allowLoopback }));
}
