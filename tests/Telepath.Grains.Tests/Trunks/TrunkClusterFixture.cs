using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Tests.Trunks;

/// <summary>Orleans' in-process test cluster with in-memory grain storage under the name Telepath grains use.</summary>
public sealed class TrunkClusterFixture : IAsyncLifetime
{
    /// <summary>The running cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Grains of the cluster.</summary>
    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Default);
            siloBuilder.Services.AddSingleton(TimeProvider.System);
        }
    }
}
