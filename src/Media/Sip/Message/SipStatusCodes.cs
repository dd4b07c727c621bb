namespace Telepath.Media.Sip.Message;

/// <summary>Status codes Telepath sends or reacts to, and the standard reason phrases (RFC 3261 §21 and extensions).</summary>
internal static class SipStatusCodes
{
    /// <summary>100 Trying.</summary>
    public const int Trying = 100;

    /// <summary>180 Ringing.</summary>
    public const int Ringing = 180;

    /// <summary>183 Session Progress.</summary>
    public const int SessionProgress = 183;

    /// <summary>200 OK.</summary>
    public const int Ok = 200;

    /// <summary>400 Bad Request.</summary>
    public const int BadRequest = 400;

    /// <summary>401 Unauthorized.</summary>
    public const int Unauthorized = 401;

    /// <summary>403 Forbidden.</summary>
    public const int Forbidden = 403;

    /// <summary>404 Not Found.</summary>
    public const int NotFound = 404;

    /// <summary>405 Method Not Allowed.</summary>
    public const int MethodNotAllowed = 405;

    /// <summary>407 Proxy Authentication Required.</summary>
    public const int ProxyAuthenticationRequired = 407;

    /// <summary>408 Request Timeout.</summary>
    public const int RequestTimeout = 408;

    /// <summary>415 Unsupported Media Type.</summary>
    public const int UnsupportedMediaType = 415;

    /// <summary>416 Unsupported URI Scheme.</summary>
    public const int UnsupportedUriScheme = 416;

    /// <summary>420 Bad Extension.</summary>
    public const int BadExtension = 420;

    /// <summary>422 Session Interval Too Small (RFC 4028).</summary>
    public const int SessionIntervalTooSmall = 422;

    /// <summary>481 Call/Transaction Does Not Exist.</summary>
    public const int CallOrTransactionDoesNotExist = 481;

    /// <summary>482 Loop Detected.</summary>
    public const int LoopDetected = 482;

    /// <summary>486 Busy Here.</summary>
    public const int BusyHere = 486;

    /// <summary>487 Request Terminated.</summary>
    public const int RequestTerminated = 487;

    /// <summary>488 Not Acceptable Here.</summary>
    public const int NotAcceptableHere = 488;

    /// <summary>491 Request Pending (RFC 3261 §14.2).</summary>
    public const int RequestPending = 491;

    /// <summary>500 Server Internal Error.</summary>
    public const int ServerInternalError = 500;

    /// <summary>501 Not Implemented.</summary>
    public const int NotImplemented = 501;

    /// <summary>503 Service Unavailable.</summary>
    public const int ServiceUnavailable = 503;

    /// <summary>505 Version Not Supported.</summary>
    public const int VersionNotSupported = 505;

    /// <summary>603 Decline.</summary>
    public const int Decline = 603;

    /// <summary>The standard reason phrase for <paramref name="statusCode"/>, or a class default (e.g. "Client Error").</summary>
    public static string GetReasonPhrase(int statusCode) => statusCode switch
    {
        100 => "Trying",
        180 => "Ringing",
        181 => "Call Is Being Forwarded",
        182 => "Queued",
        183 => "Session Progress",
        199 => "Early Dialog Terminated",
        200 => "OK",
        202 => "Accepted",
        204 => "No Notification",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Moved Temporarily",
        305 => "Use Proxy",
        380 => "Alternative Service",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        410 => "Gone",
        412 => "Conditional Request Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Unsupported URI Scheme",
        417 => "Unknown Resource-Priority",
        420 => "Bad Extension",
        421 => "Extension Required",
        422 => "Session Interval Too Small",
        423 => "Interval Too Brief",
        428 => "Use Identity Header",
        429 => "Provide Referrer Identity",
        433 => "Anonymity Disallowed",
        436 => "Bad Identity Info",
        437 => "Unsupported Credential",
        438 => "Invalid Identity Header",
        439 => "First Hop Lacks Outbound Support",
        440 => "Max-Breadth Exceeded",
        469 => "Bad Info Package",
        470 => "Consent Needed",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        482 => "Loop Detected",
        483 => "Too Many Hops",
        484 => "Address Incomplete",
        485 => "Ambiguous",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        489 => "Bad Event",
        491 => "Request Pending",
        493 => "Undecipherable",
        494 => "Security Agreement Required",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Server Time-out",
        505 => "Version Not Supported",
        513 => "Message Too Large",
        555 => "Push Notification Service Not Supported",
        580 => "Precondition Failure",
        600 => "Busy Everywhere",
        603 => "Decline",
        604 => "Does Not Exist Anywhere",
        606 => "Not Acceptable",
        607 => "Unwanted",
        608 => "Rejected",
        >= 100 and < 200 => "Provisional",
        >= 200 and < 300 => "Success",
        >= 300 and < 400 => "Redirection",
        >= 400 and < 500 => "Client Error",
        >= 500 and < 600 => "Server Error",
        _ => "Global Failure",
    };
}
