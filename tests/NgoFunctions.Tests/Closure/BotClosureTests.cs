using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Closure;

/// <summary>The citizen of a Telegram request is asked "did you get the help you needed?" with the Resolved
/// update, and answers with its buttons (through the fake Bot API server): no sends the case back to the
/// NGO, whose group is told, and a second no flags it for the ministry; another chat's press changes nothing.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotClosureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ngo = "aleppo-food";
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync(Ngo, ["food"], ["SY02"]);
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task NoTwice_BackToTheNgoEachTimeAndTheSecondFlagsItForTheMinistry()
    {
        var chat = new TelegramChat(_system, 930001, "en");
        var code = await chat.RequestFoodInAleppoWithCodeAsync();
        var canonical = Canonical(code);
        await _driver.RoutedToAsync(canonical, Ngo);
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            Assert.True((await NgoDriver.ActAsync(_ngo, canonical, action, NgoDriver.BodyFor(action))).IsSuccessStatusCode, action);
        }

        var first = await chat.MessageContainingAsync("Did you get the help you needed?");
        await chat.PressAsync(first.Buttons["❌ No, not yet"]);
        await _system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text == "We are sorry. We have sent your request back to the organisation.", NgoDriver.Within);
        await _system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text?.Contains($"Your request {code} is back with") == true, NgoDriver.Within);
        await _driver.WaitForAsync(canonical, s => s["status"]?.ToString() == "InProgress", "InProgress again");
        Assert.False((await _driver.RequestAsync(canonical)).NeedsAttention);
        // The same button again is the same answer: nothing more changes.
        await chat.PressAsync(first.Buttons["❌ No, not yet"]);
        await _system.Bot.WaitForAsync(
            _ => chat.Messages().Count(m => m.Text == "We are sorry. We have sent your request back to the organisation.") == 2, NgoDriver.Within);
        Assert.Single(await _driver.RowsAsync<RequestEventEntity>(canonical, Keys.EventPrefix), e => e.Type == "ClosureDisputed");

        Assert.True((await NgoDriver.ActAsync(_ngo, canonical, "resolve", new { outcome = "not-successful", reason = "referred-elsewhere" })).IsSuccessStatusCode);
        var second = await chat.MessageContainingAsync("Did you get the help you needed?");
        await chat.PressAsync(second.Buttons["❌ No, not yet"]);

        var request = (await _driver.WaitForAsync(canonical, s => s["needsAttention"]?.GetValue<bool>() == true, "flagged for the ministry"));
        Assert.Equal("InProgress", request["status"]!.ToString());
        var events = await _driver.RowsAsync<RequestEventEntity>(canonical, Keys.EventPrefix);
        Assert.Equal(2, events.Count(e => e.Type == "ClosureDisputed"));
        Assert.All(events.Where(e => e.Type == "ClosureDisputed"), e => Assert.Equal(("Resolved", "InProgress", "citizen", Ngo), (e.FromStatus, e.Status, e.Actor, e.NgoId)));
        Assert.Equal(1, (await _driver.LoadAsync(Ngo)).OpenCases);
    }

    [Fact]
    public async Task Yes_FromAnotherChat_RefusedAndNothingChanges()
    {
        var owner = new TelegramChat(_system, 930002, "en");
        var canonical = Canonical(await owner.RequestFoodInAleppoWithCodeAsync());
        await _driver.RoutedToAsync(canonical, Ngo);
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            Assert.True((await NgoDriver.ActAsync(_ngo, canonical, action, NgoDriver.BodyFor(action))).IsSuccessStatusCode, action);
        }

        var stranger = new TelegramChat(_system, 930003, "en");
        await stranger.PressAsync($"k:{canonical}.y");

        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "هذا الزر لم يعد فعّالاً.", TimeSpan.FromSeconds(10));
        Assert.Equal("Resolved", (await _driver.RequestAsync(canonical)).Status);
    }

    private static string Canonical(string display) =>
        TrackingCode.TryParse(display, out var code) ? code.Value.Value : throw new InvalidOperationException(display);
}
