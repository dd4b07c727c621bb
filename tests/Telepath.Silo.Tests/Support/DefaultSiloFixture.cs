using Telepath.TestKit;

namespace Telepath.Silo.Tests.Support;

/// <summary>One embedded-mode silo shared by the tests of a class that only read from it.</summary>
public sealed class DefaultSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("telepath-silo");

    /// <summary>The running silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(_data.Path);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}
