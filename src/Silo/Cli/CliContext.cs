using Telepath.Silo.Configuration;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Cli;

/// <summary>What every admin command gets: validated settings, the database, its arguments and the two output streams.</summary>
internal sealed record CliContext(TelepathSettings Settings, TelepathDatabase Database, CliArguments Arguments, TextWriter Output, TextWriter Error);
