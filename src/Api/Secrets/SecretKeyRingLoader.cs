using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Telepath.Api.Secrets;

/// <summary>
/// Builds the key ring from <see cref="SecretsOptions"/>: the configured master key, or the key file (created with
/// 32 random bytes and mode 0600 when missing), followed by the older keys.
/// </summary>
internal static partial class SecretKeyRingLoader
{
    /// <summary>Loads (or on first start creates) the keys.</summary>
    public static SecretKeyRing Load(IOptions<SecretsOptions> options, ILogger logger)
    {
        var settings = options.Value;
        var keys = new List<byte[]>();
        if (settings.MasterKey is { } master)
        {
            keys.Add(SecretKeyRing.TryDecodeKey(master) ?? throw new InvalidOperationException("Telepath:Secrets:MasterKey must be base64 of exactly 32 bytes."));
        }
        else
        {
            keys.Add(ReadOrCreateKeyFile(settings.KeyFile!, logger));
        }

        foreach (var previous in settings.PreviousKeys)
        {
            keys.Add(SecretKeyRing.TryDecodeKey(previous) ?? throw new InvalidOperationException("Telepath:Secrets:PreviousKeys entries must be base64 of exactly 32 bytes."));
        }

        var ring = new SecretKeyRing(keys);
        LogKeyRingLoaded(logger, ring.CurrentKeyId, keys.Count);
        return ring;
    }

    private static byte[] ReadOrCreateKeyFile(string path, ILogger logger)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            var key = RandomNumberGenerator.GetBytes(SecretsOptions.KeyLength);
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Owner read/write only: the key decrypts every provider secret of the installation.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(fullPath, fileOptions);
                writer.Write(Convert.ToBase64String(key));
                LogKeyFileCreated(logger, fullPath);
                return key;
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Another process created it first; use theirs.
            }
        }

        return SecretKeyRing.TryDecodeKey(File.ReadAllText(fullPath))
            ?? throw new InvalidOperationException($"The key file {fullPath} does not hold base64 of exactly 32 bytes.");
    }

    [LoggerMessage(EventId = 7100, EventName = "SecretsKeyFileCreated", Level = LogLevel.Warning,
        Message = "Created a new master key file at {Path}; back it up, stored provider secrets cannot be decrypted without it")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 7101, EventName = "SecretsKeyRingLoaded", Level = LogLevel.Information,
        Message = "Secrets key ring loaded: current key {KeyId}, {KeyCount} key(s) in total")]
    private static partial void LogKeyRingLoaded(ILogger logger, string keyId, int keyCount);
}
