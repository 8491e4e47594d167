using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>Status updates back to the citizen through the real Telegram.Bot client and a fake Bot API server.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("aleppo-food-bank", ["food"], ["SY02"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task TelegramRequest_Routed_BotApiReceivesSendMessageWithTrackingCodeInArabic()
    {
        var code = await SubmitAsync(chatId: 777001, language: "ar");

        var call = await _system.Bot.WaitForAsync(c => c.Method == "sendMessage" && c.ChatId == 777001, Within);

        Assert.Equal(TestSystem.BotToken, call.Token);
        Assert.Contains(code.ToString(), call.Text);
        Assert.Contains("منظمة aleppo-food-bank", call.Text);
        Assert.Contains("أُحيل", call.Text);
        var record = await WaitForNotificationAsync(code);
        Assert.Equal(NotificationOutcome.Sent, record.Outcome);
    }

    [Fact]
    public async Task TelegramRequest_English_MessageInEnglish()
    {
        var code = await SubmitAsync(chatId: 777002, language: "en");

        var call = await _system.Bot.WaitForAsync(c => c.ChatId == 777002, Within);

        Assert.Equal($"Your request {code} has been passed to NGO aleppo-food-bank. They will contact you soon.", call.Text);
    }

    [Fact]
    public async Task BlockedChat_403_RecordedAsUnreachableWithoutRetrying()
    {
        _system.Bot.BlockedChats[777003] = true;

        var code = await SubmitAsync(chatId: 777003, language: "ar");
        var record = await WaitForNotificationAsync(code);

        Assert.Equal(NotificationOutcome.Skipped, record.Outcome);
        Assert.Equal(NotificationOutcome.ChatUnreachable, record.Detail);
        Assert.Single(_system.Bot.Calls, c => c.ChatId == 777003);
    }

    [Fact]
    public async Task FormRequest_NoTelegramChat_NothingQueuedSentOrRecorded()
    {
        var code = await SubmitAsync(chatId: null, language: "ar");

        await AssertNotNotifiedAsync(code);
    }

    [Fact]
    public async Task JsonBody_CannotSetTelegramChat()
    {
        var response = await _system.Http.PostAsync("requests", new StringContent(
            """{"sector":"food","governorate":"SY02","description":"نحتاج إلى سلة غذائية","consent":true,"telegramChatId":777009,"channel":"Telegram"}""",
            System.Text.Encoding.UTF8, "application/json"));
        var code = response.Headers.Location!.Segments.Last();

        await AssertNotNotifiedAsync(TrackingCode.TryParse(code, out var parsed) ? parsed.Value : throw new InvalidOperationException());
    }

    // A request with no Telegram chat is followed on the status page: once its routing delivery is complete,
    // no notification message is queued for it (one would have been queued within that delivery, and a
    // handled one would have left its record), the Bot API was not called and no notification record exists.
    private async Task AssertNotNotifiedAsync(TrackingCode code)
    {
        var stored = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code.Value, Keys.RequestRow);
        Assert.Null(stored.Value.ChannelAddress);
        await _system.WaitForStatusAsync(code.ToString(), "Routed", Within);

        // The routing delivery is complete once its message is deleted (the router runs in the worker
        // process: the host's storage counter does not see its calls, storage does).
        await _system.RequestsSubmitted.UntilEmptyAsync(Within);
        var notifications = new QueueClient(azurite.ConnectionString, _system.Names.NotificationsQueue);
        Assert.Equal(0, (await notifications.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {code.Value} and RowKey ge {Keys.NotificationPrefix} and RowKey lt {"notification."}");
        await foreach (var row in _system.Requests.QueryAsync<NotificationEntity>(filter))
        {
            Assert.Fail($"Notification record {row.RowKey} ({row.Detail}) for a request with no Telegram chat.");
        }

        Assert.Empty(_system.Bot.Calls);
    }

    private async Task<TrackingCode> SubmitAsync(long? chatId, string language)
    {
        // The bot (next issue) creates requests through this same service; here the test plays the bot.
        var intake = _system.App.Services.GetRequiredService<ServiceRequestIntake>();
        var result = await intake.SubmitAsync(new SubmitServiceRequest
        {
            Sector = "food",
            Governorate = "SY02",
            Description = "نحتاج إلى سلة غذائية لعائلة من ستة أشخاص",
            Consent = true,
            Language = language,
            Channel = chatId is null ? RequestChannel.Form : RequestChannel.Telegram,
            ChannelAddress = chatId is { } chat ? Core.Telegram.TelegramAddress.Of(chat) : null,
        }, CancellationToken.None);
        return IntakeOutcomes.Accepted(result).TrackingCode;
    }

    private async Task<NotificationEntity> WaitForNotificationAsync(TrackingCode code)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {code.Value} and RowKey ge {Keys.NotificationPrefix}");
        return (await Eventually.ReadsAsync(
            async () =>
            {
                await foreach (var row in _system.Requests.QueryAsync<NotificationEntity>(filter))
                {
                    if (row.RowKey.StartsWith(Keys.NotificationPrefix, StringComparison.Ordinal))
                    {
                        return row;
                    }
                }

                return null;
            },
            row => row is not null,
            Within,
            $"a notification record of {code}"))!;
    }
}
