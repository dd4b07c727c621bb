namespace Telepath.Media.Edge;

/// <summary>Whether a trunk takes calls right now.</summary>
public enum TrunkAdmission
{
    /// <summary>Calls are taken (the trunk is <c>active</c>, or in <c>error</c>, which clears on the next good call).</summary>
    Accept,

    /// <summary>The user set the trunk <c>inactive</c>: calls are refused and recorded with <c>trunk_inactive</c>.</summary>
    Inactive,

    /// <summary>The trunk was deleted: calls are refused and recorded with <c>trunk_deleted</c>.</summary>
    Deleted,
}
