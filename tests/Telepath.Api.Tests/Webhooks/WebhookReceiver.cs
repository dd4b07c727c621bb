using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telepath.TestKit.Network;

namespace Telepath.Api.Tests.Webhooks;

/// <summary>
/// A local HTTPS webhook receiver: Kestrel on 127.0.0.1 with a self-signed certificate that the silo under test is
/// told to trust by thumbprint. Records every POST; <see cref="Respond"/> decides each answer.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;
    private int _arrivals;

    /// <summary>A receiver on <paramref name="port"/> (a free one when null), not yet listening.</summary>
    public WebhookReceiver(X509Certificate2 certificate, int? port = null)
    {
        Certificate = certificate;
        Port = port ?? FreePort.Tcp();
    }

    /// <summary>The certificate it serves.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>
    /// Chooses the status for a request (its <see cref="ReceivedWebhook.Status"/> is still 0) that arrived n-th
    /// (0-based); 200 by default. May delay to simulate a slow receiver.
    /// </summary>
    public Func<ReceivedWebhook, int, Task<int>> Respond { get; set; } = static (_, _) => Task.FromResult(200);

    /// <summary>Requests that started, answered or not.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    /// <summary>Every answered request so far, in answer order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>The URL of <paramref name="path"/> on this receiver.</summary>
    public string Url(string path = "/hook") => $"https://127.0.0.1:{Port}{path}";

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=telepath-webhook-receiver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>SHA-256 hash of a certificate, as <c>Telepath:Webhooks:TrustedCertificateThumbprints</c> takes it.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Starts listening.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.UseHttps(Certificate)));
        _app = builder.Build();
        _app.MapPost("/{**path}", (Delegate)HandleAsync);
        await _app.StartAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the received list; fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var snapshot = Received;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver's condition did not hold; it got {snapshot.Count} requests.");
            }

            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var index = Interlocked.Increment(ref _arrivals) - 1;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedWebhook(context.Request.Path.Value ?? "/", body, headers, context.Request.ContentType, DateTimeOffset.UtcNow, 0);
        var status = await Respond(request, index);
        _received.Enqueue(request with { Status = status });
        return Results.StatusCode(status);
    }
}
