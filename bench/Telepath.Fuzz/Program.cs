using SharpFuzz;
using Telepath.Fuzz;

// Usage: Telepath.Fuzz <target>            run under AFL++ (afl-fuzz feeds stdin; see bench/fuzz/run.sh)
//        Telepath.Fuzz <target> <folder>   replay every file of a corpus once (no AFL needed) and report crashes
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine("usage: Telepath.Fuzz <" + string.Join('|', FuzzTargets.All.Keys) + "> [corpus-folder]");
    return 2;
}

if (args.Length > 1)
{
    var failures = 0;
    var files = Directory.GetFiles(args[1]);
    foreach (var file in files)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception exception)
        {
            failures++;
            Console.Error.WriteLine($"{file}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    Console.WriteLine($"{files.Length} inputs replayed, {failures} crashed");
    return failures == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
});
return 0;
