namespace Telepath.Api.Errors;

/// <summary>The error codes of the REST contract (spec §1), in one place so no endpoint invents a spelling.</summary>
public static class ApiErrorCodes
{
    /// <summary>The request came over plain HTTP.</summary>
    public const string HttpsRequired = "https_required";

    /// <summary>Missing, malformed, unknown or revoked API key.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A valid key without the scope the endpoint needs.</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>A parameter or body field breaks a rule.</summary>
    public const string InvalidParameters = "invalid_parameters";

    /// <summary>A required field is absent.</summary>
    public const string MissingRequired = "missing_required";

    /// <summary>No API key with that id in the caller's account.</summary>
    public const string ApiKeyNotFound = "api_key_not_found";

    /// <summary>No trunk with that id in the caller's account.</summary>
    public const string TrunkNotFound = "trunk_not_found";

    /// <summary>No call with that id in the caller's account.</summary>
    public const string CallNotFound = "call_not_found";

    /// <summary>No webhook endpoint with that id in the caller's account.</summary>
    public const string WebhookNotFound = "webhook_not_found";

    /// <summary>No webhook delivery with that id in the caller's account.</summary>
    public const string WebhookDeliveryNotFound = "webhook_delivery_not_found";

    /// <summary>No route matches the path.</summary>
    public const string NotFound = "not_found";

    /// <summary>The route exists but not for this HTTP method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>The resource conflicts with an existing one (duplicate name, taken SIP username).</summary>
    public const string Conflict = "conflict";

    /// <summary>The key used up its request budget for the current window.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The body is larger than the configured maximum.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>The body is not JSON.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>A bug or an outage on our side; the message never carries details.</summary>
    public const string InternalError = "internal_error";

    /// <summary>The service is starting, draining or cannot reach its storage.</summary>
    public const string ServiceUnavailable = "service_unavailable";
}
