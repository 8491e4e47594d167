using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Domain;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Telegram;

/// <summary>Sensitive cases on Telegram: the NGO's group sees only the tracking code and urgency (details
/// through the NGO API, even after accepting), the citizen can mark a request sensitive from the bot's
/// summary, and <c>/status</c> names neither its sector nor its NGO.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SensitiveCaseTelegramTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string CitizenName = "فاطمة الأحمد";
    private const string Description = "أحتاج إلى استشارة قانونية عاجلة بشأن العنف في البيت";

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        await _system.PutNgoAsync("damascus-safe-space", ["protection", "health"], ["SY01"], handlesSensitive: true);
        await _system.PutNgoAsync("damascus-clinic", ["health"], ["SY0100"], handlesSensitive: false);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task GroupPost_SensitiveCase_OnlyCodeAndUrgencyEvenAfterAccept_DetailsThroughTheApi()
    {
        using var api = _driver.Client(await _driver.IssueKeyAsync("damascus-safe-space"));
        var group = await new NgoGroupDriver(_system).LinkedGroupAsync("damascus-safe-space", -100601);
        var code = await _system.SubmitJsonAsync(new
        {
            sector = "protection", governorate = "SY01", description = Description, urgency = "emergency",
            vulnerabilities = new[] { "child", "woman-head-of-household" }, name = CitizenName, phone = "0944123456", consent = true,
        });
        var display = TrackingCode.TryParse(code, out var parsed) ? parsed.Value.ToString() : code;

        var posted = await group.MessageContainingAsync("حالة جديدة");

        Assert.Contains(display, posted.Text);
        Assert.Contains("طارئ", posted.Text);
        Assert.Contains("NGO API", posted.Text);
        AssertNothingAboutTheCase(posted.Text!);
        Assert.DoesNotContain("الحماية", posted.Text);
        Assert.DoesNotContain("دمشق", posted.Text);

        await group.PressAsync(posted.Buttons["✅ قبول"]);
        var accepted = await group.MessageContainingAsync("قبلتم الحالة");

        Assert.Contains("NGO API", accepted.Text);
        AssertNothingAboutTheCase(accepted.Text!);
        Assert.Equal(["▶️ بدء العمل"], accepted.Buttons.Keys);

        // The NGO API still gives the details to the NGO that accepted, with consent, as for any case.
        var view = await api.GetFromJsonAsync<JsonObject>($"ngo/requests/{code}");
        Assert.True(view!["sensitive"]!.GetValue<bool>());
        Assert.Equal(CitizenName, view["citizen"]!["name"]!.ToString());
        Assert.Equal(Description, view["citizen"]!["description"]!.ToString());
    }

    [Fact]
    public async Task ArabicConversation_MarksRequestSensitiveOnTheSummary_RoutedToSensitiveNgoAndStatusLineMinimal()
    {
        var chat = new TelegramChat(_system, 900601);

        await chat.SayAsync("/start");
        await chat.PressAsync((await chat.MessageContainingAsync("اختر لغة المحادثة")).Buttons["العربية"]);
        await chat.PressAsync((await chat.MessageContainingAsync("ما نوع المساعدة")).Buttons["الصحة"]);
        await chat.PressAsync((await chat.MessageContainingAsync("🗺️")).Buttons["دمشق"]);
        await chat.PressAsync((await chat.MessageContainingAsync("في أي منطقة")).Buttons["دمشق"]);
        await chat.MessageContainingAsync("صف ما تحتاجه");
        await chat.SayAsync("أحتاج إلى طبيبة تتابع حالتي بسرية تامة");
        await chat.MessageContainingAsync("رقم هاتفك");
        await chat.SayAsync("تخطٍّ");
        await chat.PressAsync((await chat.MessageContainingAsync("هل توافق")).Buttons["نعم، أوافق"]);

        var summary = await chat.MessageContainingAsync("راجع طلبك");
        Assert.Contains("هل طلبك حساس؟", summary.Text);
        Assert.Contains("عنف أو إساءة", summary.Text);
        await chat.PressAsync(summary.Buttons["🔒 طلبي حساس"]);
        var marked = await chat.MessageContainingAsync("راجع طلبك");
        Assert.Contains("طلبك حساس:", marked.Text);
        Assert.Contains("ليس حساساً", marked.Buttons.Keys);
        await chat.PressAsync(marked.Buttons["✅ تأكيد"]);

        var confirmed = await chat.MessageContainingAsync("سجّلنا طلبك");
        var display = confirmed.Text!.Split("رمز التتبع: ")[1].Split('\n')[0];
        Assert.True(TrackingCode.TryParse(display, out var parsed));
        var code = parsed.Value.Value;
        Assert.True((await _driver.RequestAsync(code)).Sensitive);
        await _driver.WaitForAsync(code, s => s["status"]?.ToString() == "Routed", "Routed");
        Assert.Equal("damascus-safe-space", (await _driver.RequestAsync(code)).AssignedNgoId);

        await chat.SayAsync("/status");
        var status = await chat.MessageContainingAsync("طلباتك:");
        Assert.Contains($"الطلب {display}: أُحيل إلى منظمة", status.Text);
        Assert.DoesNotContain("الصحة", status.Text);
        Assert.DoesNotContain("damascus-safe-space", status.Text);
    }

    [Fact]
    public async Task ProtectionSector_SummaryExplainsItIsAlwaysSensitive_NoChoiceOffered()
    {
        var chat = new TelegramChat(_system, 900602, "en");

        await chat.SayAsync("/start");
        await chat.PressAsync((await chat.MessageContainingAsync("Choose the language of our chat")).Buttons["English"]);
        await chat.PressAsync((await chat.MessageContainingAsync("What kind of help")).Buttons["Protection"]);
        await chat.PressAsync((await chat.MessageContainingAsync("🗺️")).Buttons["Damascus"]);
        await chat.PressAsync((await chat.MessageContainingAsync("Which district")).Buttons["Skip"]);
        await chat.MessageContainingAsync("Describe what you need");
        await chat.SayAsync("I need legal advice to get my papers back");
        await chat.MessageContainingAsync("phone number");
        await chat.SayAsync("Skip");
        await chat.PressAsync((await chat.MessageContainingAsync("Do you agree")).Buttons["Yes, I agree"]);

        var summary = await chat.MessageContainingAsync("Check your request");

        Assert.Contains("Protection requests are always treated as sensitive", summary.Text);
        Assert.Equal(new HashSet<string> { "✅ Confirm", "✏️ Edit", "✖️ Cancel" }, summary.Buttons.Keys.ToHashSet());
    }

    private static void AssertNothingAboutTheCase(string text)
    {
        Assert.DoesNotContain(Description, text);
        Assert.DoesNotContain("قانونية", text);
        Assert.DoesNotContain("طفل", text);
        Assert.DoesNotContain("امرأة معيلة", text);
        Assert.DoesNotContain("فاطمة", text);
        Assert.DoesNotContain("944123456", text);
    }
}
