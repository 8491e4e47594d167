using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>With no bot token configured, notifications are recorded as skipped, never lost silently.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NoBotTokenTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Telegram:BotToken"] = string.Empty });
        await _system.PutNgoAsync("homs-shelter", ["shelter"], ["SY04"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Routed_NoBotToken_NotificationRecordedAsSkipped()
    {
        var intake = (Core.Intake.ServiceRequestIntake)_system.App.Services.GetService(typeof(Core.Intake.ServiceRequestIntake))!;
        var accepted = IntakeOutcomes.Accepted(await intake.SubmitAsync(new Core.Intake.SubmitServiceRequest
        {
            Sector = "shelter", Governorate = "SY04", Description = "سقف البيت مهدّم ونحتاج إلى مأوى", Consent = true,
            Channel = Core.Domain.RequestChannel.Telegram, ChannelAddress = "555",
        }, CancellationToken.None));
        await _system.WaitForStatusAsync(accepted.TrackingCode.ToString(), "Routed", TimeSpan.FromSeconds(10));

        var record = (await Eventually.ReadsAsync(
            async () => (await _system.Requests.GetEntityIfExistsAsync<NotificationEntity>(accepted.TrackingCode.Value, Keys.NotificationRow(2))) is { HasValue: true } found ? found.Value : null,
            r => r is not null,
            TimeSpan.FromSeconds(10),
            "the notification's record written"))!;
        Assert.Equal(NotificationOutcome.Skipped, record.Outcome);
        Assert.Equal(NotificationOutcome.BotNotConfigured, record.Detail);
        Assert.Empty(_system.Bot.Calls);
    }

    [Fact]
    public async Task BotUpdate_NoBotToken_HandledAndItsRepliesDroppedNotPoisoned()
    {
        var update = await new TelegramChat(_system, 556).SayAsync("/start");

        await Eventually.HoldsAsync(async () =>
        {
            var state = await _system.Conversations.GetEntityIfExistsAsync<TableEntity>("556", "state");
            return state.HasValue && state.Value!.GetString("HandledUpdates").Contains(update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                && state.Value.GetString("Outbox") is null && state.Value.GetDateTimeOffset("OutboxClaimedUntil") is null;
        }, TimeSpan.FromSeconds(10), "the update handled and its replies dropped");
        Assert.Empty(_system.Bot.Calls);
        await foreach (var kept in _system.PoisonMessages.QueryAsync<TableEntity>())
        {
            Assert.Fail($"kept from {kept.PartitionKey}");
        }
    }
}
