using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Groups;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Telegram;

/// <summary>Who an NGO's Telegram group trusts, end to end through the webhook, the queues and the fake
/// Bot API: one group per NGO (a new link replaces the old, the admin can unlink), a link code spent
/// once, only the group's administrators act, and a deactivated NGO's group does nothing.</summary>
[Trait("Category", "Integration")]
[Collection(StorageCollection.Name)]
public sealed class NgoGroupTrustTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Unlinked = "أُلغي ربط هذه المجموعة بـمنظمة homs-clinic";
    private const string NotLinked = "هذه المجموعة غير مرتبطة بمنظمة.";

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
    public async Task LinkingANewGroup_ReplacesTheOld_WhichIsToldAndCanNoLongerAct()
    {
        var old = await _groups.LinkedGroupAsync("homs-clinic", -200101);
        var first = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var firstPost = await old.MessageContainingAsync("حالة جديدة");

        var replacing = await _groups.LinkedGroupAsync("homs-clinic", -200102);

        var told = await old.MessageContainingAsync(Unlinked);
        Assert.Contains("This group is no longer linked to NGO homs-clinic", told.Text);
        await old.PressAsync(firstPost.Buttons["✅ قبول"]);
        await _groups.AnswerAsync(NotLinked);
        Assert.Equal("Routed", (await _driver.RequestAsync(first)).Status);

        // New cases go to the new group only, and its administrator acts on them.
        var second = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await replacing.MessageContainingAsync("حالة جديدة");
        Assert.DoesNotContain(old.Messages(), m => m.Text?.Contains("حالة جديدة", StringComparison.Ordinal) == true && m != firstPost);
        await replacing.PressAsync(posted.Buttons["✅ قبول"]);
        await replacing.MessageContainingAsync("قبلتم الحالة");
        Assert.Equal("Accepted", (await _driver.RequestAsync(second)).Status);
    }

    [Fact]
    public async Task UnlinkEndpoint_TheGroupNoLongerActsNorReceives_204EveryTime()
    {
        var group = await _groups.LinkedGroupAsync("homs-clinic", -200201);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await group.MessageContainingAsync("حالة جديدة");

        var unlinked = await _system.Http.DeleteAsync("registry/ngos/homs-clinic/telegram-group");
        var again = await _system.Http.DeleteAsync("registry/ngos/homs-clinic/telegram-group");

        Assert.Equal(HttpStatusCode.NoContent, unlinked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await group.MessageContainingAsync(Unlinked);
        await group.PressAsync(posted.Buttons["✅ قبول"]);
        await _groups.AnswerAsync(NotLinked);
        Assert.Equal("Routed", (await _driver.RequestAsync(code)).Status);
        var links = _system.App.Services.GetRequiredService<NgoGroupLinks>();
        Assert.Null(await links.GroupOfNgoAsync("homs-clinic", CancellationToken.None));
        Assert.False(await links.IsLinkedAsync("homs-clinic", CancellationToken.None));
        Assert.Single(group.Messages(), m => m.Text?.StartsWith(Unlinked, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task UnlinkEndpoint_NoAdminKey401_UnknownNgo404_BothProblems()
    {
        using var anonymous = _driver.Client(null);
        using var ngoKey = _driver.Client(await _driver.IssueKeyAsync("homs-clinic"));

        var responses = new[]
        {
            (HttpStatusCode.Unauthorized, await anonymous.DeleteAsync("registry/ngos/homs-clinic/telegram-group")),
            (HttpStatusCode.Unauthorized, await ngoKey.DeleteAsync("registry/ngos/homs-clinic/telegram-group")),
            (HttpStatusCode.NotFound, await _system.Http.DeleteAsync("registry/ngos/nobody/telegram-group")),
        };

        foreach (var (expected, response) in responses)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task SameCodeFromTwoGroupsAtOnce_ExactlyOneIsLinked()
    {
        var code = await _groups.IssueLinkAsync("homs-clinic");
        var one = _groups.Group(-200301);
        var other = _groups.Group(-200302);

        await Task.WhenAll(one.SayAsync($"/link {code}"), other.SayAsync($"/link {code}"));
        var answers = new[] { (await one.NextMessageAsync()).Text!, (await other.NextMessageAsync()).Text! };

        Assert.Single(answers, a => a.StartsWith("رُبطت", StringComparison.Ordinal));
        Assert.Single(answers, a => a.StartsWith("رمز الربط غير صحيح", StringComparison.Ordinal));
        var winner = answers[0].StartsWith("رُبطت", StringComparison.Ordinal) ? one.ChatId : other.ChatId;
        var links = _system.App.Services.GetRequiredService<NgoGroupLinks>();
        Assert.Equal(winner, await links.GroupOfNgoAsync("homs-clinic", CancellationToken.None));
        Assert.Equal("homs-clinic", await links.NgoOfGroupAsync(winner, CancellationToken.None));
        Assert.Null(await links.NgoOfGroupAsync(winner == one.ChatId ? other.ChatId : one.ChatId, CancellationToken.None));
    }

    [Fact]
    public async Task MemberWhoIsNotAnAdministrator_RefusedInTheirLanguage_NothingChanges()
    {
        var group = await _groups.LinkedGroupAsync("homs-clinic", -200401);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await group.MessageContainingAsync("حالة جديدة");
        var arabicMember = _groups.Group(group.ChatId, member: 7002);
        var englishMember = _groups.Group(group.ChatId, member: 7003, language: "en-GB");

        await arabicMember.PressAsync(posted.Buttons["✅ قبول"]);
        await _groups.AnswerAsync("العمل على الحالات متاح لمشرفي المجموعة فقط.");
        await englishMember.PressAsync(posted.Buttons["✖️ اعتذار"]);
        await _groups.AnswerAsync("Only the group's administrators can act on cases.");
        await arabicMember.PressAsync("n:d0:" + code);
        await Eventually.HoldsAsync(
            () => _system.Bot.Calls.Count(c => c.Method == "answerCallbackQuery" && c.Text == "العمل على الحالات متاح لمشرفي المجموعة فقط.") == 2,
            TimeSpan.FromSeconds(10), "the second refusal");

        Assert.Equal("Routed", (await _driver.RequestAsync(code)).Status);
        Assert.Equal(2, (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count);
        Assert.DoesNotContain(group.Messages(), m => m.Text?.Contains("لماذا تعتذرون", StringComparison.Ordinal) == true);
        // The member's role was asked once and then kept (Telegram:GroupAdminCacheSeconds).
        Assert.Single(_system.Bot.Calls, c => c.Method == "getChatMember" && c.Parameters["user_id"]?.ToString() == "7002");

        await group.PressAsync(posted.Buttons["✅ قبول"]);
        await group.MessageContainingAsync("قبلتم الحالة");
        Assert.Equal("Accepted", (await _driver.RequestAsync(code)).Status);
    }

    [Fact]
    public async Task BotApiCannotSayWhoAdministers_PressRefusedPolitely_NothingChanges()
    {
        var group = await _groups.LinkedGroupAsync("homs-clinic", -200501);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await group.MessageContainingAsync("حالة جديدة");
        _system.Bot.FailingMethods["getChatMember"] = true;

        await group.PressAsync(posted.Buttons["✅ قبول"]);

        await _groups.AnswerAsync("تعذّر علينا التحقق من صلاحياتك الآن، فلم يُنفَّذ شيء. حاول مجدداً بعد قليل.");
        Assert.Equal("Routed", (await _driver.RequestAsync(code)).Status);
        Assert.Equal(2, (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count);

        // A failure is not kept: once the Bot API answers, the administrator acts.
        _system.Bot.FailingMethods.Clear();
        await group.PressAsync(posted.Buttons["✅ قبول"]);
        await group.MessageContainingAsync("قبلتم الحالة");
    }

    [Fact]
    public async Task DeactivatedNgo_GroupPressRefused_NoPosts()
    {
        var group = await _groups.LinkedGroupAsync("homs-clinic", -200601);
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var posted = await group.MessageContainingAsync("حالة جديدة");

        await _system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"], active: false);
        await group.PressAsync(posted.Buttons["✅ قبول"]);
        await _groups.AnswerAsync("حساب منظمتكم موقوف حالياً، فلا يمكن العمل على الحالات من هنا. تواصلوا مع إدارة المنصة.");
        Assert.Equal("Routed", (await _driver.RequestAsync(code)).Status);

        // The citizen cancels: an active NGO's group is told (NgoGroupTests), a deactivated one's is not.
        var cancellation = _system.App.Services.GetRequiredService<RequestCancellation>();
        Assert.Equal(CancellationOutcome.Cancelled, await cancellation.CancelAsync(code, CancellationToken.None));
        var notifications = new QueueClient(azurite.ConnectionString, _system.Names.NotificationsQueue);
        await notifications.UntilEmptyAsync(TimeSpan.FromSeconds(20));

        Assert.DoesNotContain(group.Messages(), m => m.Text?.Contains("ألغى صاحب الطلب", StringComparison.Ordinal) == true);
        Assert.Equal(1, group.Messages().Count(m => m.Text?.Contains("حالة جديدة", StringComparison.Ordinal) == true));
    }
}
