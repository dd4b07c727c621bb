using System.Data.Common;
using System.Text.Json;
using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Silo.Calls;

/// <summary>Row mapping and JSON columns of <see cref="SqlCallStore"/>.</summary>
internal sealed partial class SqlCallStore
{
    private static CallRecord ReadSummary(DbDataReader reader)
    {
        var metrics = JsonSerializer.Deserialize(reader.GetString(15), CallStoreJsonContext.Default.CallMetricsData) ?? CallMetricsData.Empty;
        return new CallRecord(
            Id: reader.GetString(0),
            AccountId: reader.GetString(1),
            TrunkId: reader.GetString(2),
            Direction: reader.GetString(3),
            Status: reader.GetString(4),
            From: reader.GetString(5),
            To: reader.GetString(6),
            DisconnectReason: NullableString(reader, 7),
            StartTime: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            AnswerTime: NullableTime(reader, 9),
            EndTime: NullableTime(reader, 10),
            CodecUsed: NullableString(reader, 11),
            Carrier: NullableString(reader, 12),
            SipCallId: null,
            SourceAddress: null,
            Metrics: metrics,
            Turns: [],
            SipTrace: [],
            SipTraceTruncated: false,
            OwnerSilo: NullableString(reader, 13),
            UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)));
    }

    private static string MetricsJson(CallMetricsData metrics) =>
        JsonSerializer.Serialize(metrics, CallStoreJsonContext.Default.CallMetricsData);

    private static string DetailJson(CallRecord call) => JsonSerializer.Serialize(
        new CallDetailDocument(call.Turns, call.SipTrace, call.SipTraceTruncated, call.SipCallId, call.SourceAddress),
        CallStoreJsonContext.Default.CallDetailDocument);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
