using System.Text.Json;
using Azure.Storage.Queues;
using NgoFunctions.Tests.Infrastructure;
using Telegram.Bot;

namespace NgoFunctions.Tests.Telegram;

/// <summary>The webhook answers a private chat's update while Telegram's call is open, through the
/// worker, on Azurite, with the fake Bot API: the reply is out before the webhook's 200, nothing is
/// queued; the same update delivered several times at once is answered once; with the Bot API down the
/// reply waits in the outbox and goes out once, from the queue, when it is back; with the budget at 0
/// every update is queued and still answered.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookInlineTests(AzuriteFixture azurite)
{
    private const string Welcome = "أهلاً بك!";

    [Fact]
    public async Task PrivateUpdate_IsAnsweredBeforeTheWebhookReturns_AndNothingIsQueued()
    {
        // The queue's trigger off: a reply can come from the webhook only, and a queued update stays put.
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["AzureWebJobs.HandleTelegramUpdate.Disabled"] = "true" });
        var chat = new TelegramChat(system, 920001);

        await chat.SayAsync("/start");

        Assert.Contains(system.Bot.Calls, c => c.ChatId == chat.ChatId && c.Text?.StartsWith(Welcome, StringComparison.Ordinal) == true);
        Assert.Equal(0, await QueuedAsync(system));

        // The control: a group's update is not answered in the webhook; it waits on the queue.
        await new TelegramChat(system, -100920001, type: global::Telegram.Bot.Types.Enums.ChatType.Supergroup).SayAsync("/help");
        Assert.Equal(1, await QueuedAsync(system));
    }

    [Fact]
    public async Task SameUpdateDeliveredThreeTimesAtOnce_IsAnsweredOnce()
    {
        await using var system = await TestSystem.StartAsync(azurite);
        var chat = new TelegramChat(system, 920002);
        var update = JsonSerializer.Serialize(chat.NewUpdate(m => m.Text = "/start"), JsonBotAPI.Options);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => chat.PostRawAsync(update, TestSystem.WebhookSecret)));

        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.OK, a.StatusCode));
        await system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text?.StartsWith(Welcome, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10));
        // Long enough for a queued copy, had one been made, to be handled (the queue is polled each second).
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(system.Bot.Calls, c => c.ChatId == chat.ChatId && c.Text?.StartsWith(Welcome, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task BotApiDown_TheReplyWaits_AndGoesOutOnceWhenItIsBack()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Telegram:TransientRetries"] = "0",
            ["Delivery:MinDelaySeconds"] = "1",
        });
        var chat = new TelegramChat(system, 920003);
        system.Bot.FailingMethods["sendMessage"] = true;

        await chat.SayAsync("/start");
        await Eventually.HoldsAsync(
            () => Task.FromResult(system.Bot.FailedCalls.Any(c => c.ChatId == chat.ChatId)),
            TimeSpan.FromSeconds(10),
            "the webhook tried to answer and the Bot API refused");
        Assert.DoesNotContain(system.Bot.Calls, c => c.ChatId == chat.ChatId && c.Method == "sendMessage");
        system.Bot.FailingMethods.Clear();

        await system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text?.StartsWith(Welcome, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(system.Bot.Calls, c => c.ChatId == chat.ChatId && c.Text?.StartsWith(Welcome, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task BudgetZero_EveryUpdateIsQueued_AndAnsweredFromTheQueue()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Telegram:InlineBudgetMilliseconds"] = "0" });
        var chat = new TelegramChat(system, 920004);

        await chat.SayAsync("/start");
        var welcome = await chat.NextMessageAsync();

        Assert.StartsWith(Welcome, welcome.Text);
        await chat.PressAsync(welcome.Buttons["العربية"]);
        Assert.StartsWith("سنتحدث بالعربية", (await chat.NextMessageAsync()).Text);
    }

    private async Task<int> QueuedAsync(TestSystem system) =>
        (await new QueueClient(azurite.ConnectionString, system.Names.TelegramUpdatesQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
