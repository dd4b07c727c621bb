using System.Data.Common;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>Row mapping and command plumbing of <see cref="WebhookStore"/>.</summary>
internal sealed partial class WebhookStore
{
    private const int MaxErrorLength = 500;

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // An untyped NULL confuses PostgreSQL inside COALESCE and comparisons; every nullable parameter is text or a number.
                parameter.DbType = name is "next" or "at" or "failing" or "code" ? System.Data.DbType.Int64 : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static WebhookEndpointRecord ReadEndpoint(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetString(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : FromMs(r.GetInt64(8)), r.IsDBNull(9) ? null : FromMs(r.GetInt64(9)),
        FromMs(r.GetInt64(10)));

    private static WebhookDeliveryView ReadDelivery(DbDataReader r, IReadOnlyList<WebhookAttemptView> attempts)
    {
        var status = r.GetString(5);
        return new WebhookDeliveryView(
            r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), status, r.GetInt32(6),
            r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9),
            status == WebhookDeliveryStatus.Pending ? FromMs(r.GetInt64(10)) : null, FromMs(r.GetInt64(11)),
            r.IsDBNull(12) ? null : FromMs(r.GetInt64(12)), attempts);
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static string? Trim(string? text) => text is null || text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
