using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telegram.MiniApp;

/// <summary>The Mini App end to end, through the worker, on Azurite, with the fake Bot API: the bot's
/// <c>web_app</c> button, the page, and requests posted with valid, forged, stale and missing
/// <c>initData</c>: a valid one reaches Routed with its chat told the code once however often it is
/// posted; a refused one stores nothing.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MiniAppTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string MiniAppUrl = "https://ngo.example/api/miniapp";
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Telegram:MiniAppUrl"] = MiniAppUrl });
        await _system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SectorQuestion_OffersTheMiniApp_InTheChatsLanguage()
    {
        var chat = new TelegramChat(_system, 910001, "en");
        await chat.SayAsync("/start");
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["English"]);
        await chat.NextMessageAsync();

        var sectors = await chat.NextMessageAsync();

        Assert.Equal("What kind of help do you need?", sectors.Text);
        Assert.Equal($"{MiniAppUrl}?lang=en", sectors.WebAppButtons["📝 Fill in your request on one page"]);
        Assert.Contains("Food", sectors.Buttons.Keys);
    }

    [Fact]
    public async Task ValidInitData_RequestReachesRouted_TheChatIsToldOnce_EvenWhenPostedTwice()
    {
        const long chatId = 910002;
        var initData = InitDataSigner.Sign(TestSystem.BotToken, InitDataSigner.Opening(chatId, DateTimeOffset.UtcNow.AddMinutes(-2)));

        var first = await PostAsync(Body(initData));
        var again = await PostAsync(Body(initData));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var code = (await first.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        Assert.Equal(code, (await again.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        await _system.WaitForStatusAsync(code, "Routed", TimeSpan.FromSeconds(20));

        TrackingCode.TryParse(code, out var parsed);
        var stored = (await _system.Requests.GetEntityAsync<ServiceRequestEntity>(parsed!.Value.Value, Keys.RequestRow)).Value;
        Assert.Equal((nameof(RequestChannel.Telegram), chatId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (stored.Channel, stored.ChannelAddress));
        Assert.Equal("نحتاج إلى سلة غذائية لأسرة من خمسة أشخاص", stored.Description);

        // The chat is told the code as from its own Confirm, and the routing as every chat request is.
        var confirmed = await _system.Bot.WaitForAsync(c => c.ChatId == chatId && c.Text?.StartsWith("سجّلنا طلبك. رمز التتبع: " + code, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10));
        await _system.Bot.WaitForAsync(c => c.ChatId == chatId && c.Text?.Contains("أُحيل") == true && c.Text.Contains(code, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Single(_system.Bot.Calls, c => c.ChatId == chatId && c.Text?.StartsWith("سجّلنا طلبك", StringComparison.Ordinal) == true);

        // /status in the chat lists it.
        var chat = new TelegramChat(_system, chatId);
        await chat.SayAsync("/status");
        Assert.Contains(code, (await chat.MessageContainingAsync("طلباتك:")).Text);
    }

    [Fact]
    public async Task ForgedStaleOrMissingInitData_Is401InTheCallersLanguage_AndNothingIsStored()
    {
        const long chatId = 910003;
        var signed = InitDataSigner.Sign(TestSystem.BotToken, InitDataSigner.Opening(chatId, DateTimeOffset.UtcNow));
        var forged = signed.Replace(chatId.ToString(System.Globalization.CultureInfo.InvariantCulture), "910004", StringComparison.Ordinal);
        var stale = InitDataSigner.Sign(TestSystem.BotToken, InitDataSigner.Opening(chatId, DateTimeOffset.UtcNow.AddHours(-2)));
        var otherBot = InitDataSigner.Sign("987654321:ANOTHER-bots-token", InitDataSigner.Opening(chatId, DateTimeOffset.UtcNow));
        var before = await CountAsync(_system.Requests);

        var answers = new List<HttpResponseMessage>
        {
            await PostAsync(Body(forged)),
            await PostAsync(Body(stale, language: "en")),
            await PostAsync(Body(otherBot)),
            await PostAsync(Body(null)),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers, a => Assert.Equal("application/problem+json", a.Content.Headers.ContentType?.MediaType));
        Assert.StartsWith("انتهت صلاحية هذه الصفحة", (await answers[0].Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        Assert.StartsWith("This page has expired", (await answers[1].Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(before, await CountAsync(_system.Requests));
        Assert.DoesNotContain(_system.Bot.Calls, c => c.ChatId is chatId or 910004);
    }

    [Fact]
    public async Task BadFields_With_ValidInitData_Is400NamingEachField_NothingStored_NothingSaid()
    {
        const long chatId = 910005;
        var initData = InitDataSigner.Sign(TestSystem.BotToken, InitDataSigner.Opening(chatId, DateTimeOffset.UtcNow));
        var before = await CountAsync(_system.Requests);

        var answer = await PostAsync(new JsonObject { ["initData"] = initData, ["sector"] = "weapons", ["governorate"] = "SY05", ["consent"] = false, ["language"] = "ar" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["consent", "description", "sector"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("اختر قطاعاً من القائمة.", errors["sector"]![0]!.ToString());
        Assert.Equal(before, await CountAsync(_system.Requests));
        Assert.DoesNotContain(_system.Bot.Calls, c => c.ChatId == chatId);
    }

    [Fact]
    public async Task Page_IsOneLightPage_FramedByTelegramsWebClientOnly_PostingToItsOwnOrigin()
    {
        var ar = await _system.Http.GetAsync("miniapp");
        var en = await _system.Http.GetStringAsync("miniapp?lang=en");

        Assert.Equal(HttpStatusCode.OK, ar.StatusCode);
        var html = await ar.Content.ReadAsStringAsync();
        Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
        Assert.Contains("dir=\"ltr\"", en, StringComparison.Ordinal);
        Assert.Contains("id=\"sector\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"SY0501\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("telegram-web-app.js", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"https?:", html);
        var policy = Assert.Single(ar.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors https://web.telegram.org", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.False(ar.Headers.Contains("X-Frame-Options"));
        Assert.True(html.Length < 120_000, $"the page is {html.Length} characters");
    }

    private static JsonObject Body(string? initData, string language = "ar")
    {
        var body = new JsonObject
        {
            ["sector"] = "food", ["governorate"] = "SY05", ["description"] = "نحتاج إلى سلة غذائية لأسرة من خمسة أشخاص",
            ["urgency"] = "urgent", ["vulnerabilities"] = new JsonArray("older-person"), ["consent"] = true, ["language"] = language,
        };
        if (initData is not null)
        {
            body["initData"] = initData;
        }

        return body;
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject body) => _system.Http.PostAsJsonAsync("miniapp/requests", body);

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
