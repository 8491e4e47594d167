using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Telegram;

/// <summary>An NGO's Telegram group: linked with a one-time code, receives its new cases, and accepts,
/// declines, starts and resolves them with buttons.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NgoGroupTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private NgoGroupDriver _groups = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _groups = new NgoGroupDriver(_system);
        await _system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);
        await _system.PutNgoAsync("homs-health", ["health"], ["SY04"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task LinkCode_BindsTheGroupOnce()
    {
        var code = await IssueLinkAsync("homs-clinic");
        var group = Group(-100101);
        var other = Group(-100102);

        await group.SayAsync($"/link@ngo_help_bot {code}");
        var linked = await group.NextMessageAsync();
        await other.SayAsync($"/link {code}");
        var refused = await other.NextMessageAsync();

        Assert.StartsWith("رُبطت هذه المجموعة بـمنظمة homs-clinic.", linked.Text);
        Assert.StartsWith("رمز الربط غير صحيح أو منتهي الصلاحية.", refused.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.PostAsync("registry/ngos/nobody/telegram-link", null)).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("registry/ngos/homs-clinic/telegram-link", null)).StatusCode);
    }

    [Fact]
    public async Task RoutedCase_PostedWithoutPersonalData_ThenAcceptStartResolveFromTheGroup()
    {
        var group = await LinkedGroupAsync("homs-clinic", -100201);

        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401", name: "فاطمة الأحمد", phone: "0944123456");
        var posted = await group.MessageContainingAsync("حالة جديدة");
        Assert.DoesNotContain("فاطمة", posted.Text);
        Assert.DoesNotContain("944123456", posted.Text);
        Assert.DoesNotContain("دواء", posted.Text);

        await group.PressAsync(posted.Buttons["✅ قبول"]);
        var accepted = await group.MessageContainingAsync("قبلتم الحالة");
        Assert.Contains("الاسم: فاطمة الأحمد", accepted.Text);
        Assert.Contains("+963944123456", accepted.Text);
        await group.PressAsync(accepted.Buttons["▶️ بدء العمل"]);
        var started = await group.MessageContainingAsync("بدأتم العمل");
        await group.PressAsync(started.Buttons["✔️ تمت التلبية"]);
        var outcomes = await group.MessageContainingAsync("كيف انتهت الحالة؟");
        Assert.Equal(6, outcomes.Buttons.Count);
        Assert.DoesNotContain(outcomes.Buttons.Keys, label => label.Contains("سبب آخر"));
        await group.PressAsync(outcomes.Buttons["غير ناجحة: تعذّر الوصول إلى صاحب الطلب"]);
        await group.MessageContainingAsync("سُجّل إنهاء العمل على الحالة");

        await _driver.WaitForAsync(code, s => s["status"]?.ToString() == "Resolved", "Resolved");
        var resolved = Assert.Single(await _driver.RowsAsync<Core.Storage.RequestEventEntity>(code, Core.Storage.Keys.EventPrefix), e => e.Type == "Resolved");
        Assert.Equal("not-successful:client-unreachable", resolved.Detail);
    }

    [Fact]
    public async Task CitizenSaysTheHelpDidNotArrive_TheGroupIsToldAndCanResolveAgain()
    {
        var group = await LinkedGroupAsync("homs-clinic", -100401);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await group.MessageContainingAsync("حالة جديدة");
        await group.PressAsync(posted.Buttons["✅ قبول"]);
        var accepted = await group.MessageContainingAsync("قبلتم الحالة");
        await group.PressAsync(accepted.Buttons["▶️ بدء العمل"]);
        var started = await group.MessageContainingAsync("بدأتم العمل");
        await group.PressAsync(started.Buttons["✔️ تمت التلبية"]);
        var outcomes = await group.MessageContainingAsync("كيف انتهت الحالة؟");
        await group.PressAsync(outcomes.Buttons["ناجحة: لُبّيت الحاجة"]);
        await _driver.WaitForAsync(code, s => s["status"]?.ToString() == "Resolved", "Resolved");

        var answer = await _system.Http.PostAsJsonAsync($"requests/{code}/confirmation", new { received = false });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var told = await group.MessageContainingAsync("أن المساعدة لم تصله");
        Assert.Contains($"{code[..5]}-{code[5..]}", told.Text);
        await group.PressAsync(told.Buttons["✔️ تمت التلبية"]);
        var again = await group.MessageContainingAsync("كيف انتهت الحالة؟");
        await group.PressAsync(again.Buttons["غير ناجحة: أُحيل إلى جهة أخرى"]);
        await _driver.WaitForAsync(code, s => s["status"]?.ToString() == "Resolved", "Resolved again");
        var resolutions = (await _driver.RowsAsync<Core.Storage.RequestEventEntity>(code, Core.Storage.Keys.EventPrefix)).Where(e => e.Type == "Resolved");
        Assert.Equal(["successful", "not-successful:referred-elsewhere"], resolutions.Select(e => e.Detail));
    }

    [Fact]
    public async Task DeclineWithReason_FromTheGroup_GoesToTheNextNgo()
    {
        var group = await LinkedGroupAsync("homs-clinic", -100301);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await group.MessageContainingAsync("حالة جديدة");

        await group.PressAsync(posted.Buttons["✖️ اعتذار"]);
        var reasons = await group.MessageContainingAsync("لماذا تعتذرون");
        await group.PressAsync(reasons.Buttons["لا تتوفر لدينا طاقة استيعابية حالياً"]);
        await group.MessageContainingAsync("سُجّل اعتذاركم");

        await _driver.RoutedToAsync(code, "homs-health");
        var assignments = await _driver.RowsAsync<Core.Storage.AssignmentEntity>(code, Core.Storage.Keys.AssignmentPrefix);
        Assert.Equal("out-of-capacity", assignments[0].DeclineReason);
    }

    [Fact]
    public async Task CitizenCancels_TheNgosGroupIsTold()
    {
        var group = await LinkedGroupAsync("homs-clinic", -100501);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await group.MessageContainingAsync("حالة جديدة");

        var cancellation = _system.App.Services.GetRequiredService<Core.Requests.RequestCancellation>();
        Assert.Equal(Core.Requests.CancellationOutcome.Cancelled, await cancellation.CancelAsync(code, CancellationToken.None));

        var told = await group.MessageContainingAsync("ألغى صاحب الطلب");
        Assert.Contains(Core.Domain.TrackingCode.TryParse(code, out var parsed) ? parsed.Value.ToString() : code, told.Text);
    }

    [Fact]
    public async Task ButtonsFromAnUnlinkedGroupOrAnotherNgosGroup_DoNothing()
    {
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(code, "homs-clinic");
        var unlinked = Group(-100401);
        var otherNgo = await LinkedGroupAsync("homs-health", -100402);

        await unlinked.PressAsync($"n:a:{code}");
        await otherNgo.PressAsync($"n:a:{code}");

        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "هذه المجموعة غير مرتبطة بمنظمة.", TimeSpan.FromSeconds(10));
        await _system.Bot.WaitForAsync(c => c.Method == "answerCallbackQuery" && c.Text == "هذه الحالة لم تعد محالة إليكم.", TimeSpan.FromSeconds(10));
        Assert.Equal("Routed", (await _system.Http.GetFromJsonAsync<JsonObject>($"requests/{code}"))!["status"]!.ToString());
    }

    private TelegramChat Group(long chatId) => _groups.Group(chatId);

    private Task<string> IssueLinkAsync(string ngoId) => _groups.IssueLinkAsync(ngoId);

    private Task<TelegramChat> LinkedGroupAsync(string ngoId, long chatId) => _groups.LinkedGroupAsync(ngoId, chatId);
}
