using Microsoft.Extensions.Options;
using Telepath.Silo.Cli;
using Telepath.Silo.Hosting;

// `telepath <command> ...` runs an admin command and exits; anything else starts the silo.
if (AdminCli.IsCommand(args))
{
    return await AdminCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

WebApplication app;
try
{
    app = TelepathApplication.Build(args);
}
catch (OptionsValidationException exception)
{
    foreach (var failure in exception.Failures)
    {
        await Console.Error.WriteLineAsync("configuration error: " + failure);
    }

    return 2;
}

await app.RunAsync();
return 0;
