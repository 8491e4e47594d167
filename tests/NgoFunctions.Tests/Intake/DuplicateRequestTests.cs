using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Intake;

/// <summary>One person, one open request per need: a submission with the phone number (as E.164) and the
/// sector of an open request, from any channel, is given that request instead of becoming a second one;
/// the repeat is recorded on it (a <c>DuplicateSubmitted</c> event, counted in the ministry's stats). The
/// lookup holds a keyed hash of the phone, goes with an erasure, and ignores requests no longer open.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DuplicateRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Phone = "0944123456";
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);

        // Requests stay open (Routed): an Unroutable one is not open, and would not count.
        await _system.PutNgoAsync("damascus-relief", ["health", "food", "shelter", "education"], ["SY01"], capacity: 50);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SamePhoneAndSector_FormThenBotThenFormPage_OneRequest_RepeatsGivenItAndCounted()
    {
        var first = await SubmitAsync(Phone);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var code = (await first.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        await _system.WaitForStatusAsync(code, "Routed", NgoDriver.Within);

        // The same phone typed another way, the same need, through the JSON API: no second request, and
        // not the first one's code either (a phone number proves nobody; the code opens its status and
        // its erasure), only the fact that it exists.
        var again = await SubmitAsync("+963 944 123 456", language: "en");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Location);
        var body = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["duplicate"]!.GetValue<bool>());
        Assert.Equal(["duplicate", "message"], body.Select(p => p.Key));
        Assert.StartsWith("There is already an open request for this need with this phone number", body["message"]!.ToString());
        Assert.DoesNotContain(Canonical(code), await again.Content.ReadAsStringAsync());

        // Another chat giving the same phone: told in Arabic that it exists, without its code.
        var chat = new TelegramChat(_system, 930001);
        await ConfirmHealthRequestInArabicAsync(chat);
        var answer = await chat.MessageContainingAsync("لديك طلب مفتوح لهذه الحاجة");
        Assert.Equal("لديك طلب مفتوح لهذه الحاجة برقم الهاتف نفسه قدّمته بطريقة أخرى، فلم نسجّل طلباً ثانياً. تابعه برمز التتبع الذي وصلك عند تقديمه.", answer.Text);
        Assert.DoesNotContain(chat.Messages(), m => m.Text?.Contains("سجّلنا طلبك") == true || m.Text?.Contains(code) == true);

        // The form in a browser: a page saying so, without the code.
        using var page = new HttpRequestMessage(HttpMethod.Post, "requests") { Content = FormContent(Phone) };
        page.Headers.Accept.ParseAdd("text/html");
        var html = await _system.Http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var text = await html.Content.ReadAsStringAsync();
        Assert.Contains("لديك طلب مفتوح لهذه الحاجة", text);
        Assert.DoesNotContain(code, text);
        Assert.DoesNotContain(Canonical(code), text);

        Assert.Equal([Canonical(code)], await StoredCodesAsync());
        var repeats = (await _driver.RowsAsync<RequestEventEntity>(Canonical(code), Keys.EventPrefix))
            .Where(e => e.Type == RequestChanges.DuplicateSubmittedEvent).ToList();
        Assert.Equal(["Form", "Telegram", "Form"], repeats.Select(e => e.Detail!.Split('|')[0]));
        Assert.All(repeats, e => Assert.DoesNotContain("944123456", e.Detail!));
        Assert.Equal(3, (await _driver.RequestAsync(Canonical(code))).DuplicateSubmissions);
        var stats = (await _system.Http.GetFromJsonAsync<JsonObject>("ministry/stats"))!;
        Assert.Equal((1, 3), (stats["total"]!.GetValue<int>(), stats["duplicatesPrevented"]!.GetValue<int>()));
        var status = await _system.WaitForStatusAsync(code, "Routed", NgoDriver.Within);
        Assert.Equal(3, status["events"]!.AsArray().Count(e => e!["type"]!.ToString() == "DuplicateSubmitted"));
    }

    [Fact]
    public async Task SameChatAsksAgain_ToldItsOwnRequestsCodeAndStatus()
    {
        var chat = new TelegramChat(_system, 930002);
        await ConfirmHealthRequestInArabicAsync(chat);
        var made = await chat.MessageContainingAsync("سجّلنا طلبك");
        var code = made.Text!.Split("رمز التتبع: ")[1].Split('\n')[0];
        await _system.WaitForStatusAsync(code, "Routed", NgoDriver.Within);

        await ConfirmHealthRequestInArabicAsync(chat);

        var answer = await chat.MessageContainingAsync("حالته الآن");
        Assert.Equal($"لديك طلب مفتوح لهذه الحاجة، رمزه {code}، فلم نسجّل طلباً ثانياً. حالته الآن: أُحيل إلى منظمة.", answer.Text);
        Assert.Equal([Canonical(code)], await StoredCodesAsync());
    }

    [Fact]
    public async Task SamePhoneOtherSector_ANewRequest()
    {
        var health = await SubmitAsync(Phone, sector: "health");
        var food = await SubmitAsync(Phone, sector: "food");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (health.StatusCode, food.StatusCode));
        Assert.Equal(2, (await StoredCodesAsync()).Count);
    }

    [Fact]
    public async Task NoPhone_NeverMatched()
    {
        var first = await SubmitAsync(phone: null);
        var second = await SubmitAsync(phone: null);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, (await StoredCodesAsync()).Count);
    }

    [Fact]
    public async Task IdenticalSubmissionsAtOnce_OneRequest_TheOthersGivenIt()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SubmitAsync(Phone)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var code = await CodeOfAsync(Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal([Canonical(code)], await StoredCodesAsync());
        Assert.Equal(3, (await _driver.RequestAsync(Canonical(code))).DuplicateSubmissions);
    }

    [Fact]
    public async Task AfterTheFirstIsResolved_ANewRequestIsAccepted()
    {
        using var ngo = await _driver.NgoAsync("damascus-clinic", ["health"], ["SY0100"]);
        var first = await CodeOfAsync(await SubmitAsync(Phone));
        await _driver.RoutedToAsync(Canonical(first), "damascus-clinic");
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, Canonical(first), action, NgoDriver.BodyFor(action))).StatusCode);
        }

        var second = await SubmitAsync(Phone);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.NotEqual(first, await CodeOfAsync(second));
        Assert.Equal(2, (await StoredCodesAsync()).Count);
        Assert.Equal(0, (await _driver.RequestAsync(Canonical(first))).DuplicateSubmissions);
    }

    [Fact]
    public async Task LookupRow_HoldsAKeyedHashNotThePhone_ErasureRemovesIt()
    {
        var code = Canonical(await CodeOfAsync(await SubmitAsync(Phone)));

        var row = Assert.Single(await GuardRowsAsync());
        Assert.Matches("^p-[0-9a-f]{32}$", row.PartitionKey);
        Assert.Contains(code, row.GetString("Open"));
        Assert.DoesNotContain(row.Select(p => p.Value).OfType<string>().Append(row.PartitionKey), v => v.Contains("944123456", StringComparison.Ordinal));

        using var anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.DeleteAsync($"requests/{code}/personal-data")).StatusCode);

        Assert.Empty(await GuardRowsAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(Phone)).StatusCode);
    }

    [Fact]
    public async Task FourthOpenRequestForOnePhone_429InTheRequestsLanguage_NothingStored_BotSaysSoPolitely()
    {
        foreach (var sector in new[] { "health", "food", "shelter" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(Phone, sector: sector)).StatusCode);
        }

        var fourth = await SubmitAsync(Phone, sector: "education", language: "en");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType!.MediaType);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        var problem = (await fourth.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("This phone number has reached the limit of open requests (3). A new request can be made once one of them is met or cancelled.", problem["title"]!.ToString());
        Assert.Equal(("phone", 429), (problem["limit"]!.ToString(), problem["status"]!.GetValue<int>()));
        Assert.Equal(3, (await StoredCodesAsync()).Count);

        var chat = new TelegramChat(_system, 930002);
        await ConfirmHealthRequestInArabicAsync(chat, sector: "التعليم");
        Assert.StartsWith("وصل رقم الهاتف هذا إلى الحد الأقصى للطلبات المفتوحة (3).", (await chat.MessageContainingAsync("الحد الأقصى")).Text);
        Assert.Equal(3, (await StoredCodesAsync()).Count);
    }

    // A JSON submission for Damascus with this phone (none when null).
    private Task<HttpResponseMessage> SubmitAsync(string? phone, string sector = "health", string language = "ar") =>
        _system.Http.PostAsJsonAsync("requests", new
        {
            sector,
            governorate = "SY01",
            district = "SY0100",
            description = "أحتاج إلى دواء للسكري لوالدتي المسنة",
            phone,
            consent = true,
            language,
        });

    private static FormUrlEncodedContent FormContent(string phone) => new(new Dictionary<string, string>
    {
        ["sector"] = "health",
        ["governorate"] = "SY01",
        ["district"] = "SY0100",
        ["description"] = "أحتاج إلى دواء للسكري لوالدتي المسنة",
        ["phone"] = phone,
        ["consent"] = "on",
        ["language"] = "ar",
    });

    // /start to Confirm in Arabic for a need in Damascus, sharing the citizen's own contact (the same phone).
    private static async Task ConfirmHealthRequestInArabicAsync(TelegramChat chat, string sector = "الصحة")
    {
        await chat.SayAsync("/start");
        await chat.PressAsync((await chat.MessageContainingAsync("أهلاً بك!")).Buttons["العربية"]);
        await chat.PressAsync((await chat.MessageContainingAsync("ما نوع المساعدة")).Buttons[sector]);
        await chat.PressAsync((await chat.MessageContainingAsync("🗺️")).Buttons["دمشق"]);
        await chat.PressAsync((await chat.MessageContainingAsync("دمشق")).Buttons["دمشق"]);
        await chat.MessageContainingAsync("صف ما تحتاجه");
        await chat.SayAsync("أحتاج إلى دواء للسكري لوالدتي المسنة");
        await chat.MessageContainingAsync("رقم هاتفك");
        await chat.ShareContactAsync("963944123456", own: true);
        await chat.PressAsync((await chat.MessageContainingAsync("هل توافق")).Buttons["نعم، أوافق"]);
        await chat.PressAsync((await chat.MessageContainingAsync("+963944123456")).Buttons["✅ تأكيد"]);
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();

    private static string Canonical(string code) => code.Replace("-", string.Empty, StringComparison.Ordinal);

    private async Task<List<string>> StoredCodesAsync()
    {
        var codes = new List<string>();
        await foreach (var row in _system.Requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}"), select: ["PartitionKey"]))
        {
            codes.Add(row.PartitionKey);
        }

        return codes;
    }

    private async Task<List<TableEntity>> GuardRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _system.IntakeGuards.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {"p-"} and PartitionKey lt {"p."}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
