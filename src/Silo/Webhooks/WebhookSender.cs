using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>
/// Sends one signed POST per attempt over a dedicated HttpClient: no proxy and no redirects (either could lead
/// around the SSRF guard), the guard re-applied to the address actually connected to, system certificate
/// validation plus the configured pinned thumbprints, and a Polly timeout per attempt.
/// </summary>
internal sealed class WebhookSender : IWebhookSender, IDisposable
{
    private const string UserAgent = "Telepath-Webhooks/1";
    private const int MaxErrorLength = 300;

    private readonly HttpClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly WebhookOptions _options;
    private readonly HashSet<string> _trusted;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _trusted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var thumbprint in _options.TrustedCertificateThumbprints)
        {
            _trusted.Add(thumbprint.Replace(":", "", StringComparison.Ordinal).Trim());
        }

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectAsync,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = ValidateCertificate;
        // The pipeline owns the per-attempt deadline; the client's own timeout only backstops it.
        _client = new HttpClient(handler) { Timeout = _options.AttemptTimeout + TimeSpan.FromSeconds(5) };
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    public async Task<WebhookSendResult> SendAsync(WebhookSendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attemptedAt = _timeProvider.GetUtcNow();
        var started = _timeProvider.GetTimestamp();
        try
        {
            var status = await _pipeline.ExecuteAsync(static async (state, token) =>
            {
                using var message = state.Self.CreateMessage(state.Request);
                using var response = await state.Self._client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                return (int)response.StatusCode;
            }, (Self: this, Request: request), cancellationToken).ConfigureAwait(false);
            var succeeded = status is >= 200 and <= 299;
            return new WebhookSendResult(succeeded, status, Elapsed(started), succeeded ? null : $"receiver answered HTTP {status}", attemptedAt);
        }
        catch (TimeoutRejectedException)
        {
            return Failure($"no response within {_options.AttemptTimeout.TotalSeconds:0.#} s", started, attemptedAt);
        }
        catch (HttpRequestException exception)
        {
            return Failure(Describe(exception), started, attemptedAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure("request timed out", started, attemptedAt);
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage CreateMessage(WebhookSendRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Payload, Encoding.UTF8, "application/json"),
            Version = HttpVersion.Version11,
        };
        var unixSeconds = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        message.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(request.Secret, unixSeconds, request.Payload));
        message.Headers.TryAddWithoutValidation("Telepath-Event-Id", request.EventId);
        message.Headers.TryAddWithoutValidation("Telepath-Delivery-Id", request.DeliveryId);
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.DeliveryId);
        message.Headers.UserAgent.Add(new ProductInfoHeaderValue("Telepath-Webhooks", "1"));
        return message;
    }

    /// <summary>Connects only to addresses the guard allows, whatever DNS says at this moment (anti-rebinding).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await WebhookUrlGuard.ResolveAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        string? refusal = null;
        foreach (var address in addresses)
        {
            refusal = WebhookAddressRules.Refusal(address, _options.AllowLoopback);
            if (refusal is not null)
            {
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException)
            {
                socket.Dispose();
                refusal = "connection refused or unreachable";
            }
        }

        throw new HttpRequestException(refusal is null ? "host did not resolve" : $"blocked or unreachable: {refusal}");
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || _trusted.Count == 0)
        {
            return false;
        }

        return _trusted.Contains(certificate.GetCertHashString()) || _trusted.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    private WebhookSendResult Failure(string error, long started, DateTimeOffset attemptedAt) =>
        new(false, null, Elapsed(started), error.Length <= MaxErrorLength ? error : error[..MaxErrorLength], attemptedAt);

    private int Elapsed(long started) => (int)Math.Min(int.MaxValue, _timeProvider.GetElapsedTime(started).TotalMilliseconds);

    private static string Describe(HttpRequestException exception)
    {
        // The innermost message names the actual cause (refused, TLS, blocked address) without a stack trace.
        Exception inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception ? exception.Message : $"{exception.Message} ({inner.Message})";
    }
}
