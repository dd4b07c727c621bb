using Orleans.Runtime;
using Orleans.Storage;

namespace Telepath.Silo.Storage;

/// <summary>
/// Wraps Orleans' ADO.NET grain storage so every state is stored under its full grain id text
/// (<c>type/key</c>) rather than under a key the provider interprets.
/// </summary>
/// <remarks>
/// The ADO.NET provider reads a string key that parses as a hex integer or a GUID as that number
/// ("beef", "0beef" and "00beef" all become 0xBEEF, one row), and it leaves the grain type out of
/// the row identity, so two grain classes with the same state name and key share a row
/// (research/orleans.md §10, Orleans issues #9706, #8746). Handing it a string key made of
/// "type/key" fixes both: the '/' can appear in neither a hex number nor a GUID, so the provider
/// always takes its string path and stores the whole text, grain type included, in the row.
/// </remarks>
internal sealed class FullGrainIdStorage : IGrainStorage
{
    private readonly IGrainStorage _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public FullGrainIdStorage(IGrainStorage inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => _inner.ReadStateAsync(stateName, ToStorageId(grainId), grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => _inner.WriteStateAsync(stateName, ToStorageId(grainId), grainState);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => _inner.ClearStateAsync(stateName, ToStorageId(grainId), grainState);

    /// <summary>The grain id the inner provider sees: same type, key = the full id text.</summary>
    internal static GrainId ToStorageId(GrainId grainId)
        => GrainId.Create(grainId.Type, IdSpan.Create(grainId.ToString()));
}
