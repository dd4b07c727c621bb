namespace Telepath.Api.Errors;

/// <summary>
/// One API error as the contract shapes it: <c>{"error": {"code", "message", "status"}}</c>.
/// </summary>
/// <param name="Code">Stable lower_snake identifier that clients branch on (for example <c>https_required</c>).</param>
/// <param name="Message">A human sentence naming the offending field and rule.</param>
/// <param name="Status">The HTTP status code, repeated in the body for clients that lose headers.</param>
public sealed record ApiError(string Code, string Message, int Status);
