using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Notifications;

/// <summary>A notification channel other than Telegram is one implementation and one registration: a
/// channel that exists only in this test (an SMS gateway's stand-in) tells its citizen of each change, in
/// the citizen's language, with the notifier's records and retries, and the Bot API is never called.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationChannelSeamTests(AzuriteFixture azurite)
{
    private static readonly RequestChannel Sms = new("Sms");

    [Fact]
    public async Task RequestFromAnotherChannel_ToldThroughIt_InArabic_RecordedOnce_AfterItsOutage()
    {
        var sms = new RecordingChannel(Sms) { UnavailableTimes = 1 };
        await using var system = await TestSystem.StartAsync(azurite, services: s => s.AddSingleton<INotificationChannel>(sms));
        await system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
        var intake = system.App.Services.GetRequiredService<ServiceRequestIntake>();

        var receipt = IntakeOutcomes.Accepted(await intake.SubmitAsync(new SubmitServiceRequest
        {
            Sector = "food", Governorate = "SY05", Description = "نحتاج إلى سلة غذائية لعائلتي", Consent = true, Language = "ar",
            Channel = Sms, ChannelAddress = "+963944000111",
        }, CancellationToken.None));
        var code = receipt.TrackingCode;

        var told = await Eventually.ReadsAsync(
            () => Task.FromResult(sms.Delivered.ToList()), d => d.Count > 0, NgoDriver.Within, "the routing told through the channel");
        var update = Assert.Single(told);
        Assert.Equal(("+963944000111", code.Value, nameof(RequestStatus.Routed), Language.Ar), (update.Address, update.TrackingCode, update.Status, update.Language));
        Assert.Equal($"طلبك {code} أُحيل إلى منظمة hama-food. ستتواصل معك المنظمة قريباً.", update.Text);
        Assert.Equal(2, sms.Attempts); // the outage, then the delivery

        var records = await Eventually.ReadsAsync(
            async () =>
            {
                var rows = new List<NotificationEntity>();
                await foreach (var row in system.Requests.QueryAsync<NotificationEntity>(
                                   TableClient.CreateQueryFilter($"PartitionKey eq {code.Value} and RowKey ge {Keys.NotificationPrefix} and RowKey lt {"notification."}")))
                {
                    rows.Add(row);
                }

                return rows;
            },
            rows => rows.Count > 0,
            NgoDriver.Within,
            "the notification recorded");
        var record = Assert.Single(records);
        Assert.Equal((NotificationOutcome.Sent, "sms"), (record.Outcome, record.Detail));
        Assert.Empty(system.Bot.Calls);
    }

    // Stands in for a gateway: records what it was given; the first UnavailableTimes attempts find it down.
    private sealed class RecordingChannel(RequestChannel channel) : INotificationChannel
    {
        private int _attempts;

        public int UnavailableTimes { get; init; }

        public int Attempts => _attempts;

        public ConcurrentQueue<StatusUpdate> Delivered { get; } = new();

        public RequestChannel Channel => channel;

        public Task<ChannelDelivery> DeliverAsync(StatusUpdate update, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= UnavailableTimes)
            {
                return Task.FromResult(ChannelDelivery.Later(DeliveryAttempt.Unavailable));
            }

            Delivered.Enqueue(update);
            return Task.FromResult(ChannelDelivery.Sent("sms"));
        }
    }
}
