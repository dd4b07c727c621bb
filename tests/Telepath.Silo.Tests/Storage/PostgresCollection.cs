namespace Telepath.Silo.Tests.Storage;

/// <summary>The xUnit collection whose classes share one <see cref="PostgresFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The collection's name for <c>[Collection]</c>.</summary>
    public const string Name = "PostgreSQL";
}
