using System.Globalization;

namespace Telepath.TestKit.Postgres;

/// <summary>Finds the PostgreSQL server programs of the Debian/Ubuntu packaging.</summary>
internal static class PostgresBinaries
{
    private const string Root = "/usr/lib/postgresql";

    /// <summary>
    /// Returns the newest <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> that holds both <c>initdb</c>
    /// and <c>pg_ctl</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed.</exception>
    public static string FindBinDirectory()
    {
        string? best = null;
        var bestMajor = -1;
        if (Directory.Exists(Root))
        {
            foreach (var versionDirectory in Directory.GetDirectories(Root))
            {
                var bin = Path.Combine(versionDirectory, "bin");
                if (!int.TryParse(Path.GetFileName(versionDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                    || !File.Exists(Path.Combine(bin, "initdb"))
                    || !File.Exists(Path.Combine(bin, "pg_ctl")))
                {
                    continue;
                }

                if (major > bestMajor)
                {
                    bestMajor = major;
                    best = bin;
                }
            }
        }

        return best ?? throw new InvalidOperationException(
            $"PostgreSQL server programs (initdb, pg_ctl) were not found under {Root}/*/bin. " +
            "Tests that need a real PostgreSQL never skip: run ./build.sh test, which installs postgresql.");
    }
}
