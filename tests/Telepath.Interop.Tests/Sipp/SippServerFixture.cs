using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Sip.Auth;
using Telepath.Media.Sip.UserAgent;
using Telepath.Silo.Configuration;
using Telepath.Silo.Hosting;
using Telepath.TestKit.Sip;

namespace Telepath.Interop.Tests.Sipp;

/// <summary>
/// The real Media SIP server, registered through <c>AddTelepathMedia</c> and hosted in the test process on
/// 127.0.0.1 with a free port (UDP and TCP share it), a fake trunk directory and recording call events.
/// </summary>
public sealed class SippServerFixture : IAsyncLifetime
{
    public const string Domain = "127.0.0.1";
    public const string Username = "acme";
    public const string Password = "interop-pass";

    private ServiceProvider? _services;

    public FakeTrunkDirectory Directory { get; } = new();

    public RecordingCallEvents Events { get; } = new();

    internal InteropCallHandler Handler { get; } = new();

    internal MediaEngine Engine { get; private set; } = null!;

    public IPEndPoint EndPoint => Engine.SipEndPoints[0];

    public async Task InitializeAsync()
    {
        // As the silo does at start (Telepath:MinWorkerThreads): load runs measure the SIP stack, not the pool's ramp-up.
        ThreadPoolMinimum.Apply(new TelepathOptions().MinWorkerThreads);

        Directory.Add(new TrunkIdentity(
            "trunk-interop", "account-1", Username, TrunkAdmission.Accept,
            [DigestHa1.FromPassword(DigestAlgorithm.Md5, Username, Domain, Password), DigestHa1.FromPassword(DigestAlgorithm.Sha256, Username, Domain, Password)],
            [], []));
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telepath:Sip:Domain"] = Domain,
            ["Telepath:Sip:ListenAddress"] = "127.0.0.1",
            ["Telepath:Sip:Port"] = "0",
            ["Telepath:Sip:NonceSecret"] = "interop-nonce-secret-0123456789abcdef",
            ["Telepath:Sip:DrainTimeout"] = "00:00:01",
            ["Telepath:Rtp:PortRangeStart"] = "30000",
            ["Telepath:Rtp:PortRangeEnd"] = "39999",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ITrunkDirectory>(Directory);
        services.AddSingleton<ICallEvents>(Events);
        services.AddSingleton<IIncomingCallHandler>(Handler);
        services.AddTelepathMedia(configuration);
        _services = services.BuildServiceProvider();
        Engine = _services.GetRequiredService<MediaEngine>();
        await Engine.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
