using System.Runtime.CompilerServices;

// The rtp-relay load scenario (bench/Telepath.Load) drives the internal engine directly, like the benchmarks do.
// Lead: this can move next to the other InternalsVisibleTo items in Directory.Build.props.
[assembly: InternalsVisibleTo("Telepath.Load")]
