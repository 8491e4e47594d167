namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>Something the bot says or does in a chat, kept as plain data so a computed reply can wait
/// in the conversation's outbox until it is sent.</summary>
/// <param name="Text">Message text (plain, no markup); <c>null</c> for a bare callback answer.</param>
/// <param name="Keyboard">Buttons to show with the message, if any.</param>
/// <param name="CallbackQueryId">When set, this is the answer to a button press (<c>answerCallbackQuery</c>), with <paramref name="Text"/> as its toast.</param>
public sealed record BotReply(string? Text, BotKeyboard? Keyboard = null, string? CallbackQueryId = null)
{
    /// <summary>The answer every button press gets, so the client stops its spinner.</summary>
    public static BotReply Answer(string callbackQueryId, string? toast = null) => new(toast, null, callbackQueryId);
}

/// <summary>Buttons under a message.</summary>
/// <param name="Inline">Inline buttons: rows of (label, callback data ≤ 64 bytes).</param>
/// <param name="Request">Reply-keyboard buttons: rows of (label, what it asks the client to share).</param>
/// <param name="Remove">Remove a reply keyboard shown before.</param>
public sealed record BotKeyboard(
    IReadOnlyList<IReadOnlyList<InlineButton>>? Inline = null,
    IReadOnlyList<IReadOnlyList<RequestButton>>? Request = null,
    bool Remove = false);

/// <summary>An inline button.</summary>
/// <param name="Label">What it says.</param>
/// <param name="Data">Callback data, at most 64 bytes (Bot API limit); empty for a Mini App button.</param>
/// <param name="WebAppUrl">When set, the button opens this HTTPS page as a Mini App (<c>web_app</c>, private
/// chats only) instead of sending callback data.</param>
public sealed record InlineButton(string Label, string Data, string? WebAppUrl = null);

/// <summary>A reply-keyboard button.</summary>
/// <param name="Label">What it says (and what is sent back as text when it shares nothing).</param>
/// <param name="Share"><c>location</c>, <c>contact</c> or <c>null</c> for a plain text button.</param>
public sealed record RequestButton(string Label, string? Share = null);
