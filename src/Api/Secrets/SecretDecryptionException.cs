namespace Telepath.Api.Secrets;

/// <summary>
/// A stored secret could not be decrypted: it was altered, moved to another resource or field, or its key is not
/// configured. Never carries the secret or the key.
/// </summary>
public sealed class SecretDecryptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretDecryptionException()
        : base("A stored secret could not be decrypted.")
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public SecretDecryptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and cause.</summary>
    public SecretDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
