namespace Telepath.Silo.Health;

/// <summary>Tags that sort health checks into probes.</summary>
internal static class HealthTags
{
    /// <summary>Checks that must pass before the silo takes traffic (<c>/readyz</c>).</summary>
    public const string Ready = "ready";
}
