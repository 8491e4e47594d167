using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Closure;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Closure;

/// <summary>A resolved request whose citizen never answers is closed unconfirmed once
/// <c>Closure:ConfirmAfterDays</c> (14 by default) passed (the sweep, run by the test with the clock it
/// moves), for a web-form request and a Telegram one alike; not a minute before, and only once.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClosureSilenceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ngo = "aleppo-food";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;

    public async Task InitializeAsync()
    {
        // The test runs the sweep itself, with the clock it moves; the timer never fires on its own.
        _system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Closure:SweepSchedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync(Ngo, ["food"], ["SY02"]);
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task NoAnswerForTheConfiguredDays_ClosedUnconfirmedOnce_OverTheWebAndTheBot()
    {
        var chat = new TelegramChat(_system, 940001, "en");
        var display = await chat.RequestFoodInAleppoWithCodeAsync();
        var viaBot = Canonical(display);
        var viaWeb = await _driver.SubmitAsync(sector: "food", governorate: "SY02");
        foreach (var code in new[] { viaBot, viaWeb })
        {
            await _driver.RoutedToAsync(code, Ngo);
            foreach (var action in new[] { "accept", "start", "resolve" })
            {
                Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, action, NgoDriver.BodyFor(action))).StatusCode);
            }
        }

        var question = await chat.MessageContainingAsync("Did you get the help you needed?");

        // The sweep's clock starts from the later resolution (the worker stamps it with its own clock).
        var resolvedAt = new[] { (await _driver.RequestAsync(viaBot)).UpdatedAt, (await _driver.RequestAsync(viaWeb)).UpdatedAt }.Max();
        if (resolvedAt > _clock.GetUtcNow())
        {
            _clock.SetUtcNow(resolvedAt);
        }

        // Closure:ConfirmAfterDays is 14 by default.
        _clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await SweepAsync()).Closed);
        Assert.Equal("Resolved", (await _driver.RequestAsync(viaWeb)).Status);

        _clock.Advance(TimeSpan.FromMinutes(2));
        // The index row of each request was written with its commit, so one sweep finds both; the next finds none.
        var summary = await SweepAsync();
        var again = await SweepAsync();
        Assert.Equal((2, 0), (summary.Closed, again.Closed));

        foreach (var code in new[] { viaBot, viaWeb })
        {
            var request = await _driver.RequestAsync(code);
            Assert.Equal(("Closed", "unconfirmed"), (request.Status, request.Closure));
            var closed = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "ClosedUnconfirmed");
            Assert.Equal(("Resolved", "Closed", "system", "unconfirmed"), (closed.FromStatus, closed.Status, closed.Actor, closed.Detail));
        }

        Assert.All(await _driver.CaseRowsAsync(Ngo, Keys.NgoClosedCasePrefix), row => Assert.Equal("Closed", row.Status));
        using (var ministry = _driver.Client(TestSystem.MinistryKey))
        {
            var ngo = (await ministry.GetFromJsonAsync<JsonObject>("ministry/ngos"))!["ngos"]!.AsArray().Single(n => n!["ngoId"]!.ToString() == Ngo)!;
            Assert.Equal((0, 2, 0, 1.0), (ngo["closure"]!["confirmed"]!.GetValue<int>(), ngo["closure"]!["unconfirmed"]!.GetValue<int>(),
                ngo["closure"]!["disputed"]!.GetValue<int>(), ngo["closure"]!["unconfirmedRate"]!.GetValue<double>()));
        }

        await _system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text?.Contains($"Your request {display} is closed, as we did not hear back from you.") == true, NgoDriver.Within);

        // A late answer changes nothing, on either path.
        await chat.PressAsync(question.Buttons["✅ Yes, I got it"]);
        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "This request is no longer waiting for your answer.", NgoDriver.Within);
        var late = await _system.Http.PostAsJsonAsync($"requests/{viaWeb}/confirmation?lang=en", new { received = false });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("This request is not waiting for your answer; its status is: Closed.", (await late.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        foreach (var code in new[] { viaBot, viaWeb })
        {
            Assert.Equal("Closed", (await _driver.RequestAsync(code)).Status);
        }
    }

    private Task<ClosureSweepSummary> SweepAsync() =>
        _system.App.Services.GetRequiredService<ClosureSweeper>().SweepAsync(CancellationToken.None);

    private static string Canonical(string display) =>
        TrackingCode.TryParse(display, out var code) ? code.Value.Value : throw new InvalidOperationException(display);
}
