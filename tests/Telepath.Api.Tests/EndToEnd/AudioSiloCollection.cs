namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// The audio end-to-end tests share one real silo (starting one costs seconds); each test makes its own account,
/// trunk and fake agent, so they cannot see each other's calls. Tests in one collection run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AudioSiloCollection : ICollectionFixture<EndToEndSilo>
{
    public const string Name = "Audio through the real silo";
}
