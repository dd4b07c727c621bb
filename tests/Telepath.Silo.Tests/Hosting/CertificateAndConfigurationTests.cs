using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Telepath.Silo.Configuration;
using Telepath.Silo.Tests.Support;
using Telepath.TestKit;

namespace Telepath.Silo.Tests.Hosting;

/// <summary>Start-up behaviour: the generated certificate, configuration errors, proxies trusted by configuration.</summary>
public sealed class CertificateAndConfigurationTests
{
    [Fact]
    public async Task Generated_certificate_is_created_on_first_start_and_reused_after_a_restart()
    {
        using var data = new TempDirectory("telepath-cert");
        string first;
        await using (var silo = await SiloProcess.StartAsync(data.Path))
        {
            first = await ServedThumbprintAsync(silo.HttpsBase);
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "tls", "telepath-selfsigned.pfx")));
        await using (var silo = await SiloProcess.StartAsync(data.Path))
        {
            Assert.Equal(first, await ServedThumbprintAsync(silo.HttpsBase));
        }
    }

    [Fact]
    public async Task Forwarded_proto_https_from_a_trusted_proxy_counts_as_https()
    {
        using var data = new TempDirectory("telepath-proxy");
        await using var silo = await SiloProcess.StartAsync(data.Path, "--Telepath:Api:TrustedProxies:0=127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-resource");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await silo.Http.SendAsync(request);
        await ErrorBody.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("Telepath:Storage", "postgres", "Telepath:ConnectionString is required")]
    [InlineData("Telepath:Storage", "oracle", "Telepath:Storage")]
    [InlineData("Telepath:Http:ListenAddress", "not-an-ip", "ListenAddress")]
    [InlineData("Telepath:Dashboard:Username", "ops", "needs both Username and Password")]
    [InlineData("Telepath:SiloPort", "70000", "SiloPort")]
    public void Bad_configuration_stops_start_with_a_sentence_naming_the_setting(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        var failure = Record.Exception(() => TelepathSettings.Read(configuration));
        Assert.NotNull(failure);
        var message = failure is OptionsValidationException validation ? string.Join(" ", validation.Failures) : failure.Message;
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    private static async Task<string> ServedThumbprintAsync(Uri httpsBase)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, httpsBase.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, static (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("localhost");
        using var certificate = new X509Certificate2(tls.RemoteCertificate!);
        return certificate.Thumbprint;
    }
}
