using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telegram;

/// <summary>Confirm arriving twice at once (Telegram re-sending the update, or the citizen tapping
/// twice) makes one request: one tracking code, one row, one place at the NGO, one line in the chat.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotDoubleConfirmTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SameConfirmUpdateDeliveredAgainAtOnce_OneRequest()
    {
        var chat = new TelegramChat(_system, 930001, "en");
        var summary = await chat.DraftFoodInAleppoAsync();
        var confirm = chat.NewPress(summary.Buttons["✅ Confirm"]);

        // Three deliveries rather than two: two sometimes reach the handler one after the other.
        await Task.WhenAll(chat.PostAsync(confirm), chat.PostAsync(confirm), chat.PostAsync(confirm));

        await chat.MessageContainingAsync("Tracking code: ");
        var code = await OneRequestRoutedAsync(chat);
        Assert.Single(chat.Messages(), m => m.Text?.Contains("Tracking code: " + code, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TwoTapsOnConfirmAtOnce_OneRequestOneCodeOnePlace()
    {
        var chat = new TelegramChat(_system, 930002, "en");
        var summary = await chat.DraftFoodInAleppoAsync();
        var first = chat.NewPress(summary.Buttons["✅ Confirm"]);
        var second = chat.NewPress(summary.Buttons["✅ Confirm"]);

        await Task.WhenAll(chat.PostAsync(first), chat.PostAsync(second));

        await chat.MessageContainingAsync("Tracking code: ");
        var code = await OneRequestRoutedAsync(chat);
        var load = await _system.NgoCases.GetEntityAsync<NgoLoadEntity>("aleppo-food", Keys.NgoLoadRow);
        Assert.Equal(1, load.Value.OpenCases);
        Assert.Single(chat.Messages(), m => m.Text?.Contains("Tracking code", StringComparison.Ordinal) == true);

        // The tap that came second is told the request is in, with the same code.
        var answers = chat.Answers().Where(a => a.Parameters["callback_query_id"]?.ToString() is { } id
            && (id == first.CallbackQuery!.Id || id == second.CallbackQuery!.Id)).ToList();
        Assert.Equal(2, answers.Count);
        Assert.Single(answers, a => a.Text == $"This request is already registered. Tracking code: {code}");
    }

    [Fact]
    public async Task ConfirmTappedAgainLater_ToldTheCodeNoSecondRequest()
    {
        var chat = new TelegramChat(_system, 930003, "ar");
        var summary = await chat.DraftFoodInAleppoAsync();
        await chat.PressAsync(summary.Buttons["✅ Confirm"]);
        var confirmed = await chat.MessageContainingAsync("Tracking code: ");
        var code = confirmed.Text!.Split("Tracking code: ")[1].Split('\n')[0];
        await chat.SayAsync("/language");
        await chat.PressAsync((await chat.MessageContainingAsync("أهلاً بك!")).Buttons["العربية"]);
        await chat.MessageContainingAsync("سنتحدث بالعربية.");

        var again = await chat.PressAsync(summary.Buttons["✅ Confirm"]);

        var answer = await _system.Bot.WaitForAsync(
            a => a.Method == "answerCallbackQuery" && a.Parameters["callback_query_id"]?.ToString() == again.CallbackQuery!.Id, TimeSpan.FromSeconds(10));
        Assert.Equal($"سجّلنا هذا الطلب من قبل. رمز التتبع: {code}", answer.Text);
        Assert.Equal(code, await OneRequestRoutedAsync(chat));
    }

    [Fact]
    public async Task ConfirmOfACancelledDraft_DoesNotSendTheNextDraft()
    {
        var chat = new TelegramChat(_system, 930004, "en");
        var dropped = await chat.DraftFoodInAleppoAsync();
        await chat.PressAsync(dropped.Buttons["✖️ Cancel"]);
        await chat.MessageContainingAsync("We dropped this request");
        var current = await chat.DraftFoodInAleppoAsync();

        var old = await chat.PressAsync(dropped.Buttons["✅ Confirm"]);

        var answer = await _system.Bot.WaitForAsync(
            a => a.Method == "answerCallbackQuery" && a.Parameters["callback_query_id"]?.ToString() == old.CallbackQuery!.Id, TimeSpan.FromSeconds(10));
        Assert.Equal("This button is no longer active.", answer.Text);
        Assert.NotEqual(dropped.Buttons["✅ Confirm"], current.Buttons["✅ Confirm"]);
        await chat.PressAsync(current.Buttons["✅ Confirm"]);
        await chat.MessageContainingAsync("Tracking code: ");
        await OneRequestRoutedAsync(chat);
    }

    // Waits until every delivery of the chat's updates and every routing is fully handled (a queue's
    // count includes messages being handled; one is deleted only once its function completed), then
    // checks that the chat made exactly one request, remembered once, and returns its display code.
    private async Task<string> OneRequestRoutedAsync(TelegramChat chat)
    {
        await WaitUntilEmptyAsync(_system.Names.TelegramUpdatesQueue);
        await WaitUntilEmptyAsync(_system.Names.RequestsSubmittedQueue);

        var requests = new List<ServiceRequestEntity>();
        await foreach (var row in _system.Requests.QueryAsync<ServiceRequestEntity>(TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}")))
        {
            requests.Add(row);
        }

        var request = Assert.Single(requests);
        Assert.Equal(chat.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture), request.ChannelAddress);
        var remembered = await _system.App.Services.GetRequiredService<ConversationStore>().GetRequestsAsync(chat.ChatId, CancellationToken.None);
        Assert.Equal(request.PartitionKey, Assert.Single(remembered).TrackingCode);
        await _system.WaitForStatusAsync(request.PartitionKey, nameof(RequestStatus.Routed), TimeSpan.FromSeconds(10));
        Assert.True(TrackingCode.TryParse(request.PartitionKey, out var code));
        return code.Value.ToString();
    }

    private Task WaitUntilEmptyAsync(string queue) =>
        new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, queue).UntilEmptyAsync(TimeSpan.FromSeconds(20));
}
