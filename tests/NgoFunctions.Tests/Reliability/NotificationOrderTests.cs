using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Reliability;

/// <summary>A citizen hears of a request's changes in the order they happened, however the queue
/// delivers their notifications: a later one waits for an earlier one still on its way, and an earlier
/// one that comes after a later one went out is recorded as superseded, never sent out of order.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationOrderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const long ChatId = 931_001;
    private TestSystem _system = null!;
    private NgoDriver _ngos = null!;
    private HttpClient _ngo = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _ngos = new NgoDriver(_system, azurite);
        _ngo = await _ngos.NgoAsync("damascus-clinic", ["health"], ["SY01"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task AcceptedWhileRoutedStillOnItsWay_AcceptedWaits_ThenFollowsRouted()
    {
        var chat = new TelegramChat(_system, ChatId) { Patience = TimeSpan.FromSeconds(30) };
        var code = await _ngos.SubmitAsync(telegramChatId: ChatId);
        await chat.MessageContainingAsync("أُحيل");
        var request = await _ngos.RequestAsync(code);
        // As if the Routed notification (event 2) had not gone out yet: its record is not there.
        await ForgetNotificationAsync(code, 2);

        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, "accept")).StatusCode);
        var notifier = _system.App.Services.GetRequiredService<StatusNotifier>();
        var accepted = await notifier.NotifyAsync(new StatusChanged(request.RequestId, code, 3), CancellationToken.None);

        Assert.Equal(DeliveryState.Wait, accepted.State);
        Assert.DoesNotContain(chat.Messages(), m => m.Text!.Contains("قبلته", StringComparison.Ordinal));

        // The Routed notification arrives; the Accepted one, waiting on the queue, follows it.
        Assert.Equal(DeliveryState.Done, (await notifier.NotifyAsync(new StatusChanged(request.RequestId, code, 2), CancellationToken.None)).State);
        await chat.MessageContainingAsync("أُحيل");
        await chat.MessageContainingAsync("قبلته");
    }

    [Fact]
    public async Task RoutedComingAfterAccepted_RecordedSuperseded_NotSent()
    {
        var chat = new TelegramChat(_system, ChatId + 1);
        var code = await _ngos.SubmitAsync(telegramChatId: chat.ChatId);
        await chat.MessageContainingAsync("أُحيل");
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, "accept")).StatusCode);
        await chat.MessageContainingAsync("قبلته");
        var request = await _ngos.RequestAsync(code);
        await ForgetNotificationAsync(code, 2);

        var late = await _system.App.Services.GetRequiredService<StatusNotifier>()
            .NotifyAsync(new StatusChanged(request.RequestId, code, 2), CancellationToken.None);

        Assert.Equal(DeliveryState.Done, late.State);
        Assert.Single(chat.Messages(), m => m.Text!.Contains("أُحيل", StringComparison.Ordinal));
        var record = (await _system.Requests.GetEntityAsync<NotificationEntity>(code, Keys.NotificationRow(2))).Value;
        Assert.Equal((NotificationOutcome.Skipped, NotificationOutcome.Superseded), (record.Outcome, record.Detail));
    }

    // The record is written just after the Bot API answered: wait for it, then take it away.
    private async Task ForgetNotificationAsync(string code, int eventSequence)
    {
        await Eventually.HoldsAsync(
            async () => (await _system.Requests.GetEntityIfExistsAsync<NotificationEntity>(code, Keys.NotificationRow(eventSequence))).HasValue,
            TimeSpan.FromSeconds(10),
            $"notification {eventSequence} recorded");
        await _system.Requests.DeleteEntityAsync(code, Keys.NotificationRow(eventSequence));
    }
}
