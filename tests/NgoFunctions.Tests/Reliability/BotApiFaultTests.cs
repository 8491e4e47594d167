using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;
using Xunit.Abstractions;

namespace NgoFunctions.Tests.Reliability;

/// <summary>The bot and the notifications under a failing Bot API (the fake server's fault switch):
/// calls failing at random, and a two-minute outage. Nothing is lost, nothing arrives out of order,
/// nothing lands in a poison queue.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotApiFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(2);
    private TestSystem _system = null!;
    private NgoDriver _ngos = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _ngos = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task BotApiFailing15PercentOfCalls_EveryConversationCompletes_EachTrackingCodeOnce()
    {
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"], capacity: 20);
        _system.Bot.Faults.FailAtRandom(0.15);
        var chats = Enumerable.Range(0, 6).Select(i => new TelegramChat(_system, 930_100 + i, "en") { Patience = TimeSpan.FromSeconds(60) }).ToList();

        var codes = await Task.WhenAll(chats.Select(c => c.RequestFoodInAleppoWithCodeAsync()));

        foreach (var (chat, code) in chats.Zip(codes))
        {
            await _ngos.RoutedToAsync(code, "aleppo-food");
            // Looked for among all the chat's messages: a retried tracking-code reply can come after it.
            await Eventually.HoldsAsync(
                () => chat.Messages().Any(m => m.Text?.Contains("has been passed to", StringComparison.Ordinal) == true),
                chat.Patience,
                $"chat {chat.ChatId} told its request was routed");
            Assert.Single(chat.Messages(), m => m.Text?.Contains("Tracking code: ", StringComparison.Ordinal) == true);
        }

        Assert.NotEmpty(_system.Bot.FailedCalls);
        await AssertNothingPoisonedAsync();
        output.WriteLine($"{_system.Bot.FailedCalls.Count} of {_system.Bot.FailedCalls.Count + _system.Bot.Calls.Count} Bot API calls failed on purpose");
    }

    [Fact]
    public async Task BotApiDownForTwoMinutes_EveryReplyAndNotificationArrivesInOrderAfterRecovery_NothingPoisoned()
    {
        var ngo = await _ngos.NgoAsync("damascus-clinic", ["health"], ["SY01"], capacity: 20);
        var citizens = Enumerable.Range(0, 4).Select(i => new TelegramChat(_system, 930_200 + i) { Patience = CatchUp }).ToList();
        var codes = new List<string>();
        foreach (var citizen in citizens)
        {
            var code = await _ngos.SubmitAsync(telegramChatId: citizen.ChatId);
            await citizen.MessageContainingAsync("أُحيل");
            codes.Add(code);
        }

        var newcomers = Enumerable.Range(0, 3).Select(i => new TelegramChat(_system, 930_300 + i) { Patience = CatchUp }).ToList();
        var down = Stopwatch.StartNew();
        _system.Bot.Faults.Down = true;

        // While the Bot API is down: every case accepted, started and resolved (three notifications
        // each), and new chats write three commands each (three replies).
        foreach (var code in codes)
        {
            foreach (var action in new[] { "accept", "start", "resolve" })
            {
                Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, action, action == "resolve" ? new { outcome = "successful", note = "تم" } : null)).StatusCode);
            }
        }

        foreach (var newcomer in newcomers)
        {
            foreach (var command in new[] { "/start", "/help", "/status" })
            {
                // One after the other, as a person waits for an answer (the queue handles updates of a
                // chat in any order): each is handled, its reply waiting in the outbox, before the next.
                var update = await newcomer.SayAsync(command);
                await Eventually.HoldsAsync(() => HandledAsync(newcomer.ChatId, update.Id), TimeSpan.FromSeconds(30), $"{command} handled");
            }
        }

        await Eventually.HoldsAsync(() => _system.Bot.FailedCalls.Count >= codes.Count + newcomers.Count, TimeSpan.FromSeconds(30), "the Bot API was tried during the outage");
        await Task.Delay(Outage - down.Elapsed);
        _system.Bot.Faults.Down = false;
        var recovered = Stopwatch.StartNew();

        foreach (var (citizen, code) in citizens.Zip(codes))
        {
            var accepted = await citizen.MessageContainingAsync("قبلته");
            var started = await citizen.MessageContainingAsync("قيد التنفيذ");
            var resolved = await citizen.MessageContainingAsync("أنهت العمل على طلبك");
            Assert.True(TrackingCode.TryParse(code, out var shown));
            Assert.All([accepted, started, resolved], m => Assert.Contains(shown.Value.ToString(), m.Text));
        }

        foreach (var newcomer in newcomers)
        {
            Assert.StartsWith("أهلاً بك!", (await newcomer.NextMessageAsync()).Text);
            Assert.StartsWith("أرسل /start", (await newcomer.NextMessageAsync()).Text);
            Assert.StartsWith("ليست لديك طلبات", (await newcomer.NextMessageAsync()).Text);
        }

        var caughtUpIn = recovered.Elapsed;
        Assert.True(caughtUpIn < CatchUp, $"caught up {caughtUpIn} after recovery");
        foreach (var code in codes)
        {
            Assert.False((await _ngos.RequestAsync(code)).NeedsAttention);
        }

        await AssertNothingPoisonedAsync();
        output.WriteLine($"Outage {Outage}; {_system.Bot.FailedCalls.Count} calls failed; every reply and notification delivered {caughtUpIn.TotalSeconds:F1} s after recovery");
    }

    private async Task<bool> HandledAsync(long chatId, long updateId)
    {
        var state = await _system.Conversations.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(chatId.ToString(System.Globalization.CultureInfo.InvariantCulture), "state");
        return state.HasValue && state.Value!.GetString("HandledUpdates").Split(',').Contains(updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task AssertNothingPoisonedAsync()
    {
        await foreach (var row in _system.PoisonMessages.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.Fail($"kept from {row.PartitionKey}");
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        foreach (var name in new[] { _system.Names.NotificationsQueue, _system.Names.TelegramUpdatesQueue, _system.Names.RequestsSubmittedQueue })
        {
            var poison = queues.GetQueueClient(name + QueueOptions.PoisonSuffix);
            Assert.False(await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length > 0, $"{poison.Name} holds messages");
        }
    }
}
