using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary><c>GET /api/ministry/ngos</c>: who may call it, the figures after real NGO actions (accept,
/// decline with reasons, start, resolve, expiry by the sweep, cancellation, the citizen's rating in the
/// bot), no personal data, and the per-NGO stats rows equal to a recount of the stored rows after a
/// burst of concurrent, repeated transitions.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NgoPerformanceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string CitizenName = "سعاد الحلبي";
    // Each request its own citizen's phone (09441234nn): one phone for all would be one open request.
    private const string CitizenPhonePrefix = "09441234";
    private int _citizens;
    private const string Description = "أحتاج إلى سلة غذائية لعائلتي المكونة من ستة أشخاص";
    private const string DeclineNote = "فريقنا مشغول هذا الأسبوع";
    private const string Comment = "خدمة ممتازة وسريعة، شكراً 🌷";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ministry = null!;

    public async Task InitializeAsync()
    {
        // The tests run the sweep themselves, with the clock they move.
        _system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Sla:SweepSchedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _driver = new NgoDriver(_system, azurite);
        _ministry = _driver.Client(TestSystem.MinistryKey);
    }

    public async Task DisposeAsync()
    {
        _ministry.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Figures_AfterRealActionsExpiryCancellationAndRating_AreExactAndHoldNoPersonalData()
    {
        using var west = await _driver.NgoAsync("aleppo-food-west", ["food"], ["SY0200"]);
        using var city = await _driver.NgoAsync("aleppo-food", ["food"], ["SY02"]);
        await _system.PutNgoAsync("zz-idle", ["food"], ["SY14"], capacity: 0, active: false);

        // Resolved by west: accepted after 2 h, resolved 49 h after that.
        var resolved = await SubmitAsync("SY0200");
        var expiring = await SubmitAsync("SY0200");
        await _driver.RoutedToAsync(resolved, "aleppo-food-west");
        await _driver.RoutedToAsync(expiring, "aleppo-food-west");
        _clock.Advance(TimeSpan.FromHours(2));
        await OkAsync(west, resolved, "accept");

        // West lets the other one expire; the sweep hands it to the city NGO.
        _clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, (await SweepAsync()).Expired);
        await _driver.RoutedToAsync(expiring, "aleppo-food");
        await OkAsync(west, resolved, "start");
        _clock.Advance(TimeSpan.FromHours(24));
        await OkAsync(west, resolved, "resolve", NgoDriver.Successful);
        await OkAsync(west, resolved, "resolve", NgoDriver.Successful);

        // Two declines with their reasons (and a note, which must not show).
        var declinedForCapacity = await SubmitAsync("SY0200");
        var declinedNotOurs = await SubmitAsync("SY0200");
        await _driver.RoutedToAsync(declinedForCapacity, "aleppo-food-west");
        await _driver.RoutedToAsync(declinedNotOurs, "aleppo-food-west");
        await OkAsync(west, declinedForCapacity, "decline", new { reason = "out-of-capacity", note = DeclineNote });
        await OkAsync(west, declinedNotOurs, "decline", new { reason = "not-our-service" });
        await _driver.RoutedToAsync(declinedForCapacity, "aleppo-food");
        await _driver.RoutedToAsync(declinedNotOurs, "aleppo-food");

        // The city NGO: one case accepted then cancelled by the citizen, one resolved and rated in the bot.
        var cancelled = await SubmitAsync(district: null);
        await _driver.RoutedToAsync(cancelled, "aleppo-food");
        await OkAsync(city, cancelled, "accept");
        var cancellation = _system.App.Services.GetRequiredService<RequestCancellation>();
        Assert.Equal(CancellationOutcome.Cancelled, await cancellation.CancelAsync(cancelled, CancellationToken.None));
        Assert.Equal(CancellationOutcome.Cancelled, await cancellation.CancelAsync(cancelled, CancellationToken.None));

        var chat = new TelegramChat(_system, 920001, "en");
        var rated = Canonical(await chat.RequestFoodInAleppoWithCodeAsync());
        await _driver.RoutedToAsync(rated, "aleppo-food");
        _clock.Advance(TimeSpan.FromSeconds(40));
        await OkAsync(city, rated, "accept");
        await OkAsync(city, rated, "accept");
        await OkAsync(city, rated, "start");
        _clock.Advance(TimeSpan.FromMinutes(10));
        await OkAsync(city, rated, "resolve", NgoDriver.Successful);
        var question = await chat.MessageContainingAsync("Did you get the help you needed?");
        await chat.PressAsync(question.Buttons["✅ Yes, I got it"]);
        var ask = await chat.MessageContainingAsync("How would you rate");
        await chat.PressAsync(ask.Buttons["4⭐"]);
        await chat.MessageContainingAsync("Thank you for your rating.");
        await chat.SayAsync(Comment);
        await chat.MessageContainingAsync("Thank you.");
        await chat.PressAsync(ask.Buttons["5⭐"]);
        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "You have rated this request already. Thank you.", TimeSpan.FromSeconds(10));
        var feedback = _system.App.Services.GetRequiredService<RequestFeedback>();
        Assert.Equal(FeedbackOutcome.AlreadyRated, await feedback.RateAsync(rated, 1, CancellationToken.None));
        var ratedEvent = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(rated, Keys.EventPrefix), e => e.Type == "Feedback");
        Assert.Equal("rating=4", ratedEvent.Detail);
        Assert.Equal("aleppo-food", ratedEvent.NgoId);

        var response = await _ministry.GetAsync("ministry/ngos");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var ngos = JsonNode.Parse(raw)!["ngos"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Equal(["aleppo-food", "aleppo-food-west", "zz-idle"], ngos.Select(n => n["ngoId"]!.ToString()));

        var w = ngos[1];
        Assert.Equal("منظمة aleppo-food-west", w["name"]!["ar"]!.ToString());
        Assert.Equal("NGO aleppo-food-west", w["name"]!["en"]!.ToString());
        Assert.True(w["active"]!.GetValue<bool>());
        Assert.Equal(10, w["capacity"]!.GetValue<int>());
        Assert.Equal(0, w["openCases"]!.GetValue<int>());
        Assert.Equal(0.0, w["loadRatio"]!.GetValue<double>());
        Assert.Equal(1, w["accepted"]!.GetValue<int>());
        Assert.Equal(2, w["declined"]!.GetValue<int>());
        Assert.Equal(1, w["expired"]!.GetValue<int>());
        Assert.Equal(0.25, w["acceptanceRate"]!.GetValue<double>());
        Assert.Equal(
            new Dictionary<string, int> { ["out-of-capacity"] = 1, ["outside-coverage"] = 0, ["not-our-service"] = 1, ["duplicate"] = 0, ["cannot-contact"] = 0, ["other"] = 0 },
            w["declineReasons"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));
        AssertSummary(w["times"]!["toAccept"]!, TimeSpan.FromHours(2));
        AssertSummary(w["times"]!["toResolve"]!, TimeSpan.FromHours(49));
        Assert.Equal(0, w["rating"]!["count"]!.GetValue<int>());
        Assert.Null(w["rating"]!["mean"]);
        Assert.Equal(1, w["started"]!.GetValue<int>());
        Assert.Equal(1, w["resolved"]!.GetValue<int>());
        Assert.Equal(0, w["cancelled"]!.GetValue<int>());

        var c = ngos[0];
        Assert.Equal(3, c["openCases"]!.GetValue<int>());
        Assert.Equal(0.3, c["loadRatio"]!.GetValue<double>());
        Assert.Equal(2, c["accepted"]!.GetValue<int>());
        Assert.Equal(0, c["declined"]!.GetValue<int>());
        Assert.Equal(0, c["expired"]!.GetValue<int>());
        Assert.Equal(1.0, c["acceptanceRate"]!.GetValue<double>());
        Assert.Equal(2, c["times"]!["toAccept"]!["count"]!.GetValue<long>());
        AssertSummary(c["times"]!["toResolve"]!, TimeSpan.FromMinutes(10));
        Assert.Equal(1, c["rating"]!["count"]!.GetValue<int>());
        Assert.Equal(4.0, c["rating"]!["mean"]!.GetValue<double>());
        Assert.Equal(1, c["started"]!.GetValue<int>());
        Assert.Equal(1, c["resolved"]!.GetValue<int>());
        Assert.Equal(1, c["cancelled"]!.GetValue<int>());

        var idle = ngos[2];
        Assert.False(idle["active"]!.GetValue<bool>());
        Assert.Equal(0, idle["capacity"]!.GetValue<int>());
        Assert.Null(idle["loadRatio"]);
        Assert.Null(idle["acceptanceRate"]);
        Assert.Equal(0, idle["times"]!["toAccept"]!["count"]!.GetValue<long>());
        Assert.Null(idle["times"]!["toAccept"]!["medianSeconds"]);
        Assert.Null(idle["times"]!["toResolve"]!["p90Seconds"]);
        Assert.Null(idle["rating"]!["mean"]);

        foreach (var personal in new[] { CitizenName, CitizenPhonePrefix[1..], Description, DeclineNote, Comment, "food basket for six", "\"phone\"", "\"description\"", "\"note\"", "\"comment\"" })
        {
            Assert.DoesNotContain(personal, raw);
        }

        await AssertStatsEqualRecountAsync(["aleppo-food", "aleppo-food-west", "zz-idle"], [resolved, expiring, declinedForCapacity, declinedNotOurs, cancelled, rated]);
    }

    [Fact]
    public async Task StatsRows_AfterABurstOfConcurrentRepeatedTransitionsOnSeveralNgos_EqualARecountOfTheStoredRows()
    {
        string[] ngoIds = ["hama-a", "hama-b", "hama-c"];
        string[] districts = ["SY0501", "SY0502", "SY0503"];
        var clients = new List<HttpClient>();
        for (var i = 0; i < ngoIds.Length; i++)
        {
            clients.Add(await _driver.NgoAsync(ngoIds[i], ["health"], [districts[i]], capacity: 12));
        }

        using var fallback = await _driver.NgoAsync("hama-health", ["health"], ["SY05"], capacity: 100);
        clients.Add(fallback);
        var byNgo = new Dictionary<string, string[]>();
        for (var i = 0; i < ngoIds.Length; i++)
        {
            byNgo[ngoIds[i]] = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _driver.SubmitAsync(governorate: "SY05", district: districts[i])));
        }

        foreach (var (ngo, codes) in byNgo)
        {
            foreach (var code in codes)
            {
                await _driver.RoutedToAsync(code, ngo);
            }
        }

        // Every NGO at once: half accepted, half declined with varied reasons, each action sent twice at once.
        var reasons = DeclineReasons.Codes;
        var actions = new List<Task<HttpResponseMessage[]>>();
        for (var i = 0; i < ngoIds.Length; i++)
        {
            var codes = byNgo[ngoIds[i]];
            for (var k = 0; k < codes.Length; k++)
            {
                object? body = k % 2 == 0 ? null : new { reason = reasons[(i + k) % reasons.Count] };
                var action = k % 2 == 0 ? "accept" : "decline";
                actions.Add(TwiceAtOnceAsync(clients[i], codes[k], action, body));
            }
        }

        var answers = (await Task.WhenAll(actions)).SelectMany(a => a).ToList();
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable }));

        // The declined ones reach the fallback; then starts and resolves race on every NGO, also twice each.
        var declined = byNgo.Values.SelectMany(codes => codes.Where((_, k) => k % 2 == 1)).ToList();
        foreach (var code in declined)
        {
            await _driver.RoutedToAsync(code, "hama-health");
        }

        var second = new List<Task>();
        for (var i = 0; i < ngoIds.Length; i++)
        {
            var client = clients[i];
            second.AddRange(byNgo[ngoIds[i]].Where((_, k) => k % 4 == 0).Select(code => StartAndResolveAsync(client, code)));
        }

        second.AddRange(declined.Select((code, k) => k % 3 == 0
            ? NgoDriver.ActAsync(fallback, code, "decline", new { reason = "duplicate" })
            : AcceptTwiceAsync(fallback, code)));
        await Task.WhenAll(second);

        var all = byNgo.Values.SelectMany(c => c).ToList();
        await AssertStatsEqualRecountAsync([.. ngoIds, "hama-health"], all);
        foreach (var client in clients.Take(ngoIds.Length))
        {
            client.Dispose();
        }
    }

    private static async Task StartAndResolveAsync(HttpClient ngo, string code)
    {
        foreach (var action in new[] { "start", "resolve" })
        {
            Assert.Contains(await TwiceAtOnceAsync(ngo, code, action, NgoDriver.BodyFor(action)), a => a.StatusCode == HttpStatusCode.OK);
        }
    }

    private static async Task AcceptTwiceAsync(HttpClient ngo, string code) =>
        Assert.Contains(await TwiceAtOnceAsync(ngo, code, "accept"), a => a.StatusCode == HttpStatusCode.OK);

    // The same action sent twice at once, as a double-tapping client does. A 503 (storage slower than the
    // API's deadline, as on a loaded machine) says "try again": when both answers say so, the client
    // sends the pair again after the Retry-After, as a real one would, so the action does happen.
    private static async Task<HttpResponseMessage[]> TwiceAtOnceAsync(HttpClient ngo, string code, string action, object? body = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answers = await Task.WhenAll(NgoDriver.ActAsync(ngo, code, action, body), NgoDriver.ActAsync(ngo, code, action, body));
            if (attempt == 5 || answers.Any(a => a.StatusCode != HttpStatusCode.ServiceUnavailable))
            {
                return answers;
            }

            await Task.Delay(answers[0].Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    // The stats rows and the answer against a recount from the stored rows: the assignments of every
    // request for accepted, declined (by reason) and expired; the NGO's closed case rows for resolved
    // and cancelled; the feedback rows for the ratings; the load row for the open cases.
    private async Task AssertStatsEqualRecountAsync(IReadOnlyList<string> ngoIds, IReadOnlyList<string> codes)
    {
        var assignments = new List<AssignmentEntity>();
        var ratings = new List<(string NgoId, int Rating)>();
        foreach (var code in codes)
        {
            assignments.AddRange(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
            var rating = await _system.Requests.GetEntityIfExistsAsync<FeedbackEntity>(code, RequestFeedback.FeedbackRow);
            if (rating.HasValue)
            {
                ratings.Add(((await _driver.RequestAsync(code)).AssignedNgoId!, rating.Value!.Rating));
            }
        }

        var answer = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/ngos"))!["ngos"]!.AsArray().ToDictionary(n => n!["ngoId"]!.ToString(), n => n!.AsObject());
        foreach (var ngo in ngoIds)
        {
            var stats = (await NgoStatsEntity.ReadAsync(_system.NgoCases, ngo, CancellationToken.None)).Counters;
            var own = assignments.Where(a => a.NgoId == ngo).ToList();
            var closed = await _driver.CaseRowsAsync(ngo, Keys.NgoClosedCasePrefix);
            var open = await _driver.CaseRowsAsync(ngo, Keys.NgoCasePrefix);
            var accepted = own.Count(a => a.State == nameof(AssignmentState.Accepted));
            var declined = own.Where(a => a.State == nameof(AssignmentState.Declined)).ToList();
            var expired = own.Count(a => a.State == nameof(AssignmentState.Expired));
            var resolved = closed.Count(r => r.Status is nameof(RequestStatus.Resolved) or nameof(RequestStatus.Closed));
            var cancelled = closed.Count(r => r.Status == nameof(RequestStatus.Cancelled));
            var started = resolved + open.Count(r => r.Status == nameof(RequestStatus.InProgress));
            var rated = ratings.Where(r => r.NgoId == ngo).ToList();

            Assert.Equal(accepted, stats.Accepted);
            Assert.Equal(declined.Count, stats.Declined);
            Assert.Equal(expired, stats.Expired);
            Assert.Equal(
                declined.GroupBy(a => a.DeclineReason!).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key),
                stats.DeclineReasons.Where(p => p.Value > 0).OrderBy(p => p.Key));
            Assert.Equal(resolved, stats.Resolved);
            Assert.Equal(cancelled, stats.Cancelled);
            Assert.Equal(started, stats.Started);
            Assert.Equal(accepted, stats.ToAccept.Sum());
            Assert.Equal(resolved, stats.ToResolve.Sum());
            Assert.Equal(rated.Count, stats.RatingCount);
            Assert.Equal(rated.Sum(r => r.Rating), stats.RatingSum);

            var view = answer[ngo];
            Assert.Equal(open.Count, view["openCases"]!.GetValue<int>());
            Assert.Equal((await _driver.LoadAsync(ngo)).OpenCases, view["openCases"]!.GetValue<int>());
            Assert.Equal(accepted, view["accepted"]!.GetValue<int>());
            Assert.Equal(declined.Count, view["declined"]!.GetValue<int>());
            Assert.Equal(expired, view["expired"]!.GetValue<int>());
            Assert.Equal(accepted, view["times"]!["toAccept"]!["count"]!.GetValue<long>());
            Assert.Equal(resolved, view["times"]!["toResolve"]!["count"]!.GetValue<long>());
            Assert.Equal(rated.Count, view["rating"]!["count"]!.GetValue<int>());
        }
    }

    private static void AssertSummary(JsonNode summary, TimeSpan only)
    {
        var counts = new long[DurationHistogram.BucketCount];
        counts[DurationHistogram.BucketOf(only)] = 1;
        var expected = DurationHistogram.Summarize(counts);
        Assert.Equal(1, summary["count"]!.GetValue<long>());
        Assert.Equal(expected.MedianSeconds, summary["medianSeconds"]!.GetValue<double>());
        Assert.Equal(expected.P90Seconds, summary["p90Seconds"]!.GetValue<double>());
    }

    private Task<string> SubmitAsync(string? district) =>
        _driver.SubmitAsync(sector: "food", governorate: "SY02", district: district, name: CitizenName, phone: $"{CitizenPhonePrefix}{Interlocked.Increment(ref _citizens):D2}", description: Description);

    private static async Task OkAsync(HttpClient ngo, string code, string action, object? body = null)
    {
        var response = await NgoDriver.ActAsync(ngo, code, action, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<SweepSummary> SweepAsync() =>
        _system.App.Services.GetRequiredService<AssignmentSweeper>().SweepAsync(CancellationToken.None);

    private static string Canonical(string display) =>
        TrackingCode.TryParse(display, out var code) ? code.Value.Value : throw new InvalidOperationException(display);
}
