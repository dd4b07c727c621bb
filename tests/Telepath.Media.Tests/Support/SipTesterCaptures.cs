namespace Telepath.Media.Tests.Support;

/// <summary>
/// Locates the RTP captures that Debian's <c>sip-tester</c> (SIPp) package ships. A missing capture fails the
/// test with instructions rather than skipping it, so a machine without the package cannot pass silently.
/// </summary>
internal static class SipTesterCaptures
{
    private const string Directory = "/usr/share/sip-tester";

    /// <summary>Gets the full path of <paramref name="fileName"/>, or fails the test with a remedy.</summary>
    public static string GetPath(string fileName)
    {
        string path = Path.Combine(Directory, fileName);
        Assert.True(
            File.Exists(path),
            $"Capture '{path}' is missing. Run the project's test script (.ci/run), which installs it with " +
            "'apt-get install -y sip-tester', or install that package by hand.");
        return path;
    }
}
