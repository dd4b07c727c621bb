namespace Telepath.Media.Agents.OpenAi;

/// <summary>How much of one assistant audio item was generated and how much the caller heard (carrier bytes, 8 per ms).</summary>
internal sealed class AssistantItemPlayout
{
    /// <summary>Initializes a new instance of the <see cref="AssistantItemPlayout"/> class.</summary>
    public AssistantItemPlayout(ReadOnlySpan<byte> itemIdUtf8)
    {
        ItemIdUtf8 = itemIdUtf8.ToArray();
        ItemId = System.Text.Encoding.UTF8.GetString(itemIdUtf8);
    }

    /// <summary>Gets the item id as UTF-8, for comparing with incoming deltas without allocating.</summary>
    public byte[] ItemIdUtf8 { get; }

    /// <summary>Gets the conversation item id.</summary>
    public string ItemId { get; }

    /// <summary>Gets or sets the bytes of audio received for the item.</summary>
    public long Generated { get; set; }

    /// <summary>Gets or sets the bytes of the item the caller heard.</summary>
    public long Played { get; set; }
}
