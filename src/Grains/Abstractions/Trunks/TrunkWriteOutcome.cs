namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>The result of creating or changing a trunk.</summary>
[GenerateSerializer, Alias("telepath.TrunkWriteOutcome")]
public enum TrunkWriteOutcome
{
    /// <summary>Done.</summary>
    Done = 0,

    /// <summary>No such (live) trunk in the account.</summary>
    NotFound = 1,

    /// <summary>Another trunk of the account has this name.</summary>
    NameTaken = 2,

    /// <summary>Another trunk of the installation has this SIP user name.</summary>
    SipUsernameTaken = 3,

    /// <summary>The trunk changed since the caller read it; read again and retry.</summary>
    VersionMismatch = 4,

    /// <summary>A trunk with this id already exists.</summary>
    AlreadyExists = 5,
}
