namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>Which AI agent protocol a trunk's calls are bridged to.</summary>
[GenerateSerializer, Alias("telepath.TrunkProvider")]
public enum TrunkProvider
{
    /// <summary>OpenAI Realtime.</summary>
    OpenAi = 0,

    /// <summary>ElevenLabs conversational agents.</summary>
    ElevenLabs = 1,

    /// <summary>A customer endpoint speaking the Twilio Media Streams JSON protocol.</summary>
    Custom = 2,
}
