namespace Telepath.Silo.Configuration;

/// <summary>
/// Who may open the Orleans Dashboard at <c>/dashboard</c>, bound from <c>Telepath:Dashboard</c>. With no credential the
/// dashboard is not mapped at all: it exposes grain state and live logs, so it is never on by accident.
/// </summary>
public sealed class DashboardAccessOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telepath:Dashboard";

    /// <summary>Operator user name for HTTP basic authentication. Default: none (dashboard off).</summary>
    public string? Username { get; set; }

    /// <summary>Operator password (at least 12 characters). Default: none (dashboard off).</summary>
    public string? Password { get; set; }

    /// <summary>True when both parts of the credential are configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
