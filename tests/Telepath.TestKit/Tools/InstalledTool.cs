namespace Telepath.TestKit.Tools;

/// <summary>
/// Finds the real peers the interop tests drive (SIPp, baresip) on the PATH. They are Debian packages that
/// <c>./build.sh test</c> installs when missing; a test run without them fails saying so.
/// </summary>
public static class InstalledTool
{
    /// <summary>The full path of <paramref name="executable"/>, or an error naming the package that provides it.</summary>
    /// <exception cref="InvalidOperationException">The executable is not on the PATH.</exception>
    public static string Require(string executable, string debianPackage)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            string candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{executable} is not installed: run ./build.sh test (it installs the Debian {debianPackage} package).");
    }
}
