namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>What a private-chat update asks of the conversation, reduced from the Bot API's
/// <c>Update</c> to what the conversation reads.</summary>
public abstract record BotInput
{
    private BotInput()
    {
    }

    /// <summary>A <c>/command</c>, lower case, without the bot's <c>@name</c>.</summary>
    /// <param name="Name">E.g. <c>start</c>.</param>
    /// <param name="Argument">What follows the command, trimmed (e.g. the code of <c>/link CODE</c>), or <c>null</c>.</param>
    public sealed record Command(string Name, string? Argument = null) : BotInput;

    /// <summary>Plain text.</summary>
    /// <param name="Value">As typed.</param>
    public sealed record Text(string Value) : BotInput;

    /// <summary>An inline button press.</summary>
    /// <param name="QueryId">To answer it.</param>
    /// <param name="Data">Its callback data.</param>
    public sealed record Button(string QueryId, string? Data) : BotInput;

    /// <summary>A shared location.</summary>
    /// <param name="Latitude">Degrees north.</param>
    /// <param name="Longitude">Degrees east.</param>
    public sealed record Location(double Latitude, double Longitude) : BotInput;

    /// <summary>A shared contact.</summary>
    /// <param name="PhoneNumber">As Telegram gives it.</param>
    /// <param name="IsOwn">Whether it is the sender's own contact.</param>
    public sealed record Contact(string PhoneNumber, bool IsOwn) : BotInput;

    /// <summary>Something the bot cannot read here (photo, sticker, voice, an edited message...).</summary>
    /// <param name="Kind">What it was, for nothing but logs.</param>
    public sealed record Unsupported(string Kind) : BotInput
    {
        /// <summary>The kind of an edited message.</summary>
        public const string Edited = "edited";
    }
}
