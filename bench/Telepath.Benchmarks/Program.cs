using BenchmarkDotNet.Running;

namespace Telepath.Benchmarks;

/// <summary>Entry point: BenchmarkSwitcher lets `--filter` pick one hot-path scenario.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
