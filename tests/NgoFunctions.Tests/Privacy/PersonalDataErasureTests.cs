using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Privacy;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;
using NgoFunctions.Tests.Telegram;

namespace NgoFunctions.Tests.Privacy;

/// <summary>Personal data leaves storage when the citizen asks (the web erasure with the tracking code)
/// and when the retention period after a final status has passed (the sweep, with the clock moved by
/// the test); the anonymous record stays, the trail records the fact and never the data.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PersonalDataErasureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const long ChatId = 770_001;
    private const string Name = "سلمى الأحمد";
    private const string Phone = "0944123456";
    private const string Description = "أحتاج إلى جلسات علاج فيزيائي لابني بعد الإصابة";
    private const string Note = "زرنا العائلة في حي الوعر وسلّمنا الكرسي";
    private const string Comment = "شكراً لكم، كان الفريق لطيفاً جداً";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        // The retention timer runs once a year here: the tests run the sweep themselves.
        _system = await TestSystem.StartAsync(
            azurite, new Dictionary<string, string?> { ["Retention:Schedule"] = "0 0 0 1 1 *" }, services => services.AddSingleton<TimeProvider>(_clock));
        _driver = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task WebErasure_ResolvedCase_PersonalDataGone_FactRecorded_NgoToldInGroupAndApi_Idempotent()
    {
        using var ngo = await _driver.NgoAsync("homs-rehab", ["disability"], ["SY04"]);
        var group = await new NgoGroupDriver(_system).LinkedGroupAsync("homs-rehab", -100_770_001);
        var code = await ResolvedWithFeedbackAsync(ngo, "homs-rehab");

        var erase = await Anonymous().DeleteAsync($"requests/{code}/personal-data");

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        var request = (await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code, Keys.RequestRow)).Value;
        Assert.Equal((null, null, string.Empty, null), (request.Name, request.Phone, request.Description, request.ChannelAddress));
        Assert.NotNull(request.PersonalDataErasedAt);
        Assert.Equal(("Resolved", "disability", "SY04"), (request.Status, request.Sector, request.Governorate));
        var erased = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Erased");
        Assert.Equal(("citizen", "citizen", "homs-rehab"), (erased.Actor, erased.Detail, erased.NgoId));
        var feedback = (await _system.Requests.GetEntityAsync<FeedbackEntity>(code, RequestFeedback.FeedbackRow)).Value;
        Assert.Equal((4, null), (feedback.Rating, feedback.Comment));
        await AssertNoPersonalDataAsync(code);

        var view = (await ngo.GetFromJsonAsync<JsonObject>($"ngo/requests/{code}"))!;
        Assert.Null(view["citizen"]);
        Assert.Equal("erased", view["citizenWithheld"]!.ToString());
        Assert.Contains(code[..5], (await group.MessageContainingAsync("سحب صاحب الطلب")).Text);

        var again = await Anonymous().DeleteAsync($"requests/{code}/personal-data");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Erased");
        var status = (await Anonymous().GetFromJsonAsync<JsonObject>($"requests/{code}"))!;
        Assert.Equal("Erased", status["events"]!.AsArray()[^1]!["type"]!.ToString());
    }

    [Theory]
    [InlineData("ABCDE-FGHJK")]
    [InlineData("not-a-code")]
    public async Task WebErasure_UnknownOrMalformedCode_404Problem(string code)
    {
        var erase = await Anonymous().DeleteAsync($"requests/{code}/personal-data");

        Assert.Equal(HttpStatusCode.NotFound, erase.StatusCode);
        Assert.Equal("application/problem+json", erase.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task WebErasure_CaseWaitingForAnNgo_RequestGoesOnWithoutContactDetails_NoGroupNotice()
    {
        using var ngo = await _driver.NgoAsync("homs-rehab", ["disability"], ["SY04"]);
        var group = await new NgoGroupDriver(_system).LinkedGroupAsync("homs-rehab", -100_770_002);
        var code = await _driver.SubmitAsync("disability", "SY04", telegramChatId: ChatId, name: Name, phone: Phone, description: Description);
        await _driver.RoutedToAsync(code, "homs-rehab");

        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous().DeleteAsync($"requests/{code}/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "accept")).StatusCode);

        var view = (await ngo.GetFromJsonAsync<JsonObject>($"ngo/requests/{code}"))!;
        Assert.Equal(("Accepted", "erased"), (view["status"]!.ToString(), view["citizenWithheld"]!.ToString()));
        var erased = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Erased");
        Assert.Null(erased.NgoId);
        Assert.DoesNotContain(group.Messages(), m => m.Text?.Contains("سحب صاحب الطلب") == true);
    }

    [Fact]
    public async Task RetentionSweep_ErasesOnlyWhatEndedMoreThanNinetyDaysAgo_ThenDropsItsMarker()
    {
        using var ngo = await _driver.NgoAsync("homs-rehab", ["disability"], ["SY04"]);
        var ended = await ResolvedWithFeedbackAsync(ngo, "homs-rehab");
        var open = await _driver.SubmitAsync("disability", "SY04", telegramChatId: ChatId + 1, name: Name, phone: PhoneOf(ChatId + 1), description: Description);
        await _driver.RoutedToAsync(open, "homs-rehab");

        _clock.Advance(TimeSpan.FromDays(89));
        var early = await SweepAsync();
        var endedLate = await ResolvedWithFeedbackAsync(ngo, "homs-rehab", ChatId + 2);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var due = await SweepAsync();
        var repeat = await SweepAsync();

        Assert.Equal(0, early.Erased);
        Assert.Equal(1, due.Erased);
        Assert.Equal(0, repeat.Erased);
        await AssertNoPersonalDataAsync(ended);
        var erased = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(ended, Keys.EventPrefix), e => e.Type == "Erased");
        Assert.Equal(("system", "retention", null), (erased.Actor, erased.Detail, erased.NgoId));
        foreach (var kept in new[] { open, endedLate })
        {
            var request = (await _system.Requests.GetEntityAsync<ServiceRequestEntity>(kept, Keys.RequestRow)).Value;
            Assert.Equal((Name, Description), (request.Name, request.Description));
            Assert.Null(request.PersonalDataErasedAt);
        }

        var markers = new List<string>();
        await foreach (var marker in _system.RequestIndex.QueryAsync<ErasureMarkerEntity>(
            TableClient.CreateQueryFilter($"RowKey ge {Keys.ErasureMarkerPrefix} and RowKey lt {Keys.ErasureMarkersEnd}")))
        {
            markers.Add(marker.TrackingCode);
        }

        Assert.Equal([endedLate], markers);
    }

    [Fact]
    public async Task RetentionSweep_DeletesBotDraftsAbandonedForSevenDays_KeepsFreshOnes()
    {
        var store = _system.App.Services.GetRequiredService<ConversationStore>();
        var stale = await store.GetAsync(ChatId + 10, CancellationToken.None);
        stale.Step = nameof(ConversationStep.Phone);
        stale.Description = Description;
        Assert.True(await store.TrySaveAsync(stale, CancellationToken.None));
        var idle = await store.GetAsync(ChatId + 11, CancellationToken.None);
        idle.Language = "en";
        Assert.True(await store.TrySaveAsync(idle, CancellationToken.None));

        // Storage stamps its Timestamp with its own clock; the app's clock (SavedAt) decides.
        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var fresh = await store.GetAsync(ChatId + 12, CancellationToken.None);
        fresh.Step = nameof(ConversationStep.Description);
        Assert.True(await store.TrySaveAsync(fresh, CancellationToken.None));
        var summary = await SweepAsync();

        Assert.Equal(1, summary.DraftsDeleted);
        Assert.False((await _system.Conversations.GetEntityIfExistsAsync<TableEntity>((ChatId + 10).ToString(), ConversationStore.StateRow)).HasValue);
        Assert.True((await _system.Conversations.GetEntityIfExistsAsync<TableEntity>((ChatId + 11).ToString(), ConversationStore.StateRow)).HasValue);
        Assert.True((await _system.Conversations.GetEntityIfExistsAsync<TableEntity>((ChatId + 12).ToString(), ConversationStore.StateRow)).HasValue);
    }

    // Each chat its own citizen: the same phone asking again for the same need while its request is open
    // would be given that request again.
    private static string PhoneOf(long chatId) => chatId == ChatId ? Phone : $"09441234{chatId - ChatId:D2}";

    // A bot request taken through to Resolved with an NGO note, a rating and a comment.
    private async Task<string> ResolvedWithFeedbackAsync(HttpClient ngo, string ngoId, long chatId = ChatId)
    {
        var code = await _driver.SubmitAsync("disability", "SY04", telegramChatId: chatId, name: Name, phone: PhoneOf(chatId), description: Description);
        await _system.App.Services.GetRequiredService<ConversationStore>().AddRequestAsync(chatId, code, _clock.GetUtcNow(), CancellationToken.None);
        await _driver.RoutedToAsync(code, ngoId);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "resolve", new { outcome = "successful", note = Note })).StatusCode);
        var feedback = _system.App.Services.GetRequiredService<RequestFeedback>();
        await feedback.RateAsync(code, 4, CancellationToken.None);
        await feedback.CommentAsync(code, Comment, CancellationToken.None);
        return code;
    }

    // Not one of the citizen's words, nor the NGO's note, in any row of the request or of its chat.
    private async Task AssertNoPersonalDataAsync(string code)
    {
        var rows = 0;
        await foreach (var row in _system.Requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {code}")))
        {
            rows++;
            foreach (var value in row.Select(p => p.Value).OfType<string>())
            {
                foreach (var personal in new[] { Name, Phone, "+963944123456", Description, Note, Comment })
                {
                    Assert.DoesNotContain(personal, value);
                }
            }

            Assert.DoesNotContain(row.Select(p => p.Value), v => v is long chat && chat >= ChatId && chat < ChatId + 100);
        }

        Assert.True(rows > 5);
        await foreach (var row in _system.Conversations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ConversationStore.RequestPrefix + code}")))
        {
            Assert.Fail($"the chat {row.PartitionKey} still remembers the request");
        }
    }

    private Task<RetentionSummary> SweepAsync() =>
        _system.App.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

    private HttpClient Anonymous() => new() { BaseAddress = _system.Http.BaseAddress };
}
