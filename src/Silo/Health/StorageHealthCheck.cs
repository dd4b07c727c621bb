using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Health;

/// <summary>Ready only while the database answers a trivial query within the probe's patience.</summary>
internal sealed class StorageHealthCheck : IHealthCheck
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);
    private readonly TelepathDatabase _database;

    public StorageHealthCheck(TelepathDatabase database)
    {
        _database = database;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            await using var connection = await _database.OpenConnectionAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{_database.Mode} storage answers.");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The reason goes to the probe's caller without the connection string or credentials.
            return HealthCheckResult.Unhealthy($"{_database.Mode} storage does not answer: {exception.GetType().Name}.");
        }
    }
}
