using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Telepath.Grains.Hosting;

namespace Telepath.Silo.Tests.Storage;

/// <summary>One started embedded-mode silo on a temp data folder, shared by a test class.</summary>
public sealed class SqliteSiloFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private IHost? _host;

    /// <summary>The data folder holding telepath.db.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>The started host.</summary>
    public IHost Host => _host ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>The keyed <c>"telepath"</c> grain storage, as grains get it.</summary>
    public IGrainStorage Storage => Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    /// <inheritdoc />
    public async Task InitializeAsync() => _host = await TestSiloHost.StartSqliteAsync(_directory.Path);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _directory.Dispose();
    }
}
