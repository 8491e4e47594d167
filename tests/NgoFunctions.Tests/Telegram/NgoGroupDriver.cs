using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;
using Telegram.Bot.Types.Enums;

namespace NgoFunctions.Tests.Telegram;

/// <summary>Plays an NGO's Telegram groups against one <see cref="TestSystem"/>: the admin's link code,
/// <c>/link</c> in a group, and the group's members, one of whom (<see cref="Admin"/>) the fake Bot API
/// names as the group's administrator.</summary>
public sealed class NgoGroupDriver(TestSystem system)
{
    /// <summary>The user id of every group's administrator (its creator).</summary>
    public const long Admin = 7001;

    /// <summary>Group <paramref name="chatId"/> as <paramref name="member"/> sees it, writing in
    /// <paramref name="language"/>; the group's administrator is <see cref="Admin"/>.</summary>
    public TelegramChat Group(long chatId, long member = Admin, string language = "ar")
    {
        system.Bot.GroupAdministrators.TryAdd(chatId, [Admin]);
        return new TelegramChat(system, chatId, language, ChatType.Supergroup) { MemberId = member };
    }

    /// <summary>Issues a link code for <paramref name="ngoId"/> through the admin API; returns the code.</summary>
    public async Task<string> IssueLinkAsync(string ngoId)
    {
        var response = await system.Http.PostAsync($"registry/ngos/{ngoId}/telegram-link", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.ToString();
    }

    /// <summary>Links group <paramref name="chatId"/> to <paramref name="ngoId"/> with a new code, as its
    /// administrator, and waits for the bot to confirm it there.</summary>
    public async Task<TelegramChat> LinkedGroupAsync(string ngoId, long chatId)
    {
        var group = Group(chatId);
        await group.SayAsync($"/link {await IssueLinkAsync(ngoId)}");
        await group.MessageContainingAsync("رُبطت");
        return group;
    }

    /// <summary>The <c>answerCallbackQuery</c> toast with <paramref name="text"/>; fails after 10 s.</summary>
    public Task<BotApiCall> AnswerAsync(string text) =>
        system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == text, TimeSpan.FromSeconds(10));
}
