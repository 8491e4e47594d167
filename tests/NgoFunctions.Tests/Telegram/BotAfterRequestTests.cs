using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Telegram;

/// <summary>What the citizen does in the chat after the request is made: cancel it, confirm the help arrived, rate it.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotAfterRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync("aleppo-food", ["food"], ["SY02"]);
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Cancel_OpenRequest_CancelledPlaceFreedAndCitizenTold()
    {
        var chat = new TelegramChat(_system, 910001, "en");
        var code = await chat.RequestFoodInAleppoWithCodeAsync();
        var canonical = Canonical(code);
        await _driver.RoutedToAsync(canonical, "aleppo-food");

        await chat.SayAsync("/cancel");
        var choose = await chat.MessageContainingAsync("Which request do you want to cancel?");
        await chat.PressAsync(choose.Buttons[$"{code} — Food"]);

        await _driver.WaitForAsync(canonical, s => s["status"]?.ToString() == "Cancelled", "Cancelled");
        await chat.MessageContainingAsync($"Your request {code} was cancelled.");
        Assert.Equal(0, (await _driver.LoadAsync("aleppo-food")).OpenCases);
        Assert.False((await NgoDriver.ActAsync(_ngo, canonical, "accept")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Resolved_AskedWhetherTheHelpArrived_YesClosesItThenRatingAndCommentStoredOnce()
    {
        var chat = new TelegramChat(_system, 910002, "en");
        var code = await chat.RequestFoodInAleppoWithCodeAsync();
        var canonical = Canonical(code);
        await _driver.RoutedToAsync(canonical, "aleppo-food");
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            Assert.True((await NgoDriver.ActAsync(_ngo, canonical, action, NgoDriver.BodyFor(action))).IsSuccessStatusCode, action);
        }

        var question = await chat.MessageContainingAsync("Did you get the help you needed?");
        Assert.Equal(["✅ Yes, I got it", "❌ No, not yet"], question.Buttons.Keys);
        await chat.PressAsync(question.Buttons["✅ Yes, I got it"]);
        var ask = await chat.MessageContainingAsync("How would you rate");
        Assert.Equal("Closed", (await _driver.RequestAsync(canonical)).Status);
        Assert.Equal(["1⭐", "2⭐", "3⭐", "4⭐", "5⭐"], ask.Buttons.Keys);
        await chat.PressAsync(ask.Buttons["4⭐"]);
        await chat.MessageContainingAsync("Thank you for your rating.");
        await chat.SayAsync("خدمة ممتازة وسريعة، شكراً 🌷");
        await chat.MessageContainingAsync("Thank you.");
        await chat.PressAsync(ask.Buttons["5⭐"]);
        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "You have rated this request already. Thank you.", TimeSpan.FromSeconds(10));

        var feedback = await _system.Requests.GetEntityAsync<FeedbackEntity>(canonical, RequestFeedback.FeedbackRow);
        Assert.Equal(4, feedback.Value.Rating);
        Assert.Equal("خدمة ممتازة وسريعة، شكراً 🌷", feedback.Value.Comment);
        var events = await _driver.RowsAsync<RequestEventEntity>(canonical, Keys.EventPrefix);
        var rated = Assert.Single(events, e => e.Type == "Feedback");
        Assert.Equal("rating=4", rated.Detail);

        await chat.SayAsync("/cancel");
        Assert.Equal("You have no open request that can be cancelled.", (await chat.MessageContainingAsync("no open request")).Text);
    }

    [Fact]
    public async Task RatingButtonFromAnotherChat_RefusedAndNothingStored()
    {
        var owner = new TelegramChat(_system, 910003, "en");
        var canonical = Canonical(await owner.RequestFoodInAleppoWithCodeAsync());
        await _driver.RoutedToAsync(canonical, "aleppo-food");
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            await NgoDriver.ActAsync(_ngo, canonical, action, NgoDriver.BodyFor(action));
        }

        var stranger = new TelegramChat(_system, 910004, "en");
        await stranger.PressAsync($"r:{canonical}.1");

        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "هذا الزر لم يعد فعّالاً.", TimeSpan.FromSeconds(10));
        Assert.False((await _system.Requests.GetEntityIfExistsAsync<FeedbackEntity>(canonical, RequestFeedback.FeedbackRow)).HasValue);
    }

    private static string Canonical(string display) =>
        TrackingCode.TryParse(display, out var code) ? code.Value.Value : throw new InvalidOperationException(display);
}
