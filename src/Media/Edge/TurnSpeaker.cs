namespace Telepath.Media.Edge;

/// <summary>Who spoke in a turn.</summary>
public enum TurnSpeaker
{
    /// <summary>The person on the phone.</summary>
    Caller,

    /// <summary>The AI agent.</summary>
    Agent,
}
