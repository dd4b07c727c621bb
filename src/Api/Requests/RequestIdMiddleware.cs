using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Telepath.Api.Requests;

/// <summary>
/// Gives every request an id, echoes it as <c>X-Request-Id</c> on every response (errors included) and opens a
/// logging scope with it, so a client's report of a failure can be found in the server log.
/// </summary>
public sealed class RequestIdMiddleware
{
    /// <summary>The header that carries the id both ways.</summary>
    public const string HeaderName = "X-Request-Id";

    private const int MaxIncomingLength = 128;
    private static readonly object s_itemKey = new();

    private readonly RequestDelegate _next;
    private readonly ILogger<RequestIdMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    public RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    /// <summary>The id assigned to <paramref name="context"/>, or null outside this middleware.</summary>
    public static string? GetRequestId(HttpContext context) =>
        context.Items.TryGetValue(s_itemKey, out var value) ? value as string : null;

    /// <summary>Assigns the id, then runs the rest of the pipeline inside its logging scope.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Accept(context.Request.Headers[HeaderName].ToString()) ?? NewRequestId();
        context.Items[s_itemKey] = requestId;
        context.TraceIdentifier = requestId;
        // Added when the response starts, so that an error handler that resets the headers cannot drop it.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[HeaderName] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        using (_logger.BeginScope(new RequestIdScope(requestId)))
        {
            await _next(context);
        }
    }

    /// <summary>A proxy's id is kept when it is short and plain, so one id can follow a request across hops.</summary>
    private static string? Accept(string incoming)
    {
        if (incoming.Length is 0 or > MaxIncomingLength)
        {
            return null;
        }

        foreach (var c in incoming)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return null;
            }
        }

        return incoming;
    }

    private static string NewRequestId()
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return "req_" + Convert.ToHexStringLower(random);
    }

    /// <summary>Logging scope state: renders as <c>RequestId:req_…</c> and exposes the pair to structured sinks.</summary>
    private sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new KeyValuePair<string, object>("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + requestId;
    }
}
