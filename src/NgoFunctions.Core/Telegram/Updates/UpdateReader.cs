using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Core.Telegram.Groups;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NgoFunctions.Core.Telegram.Updates;

/// <summary>Sorts a Bot API update by what the bot does with it (the update router pattern of the
/// Telegram.Bot examples: one case per update shape).</summary>
public static class UpdateReader
{
    /// <summary>What <paramref name="update"/> is for the bot.</summary>
    public static UpdateKind Read(Update update) => update switch
    {
        { MyChatMember: { Chat.Type: ChatType.Private } member } =>
            new UpdateKind.MemberChanged(member.Chat.Id, Blocked: member.NewChatMember.Status is ChatMemberStatus.Kicked or ChatMemberStatus.Left),
        { Message: { Chat.Type: not ChatType.Private } group } when group.Text?.StartsWith('/') == true =>
            new UpdateKind.Group(group.Chat.Id, Command(group.Text), Sender(group.From)),
        { CallbackQuery: { Message.Chat.Type: not ChatType.Private } query } =>
            new UpdateKind.Group(query.Message!.Chat.Id, new BotInput.Button(query.Id, query.Data), Sender(query.From)),
        { Message: { Chat.Type: ChatType.Private } message } => new UpdateKind.Private(message.Chat.Id, FromMessage(message)),
        { EditedMessage: { Chat.Type: ChatType.Private } edited } => new UpdateKind.Private(edited.Chat.Id, new BotInput.Unsupported(BotInput.Unsupported.Edited)),
        { CallbackQuery: { Message.Chat.Type: ChatType.Private } query } =>
            new UpdateKind.Private(query.Message!.Chat.Id, new BotInput.Button(query.Id, query.Data)),
        _ => new UpdateKind.Ignored(update.Type.ToString()),
    };

    private static BotInput FromMessage(Message message) => message switch
    {
        { Text: { } text } when text.StartsWith('/') => Command(text),
        { Text: { } text } => new BotInput.Text(text),
        { Location: { } location } => new BotInput.Location(location.Latitude, location.Longitude),
        { Contact: { } contact } => new BotInput.Contact(contact.PhoneNumber, IsOwn: contact.UserId is { } id && id == message.From?.Id),
        _ => new BotInput.Unsupported(message.Type.ToString()),
    };

    private static GroupSender? Sender(User? user) => user is null ? null : new GroupSender(user.Id, user.LanguageCode);

    // "/link@NgoHelpBot K7QX9M2PR4" → ("link", "K7QX9M2PR4").
    private static BotInput.Command Command(string text)
    {
        var space = text.IndexOfAny([' ', '\n']);
        var name = (space < 0 ? text[1..] : text[1..space]).Split('@')[0].ToLowerInvariant();
        var argument = space < 0 ? null : text[(space + 1)..].Trim();
        return new BotInput.Command(name, string.IsNullOrEmpty(argument) ? null : argument);
    }
}

/// <summary>What an update is for the bot.</summary>
public abstract record UpdateKind
{
    private UpdateKind()
    {
    }

    /// <summary>Something said in a private chat: goes to the conversation.</summary>
    /// <param name="ChatId">The chat.</param>
    /// <param name="Input">What was said.</param>
    public sealed record Private(long ChatId, BotInput Input) : UpdateKind;

    /// <summary>A command or a button press in a group: an NGO's group, or a group told to use a private chat.</summary>
    /// <param name="ChatId">The group.</param>
    /// <param name="Input">The command or button.</param>
    /// <param name="From">Who sent it, when the update says (a button press always does).</param>
    public sealed record Group(long ChatId, BotInput Input, GroupSender? From = null) : UpdateKind;

    /// <summary>The citizen blocked (or unblocked) the bot.</summary>
    /// <param name="ChatId">The private chat.</param>
    /// <param name="Blocked">Whether the bot may no longer write.</param>
    public sealed record MemberChanged(long ChatId, bool Blocked) : UpdateKind;

    /// <summary>Nothing the bot uses: acknowledged and dropped.</summary>
    /// <param name="Type">The update's type, for logs.</param>
    public sealed record Ignored(string Type) : UpdateKind;
}
