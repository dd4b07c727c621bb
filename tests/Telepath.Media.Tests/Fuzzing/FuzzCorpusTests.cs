using Telepath.Fuzz;

namespace Telepath.Media.Tests.Fuzzing;

/// <summary>
/// Replays the fuzzing corpus (seeds plus every input AFL++ found new coverage with, in <c>bench/fuzz/corpus</c>)
/// through the same targets the fuzzer drives, so a parser change that starts throwing on one of them fails here.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_corpus_input_is_handled_without_an_exception(string target)
    {
        var folder = Path.Combine(RepositoryRoot(), "bench", "fuzz", "corpus", target);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
        if (target != "rtp")
        {
            Assert.NotEmpty(files);
        }

        foreach (var file in files)
        {
            var exception = Record.Exception(() => FuzzTargets.All[target](File.ReadAllBytes(file)));
            Assert.True(exception is null, $"{Path.GetFileName(file)}: {exception}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Telepath.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Telepath.sln not found above the test folder.");
    }
}
