using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>A citizen talking to the bot: builds real Bot API updates with Telegram.Bot's own types,
/// posts them to the webhook as Telegram would, and reads the bot's answers from the fake Bot API.</summary>
public sealed class TelegramChat(TestSystem system, long chatId, string languageCode = "ar", ChatType type = ChatType.Private)
{
    private static int _nextUpdateId = Random.Shared.Next(1_000_000, 100_000_000);
    private int _messageId;
    private int _seenReplies;

    /// <summary>How long <see cref="NextMessageAsync"/> waits for the bot's next message (10 s unless a
    /// test with Bot API faults needs longer).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The chat's id (a private chat's is the citizen's user id; a group's is negative).</summary>
    public long ChatId => chatId;

    /// <summary>In a group, the member who writes and presses (their user id); unset, the chat's id.</summary>
    public long? MemberId { get; init; }

    /// <summary>The citizen (in a group, the member).</summary>
    public User User => new() { Id = MemberId ?? chatId, IsBot = false, FirstName = "فاطمة", LanguageCode = languageCode };

    /// <summary>Posts an update to the webhook with the right secret; fails the test unless it is accepted.</summary>
    public async Task<Update> PostAsync(Update update)
    {
        var response = await PostRawAsync(JsonSerializer.Serialize(update, JsonBotAPI.Options), TestSystem.WebhookSecret);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return update;
    }

    /// <summary>Posts any body with any secret (null: no header).</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "telegram/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return await system.Http.SendAsync(request);
    }

    /// <summary>Sends text (a command when it starts with '/').</summary>
    public Task<Update> SayAsync(string text) => PostAsync(NewUpdate(m =>
    {
        m.Text = text;
        if (text.StartsWith('/'))
        {
            m.Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = text.Split(' ')[0].Length }];
        }
    }));

    /// <summary>Presses an inline button with this callback data.</summary>
    public Task<Update> PressAsync(string data) => PostAsync(NewPress(data));

    /// <summary>A new update pressing an inline button with this callback data (a tap of its own:
    /// a fresh update id and callback query id), not posted yet.</summary>
    public Update NewPress(string data) => new()
    {
        Id = Interlocked.Increment(ref _nextUpdateId),
        CallbackQuery = new CallbackQuery
        {
            Id = Guid.NewGuid().ToString("N"),
            From = User,
            ChatInstance = "chat-instance-" + chatId,
            Data = data,
            Message = new Message { Id = ++_messageId, Date = DateTime.UtcNow, Chat = Chat() },
        },
    };

    /// <summary>Shares a location.</summary>
    public Task<Update> ShareLocationAsync(double latitude, double longitude) =>
        PostAsync(NewUpdate(m => m.Location = new Location { Latitude = latitude, Longitude = longitude }));

    /// <summary>Shares a contact (the citizen's own, or someone else's).</summary>
    public Task<Update> ShareContactAsync(string phoneNumber, bool own) =>
        PostAsync(NewUpdate(m => m.Contact = new Contact { PhoneNumber = phoneNumber, FirstName = "فاطمة", UserId = own ? chatId : chatId + 1 }));

    /// <summary>Sends a photo.</summary>
    public Task<Update> SendPhotoAsync() =>
        PostAsync(NewUpdate(m => m.Photo = [new PhotoSize { FileId = "photo-file", FileUniqueId = "photo-unique", Width = 90, Height = 90 }]));

    /// <summary>Edits an earlier message (Telegram sends an <c>edited_message</c> update).</summary>
    public Task<Update> EditAsync(string text)
    {
        var update = NewUpdate(m => { m.Text = text; m.EditDate = DateTime.UtcNow; });
        return PostAsync(new Update { Id = update.Id, EditedMessage = update.Message });
    }

    /// <summary>A new update with a private message from the citizen, shaped by <paramref name="shape"/>.</summary>
    public Update NewUpdate(Action<Message> shape)
    {
        var message = new Message { Id = ++_messageId, Date = DateTime.UtcNow, Chat = Chat(), From = User };
        shape(message);
        return new Update { Id = Interlocked.Increment(ref _nextUpdateId), Message = message };
    }

    /// <summary>The next <c>sendMessage</c> to this chat not read yet; fails after <see cref="Patience"/>.</summary>
    public async Task<BotApiCall> NextMessageAsync()
    {
        var index = _seenReplies;
        var call = await system.Bot.WaitForAsync(_ => Messages().Count > index, Patience);
        _ = call;
        _seenReplies++;
        return Messages()[index];
    }

    /// <summary>Reads messages until one contains <paramref name="text"/>; fails when none comes within <see cref="Patience"/>.</summary>
    public async Task<BotApiCall> MessageContainingAsync(string text)
    {
        while (true)
        {
            var message = await NextMessageAsync();
            if (message.Text?.Contains(text, StringComparison.Ordinal) == true)
            {
                return message;
            }
        }
    }

    /// <summary>Goes through the whole conversation in English for food in Aleppo, phone skipped, and
    /// presses Confirm (the answer is left unread).</summary>
    public async Task RequestFoodInAleppoAsync() =>
        await PressAsync((await DraftFoodInAleppoAsync()).Buttons["✅ Confirm"]);

    /// <summary>As <see cref="RequestFoodInAleppoAsync"/> up to the summary, which it returns unanswered.</summary>
    public async Task<BotApiCall> DraftFoodInAleppoAsync()
    {
        await SayAsync("/start");
        await PressAsync((await MessageContainingAsync("Choose the language of our chat")).Buttons["English"]);
        await PressAsync((await MessageContainingAsync("What kind of help")).Buttons["Food"]);
        await PressAsync((await MessageContainingAsync("🗺️")).Buttons["Aleppo"]);
        await PressAsync((await MessageContainingAsync("Which district")).Buttons["Skip"]);
        await MessageContainingAsync("Describe what you need");
        await SayAsync("We need a food basket for six people");
        await MessageContainingAsync("phone number");
        await SayAsync("Skip");
        await PressAsync((await MessageContainingAsync("Do you agree")).Buttons["Yes, I agree"]);
        return await MessageContainingAsync("Check your request");
    }

    /// <summary>As <see cref="RequestFoodInAleppoAsync"/>, then reads the tracking code from the answer.</summary>
    public async Task<string> RequestFoodInAleppoWithCodeAsync()
    {
        await RequestFoodInAleppoAsync();
        var confirmed = await MessageContainingAsync("Tracking code: ");
        return confirmed.Text!.Split("Tracking code: ")[1].Split('\n')[0];
    }

    /// <summary>Every <c>sendMessage</c> to this chat so far.</summary>
    public List<BotApiCall> Messages() => system.Bot.Calls.Where(c => c.Method == "sendMessage" && c.ChatId == chatId).ToList();

    /// <summary>Every <c>answerCallbackQuery</c> so far.</summary>
    public List<BotApiCall> Answers() => system.Bot.Calls.Where(c => c.Method == "answerCallbackQuery").ToList();

    private Chat Chat() => type == ChatType.Private
        ? new() { Id = chatId, Type = ChatType.Private, FirstName = "فاطمة" }
        : new() { Id = chatId, Type = type, Title = "فريق الحالات" };
}
