namespace Telepath.Silo.Tests.Storage;

/// <summary>The persistent state of <see cref="ProbeGrain"/>, also written directly through the storage.</summary>
[GenerateSerializer]
[Alias("telepath.tests.probe-state")]
public sealed class ProbeState
{
    /// <summary>A value the test reads back.</summary>
    [Id(0)]
    public string? Value { get; set; }

    /// <summary>A second member, to show more than one field survives.</summary>
    [Id(1)]
    public int Counter { get; set; }
}
