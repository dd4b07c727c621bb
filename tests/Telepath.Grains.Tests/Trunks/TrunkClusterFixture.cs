using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Grains.Hosting;
using Telepath.Grains.Tests.Support;

namespace Telepath.Grains.Tests.Trunks;

/// <summary>Orleans' in-process test cluster with in-memory grain storage under the name Telepath grains use.</summary>
public sealed class TrunkClusterFixture : IAsyncLifetime
{
    /// <summary>The running cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>What the silo's grains published (the cluster runs in this process).</summary>
    public RecordingWebhookPublisher Published => ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredService<RecordingWebhookPublisher>();

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
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddSingleton<RecordingWebhookPublisher>();
            siloBuilder.Services.AddSingleton<IWebhookPublisher>(static sp => sp.GetRequiredService<RecordingWebhookPublisher>());
            siloBuilder.Services.AddSingleton<ITrunkWebhookTargets, FixedTrunkWebhookTargets>();
        }
    }
}
