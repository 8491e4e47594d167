using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Telegram;

/// <summary><c>/forget</c> in a private chat: a plain explanation with Erase / Keep; Erase takes the
/// personal data out of every request the chat made and out of the conversation (draft and replies not
/// sent yet), keeping the language; Keep changes nothing; a repeated or second tap does it once.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotForgetTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string HealthNeed = "أحتاج إلى دواء للسكري لوالدتي المسنة";
    private const string FoodNeed = "نحتاج إلى سلة غذائية لأسرة من ستة أشخاص";
    private const string DraftNeed = "نحتاج إلى بطانيات ومدفأة قبل الشتاء";
    private const string SharedPhone = "963944123456";
    private const string TypedPhone = "0933765432";

    // Everything the citizen wrote or shared, in every form it is stored or shown.
    private static readonly string[] Personal =
        [HealthNeed, FoodNeed, DraftNeed, SharedPhone, "+963944123456", TypedPhone, "933765432"];

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _clinic = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _clinic = await _driver.NgoAsync("damascus-clinic", ["health"], ["SY0100"]);
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"]);
    }

    public async Task DisposeAsync()
    {
        _clinic.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Forget_ArabicChatWithAcceptedAndRoutedRequestsAndADraft_KeepChangesNothing_EraseLeavesNoPersonalDataOnce()
    {
        var chat = new TelegramChat(_system, 950001);
        var accepted = await RequestHealthInDamascusAsync(chat);
        var routed = await RequestFoodInAleppoAsync(chat);
        await _driver.RoutedToAsync(accepted, "damascus-clinic");
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_clinic, accepted, "accept")).StatusCode);
        await _driver.RoutedToAsync(routed, "aleppo-food");
        await DraftUpToPhoneAsync(chat);

        // The explanation, then Keep: nothing erased, back to the draft where it was.
        await chat.SayAsync("/forget");
        var ask = await chat.MessageContainingAsync("حذف بياناتك الشخصية");
        Assert.Contains("لن تستطيع المنظمات التواصل معك", ask.Text);
        Assert.Contains("تبقى طلباتك المفتوحة قائمة، لكن دون بيانات التواصل", ask.Text);
        Assert.Contains("لا يمكن التراجع عن الحذف", ask.Text);
        Assert.Equal(["🗑️ نعم، احذف بياناتي", "↩️ لا، أبقِها"], ask.Buttons.Keys);
        await chat.PressAsync(ask.Buttons["↩️ لا، أبقِها"]);
        Assert.Equal("لم نحذف شيئاً، وتبقى طلباتك كما هي.", (await chat.MessageContainingAsync("لم نحذف")).Text);
        await chat.MessageContainingAsync("هل تشاركنا رقم هاتفك");
        Assert.Equal((HealthNeed, "+963944123456"), await DescriptionAndPhoneAsync(accepted));
        Assert.Equal((FoodNeed, "+963933765432"), await DescriptionAndPhoneAsync(routed));
        Assert.Equal(DraftNeed, (await StateAsync(chat)).Description);
        Assert.Empty(await ErasedEventsAsync(accepted));

        // Erase, its confirmation delivered three times at once and tapped a second time.
        await chat.SayAsync("/forget");
        var again = await chat.MessageContainingAsync("حذف بياناتك الشخصية");
        var erase = chat.NewPress(again.Buttons["🗑️ نعم، احذف بياناتي"]);
        var secondTap = chat.NewPress(again.Buttons["🗑️ نعم، احذف بياناتي"]);
        await Task.WhenAll(chat.PostAsync(erase), chat.PostAsync(erase), chat.PostAsync(erase), chat.PostAsync(secondTap));

        var done = await chat.MessageContainingAsync("حذفنا بياناتك الشخصية");
        Assert.Contains("لن تتمكن المنظمات من التواصل معك", done.Text);
        await WaitUntilHandledAsync();
        Assert.Single(chat.Messages(), m => m.Text?.StartsWith("حذفنا بياناتك الشخصية", StringComparison.Ordinal) == true);
        var answers = chat.Answers().Where(a => a.Parameters["callback_query_id"]?.ToString() is { } id
            && (id == erase.CallbackQuery!.Id || id == secondTap.CallbackQuery!.Id)).ToList();
        Assert.Equal(2, answers.Count);
        Assert.Single(answers, a => a.Text == "هذا الزر لم يعد فعّالاً.");

        foreach (var code in new[] { accepted, routed })
        {
            var request = await _driver.RequestAsync(code);
            Assert.Equal((string.Empty, null, null), (request.Description, request.Phone, request.ChannelAddress));
            Assert.NotNull(request.PersonalDataErasedAt);
            await AssertNothingPersonalAsync(TableClient.CreateQueryFilter($"PartitionKey eq {code}"), _system.Requests);
        }

        Assert.Equal("damascus-clinic", Assert.Single(await ErasedEventsAsync(accepted)).NgoId);
        Assert.Null(Assert.Single(await ErasedEventsAsync(routed)).NgoId);
        var view = (await _clinic.GetFromJsonAsync<JsonObject>($"ngo/requests/{accepted}"))!;
        Assert.Equal((nameof(RequestStatus.Accepted), "erased"), (view["status"]!.ToString(), view["citizenWithheld"]!.ToString()));

        // The conversation keeps only its language and the updates it handled.
        var rows = await AssertNothingPersonalAsync(TableClient.CreateQueryFilter($"PartitionKey eq {chat.ChatId.ToString()}"), _system.Conversations);
        Assert.Equal([ConversationStore.StateRow], rows);
        var state = await StateAsync(chat);
        Assert.Equal(("ar", nameof(ConversationStep.Idle), null, null, null, null), (state.Language, state.Step, state.Sector, state.Governorate, state.Outbox, state.PendingTrackingCode));
        Assert.Contains(erase.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), state.HandledUpdates.Split(','));

        await chat.SayAsync("/status");
        Assert.Equal("ليست لديك طلبات بعد. أرسل /start لطلب مساعدة.", (await chat.MessageContainingAsync("ليست لديك طلبات")).Text);
    }

    [Fact]
    public async Task Forget_English_TextsAndHelp_KeepThenErase()
    {
        var chat = new TelegramChat(_system, 950002, "en");
        var code = Canonical(await chat.RequestFoodInAleppoWithCodeAsync());
        await _driver.RoutedToAsync(code, "aleppo-food");

        await chat.SayAsync("/help");
        Assert.Contains("/forget to erase your personal data", (await chat.MessageContainingAsync("Send /start")).Text);
        await chat.SayAsync("/forget");
        var ask = await chat.MessageContainingAsync("Erase your personal data");
        Assert.StartsWith("🗑️ Erase your personal data\n\nWe will erase your phone number and the description", ask.Text);
        Assert.Contains("NGOs will no longer be able to contact you about these requests.", ask.Text);
        Assert.Contains("Your open requests stay open, but without your contact details", ask.Text);
        Assert.Contains("This cannot be undone.", ask.Text);
        Assert.Equal(["🗑️ Yes, erase my data", "↩️ No, keep it"], ask.Buttons.Keys);
        await chat.PressAsync(ask.Buttons["↩️ No, keep it"]);
        Assert.Equal("Nothing was erased; your requests stay as they are.", (await chat.MessageContainingAsync("Nothing was erased")).Text);
        Assert.Equal("We need a food basket for six people", (await _driver.RequestAsync(code)).Description);

        await chat.SayAsync("/forget");
        await chat.PressAsync((await chat.MessageContainingAsync("Erase your personal data")).Buttons["🗑️ Yes, erase my data"]);

        Assert.Equal(
            "Your personal data is erased. NGOs can no longer contact you about your earlier requests, and we won't message you about them here. Send /start whenever you need help.",
            (await chat.MessageContainingAsync("Your personal data is erased")).Text);
        Assert.Equal(string.Empty, (await _driver.RequestAsync(code)).Description);
        Assert.Single(await ErasedEventsAsync(code));
        Assert.Equal("en", (await StateAsync(chat)).Language);
        await chat.SayAsync("/status");
        await chat.MessageContainingAsync("You have no requests yet.");
    }

    [Fact]
    public async Task Forget_ReplyQuotingTheDraftStillWaitingToBeSent_DroppedNeverSent()
    {
        var chat = new TelegramChat(_system, 950003, "en") { Patience = TimeSpan.FromSeconds(40) };
        await chat.DraftFoodInAleppoAsync();

        // The Bot API takes no message for a while: the summary shown again after /language waits in
        // the outbox, quoting the description.
        _system.Bot.FailingMethods["sendMessage"] = true;
        await HandledAsync(chat, await chat.SayAsync("/language"));
        await HandledAsync(chat, await chat.PressAsync("l:en"));
        Assert.Contains("We need a food basket for six people", (await StateAsync(chat)).Outbox);
        await HandledAsync(chat, await chat.SayAsync("/forget"));
        await HandledAsync(chat, await chat.PressAsync("f:yes"));

        var state = await StateAsync(chat);
        Assert.DoesNotContain("We need a food basket for six people", state.Outbox);
        Assert.Contains("Your personal data is erased.", state.Outbox);
        Assert.Null(state.Description);

        _system.Bot.FailingMethods.TryRemove("sendMessage", out _);
        await chat.MessageContainingAsync("Your personal data is erased.");

        // Only the summary sent before the outage ever quoted it; the question waiting with it went too.
        Assert.Single(chat.Messages(), m => m.Text?.Contains("We need a food basket for six people", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(chat.Messages(), m => m.Text?.Contains("Erase your personal data", StringComparison.Ordinal) == true);
    }

    // Through the whole conversation in Arabic: health in Damascus, the phone shared with the button.
    private static async Task<string> RequestHealthInDamascusAsync(TelegramChat chat)
    {
        await StartInArabicAsync(chat);
        await chat.PressAsync((await chat.MessageContainingAsync("ما نوع المساعدة")).Buttons["الصحة"]);
        await chat.PressAsync((await chat.MessageContainingAsync("🗺️")).Buttons["دمشق"]);
        await chat.PressAsync((await chat.MessageContainingAsync("في أي منطقة")).Buttons["دمشق"]);
        await chat.MessageContainingAsync("صف ما تحتاجه");
        await chat.SayAsync(HealthNeed);
        await chat.MessageContainingAsync("هل تشاركنا رقم هاتفك");
        await chat.ShareContactAsync(SharedPhone, own: true);
        return await ConsentAndConfirmAsync(chat);
    }

    // Food in Aleppo, district skipped, the phone typed.
    private static async Task<string> RequestFoodInAleppoAsync(TelegramChat chat)
    {
        await StartInArabicAsync(chat);
        await chat.PressAsync((await chat.MessageContainingAsync("ما نوع المساعدة")).Buttons["الغذاء"]);
        await chat.PressAsync((await chat.MessageContainingAsync("🗺️")).Buttons["حلب"]);
        await chat.PressAsync((await chat.MessageContainingAsync("في أي منطقة")).Buttons["تخطٍّ"]);
        await chat.MessageContainingAsync("صف ما تحتاجه");
        await chat.SayAsync(FoodNeed);
        await chat.MessageContainingAsync("هل تشاركنا رقم هاتفك");
        await chat.SayAsync(TypedPhone);
        return await ConsentAndConfirmAsync(chat);
    }

    // A third request, left at the phone question with its description written.
    private static async Task DraftUpToPhoneAsync(TelegramChat chat)
    {
        await StartInArabicAsync(chat);
        await chat.PressAsync((await chat.MessageContainingAsync("ما نوع المساعدة")).Buttons["المأوى"]);
        await chat.PressAsync((await chat.MessageContainingAsync("🗺️")).Buttons["حلب"]);
        await chat.PressAsync((await chat.MessageContainingAsync("في أي منطقة")).Buttons["تخطٍّ"]);
        await chat.MessageContainingAsync("صف ما تحتاجه");
        await chat.SayAsync(DraftNeed);
        await chat.MessageContainingAsync("هل تشاركنا رقم هاتفك");
    }

    private static async Task StartInArabicAsync(TelegramChat chat)
    {
        await chat.SayAsync("/start");
        await chat.PressAsync((await chat.MessageContainingAsync("أهلاً بك!")).Buttons["العربية"]);
    }

    private static async Task<string> ConsentAndConfirmAsync(TelegramChat chat)
    {
        await chat.PressAsync((await chat.MessageContainingAsync("هل توافق")).Buttons["نعم، أوافق"]);
        await chat.PressAsync((await chat.MessageContainingAsync("راجع طلبك")).Buttons["✅ تأكيد"]);
        var confirmed = await chat.MessageContainingAsync("سجّلنا طلبك. رمز التتبع: ");
        return Canonical(confirmed.Text!.Split("رمز التتبع: ")[1].Split('\n')[0]);
    }

    private async Task<(string Description, string? Phone)> DescriptionAndPhoneAsync(string code)
    {
        var request = await _driver.RequestAsync(code);
        return (request.Description, request.Phone);
    }

    private async Task<List<RequestEventEntity>> ErasedEventsAsync(string code) =>
        (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Where(e => e.Type == "Erased").ToList();

    private Task<ConversationEntity> StateAsync(TelegramChat chat) =>
        _system.App.Services.GetRequiredService<ConversationStore>().GetAsync(chat.ChatId, CancellationToken.None);

    // No string of any row matched by the filter holds what the citizen wrote or shared; returns the rows' keys.
    private static async Task<List<string>> AssertNothingPersonalAsync(string filter, TableClient table)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            keys.Add(row.RowKey);
            foreach (var (name, value) in row.Where(p => p.Value is string).Select(p => (p.Key, (string)p.Value)))
            {
                Assert.False(Personal.Any(value.Contains), $"{row.PartitionKey}/{row.RowKey}.{name} still holds personal data");
            }
        }

        return keys;
    }

    // The update is handled once the conversation, stored, names it (its replies may wait in the outbox).
    private Task HandledAsync(TelegramChat chat, global::Telegram.Bot.Types.Update update) =>
        Eventually.HoldsAsync(
            async () => (await StateAsync(chat)).HandledUpdates.Split(',').Contains(update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(20),
            $"update {update.Id} handled");

    // Every delivery of the chat's updates handled (a queue message is deleted once its function completed).
    private Task WaitUntilHandledAsync() =>
        new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, _system.Names.TelegramUpdatesQueue).UntilEmptyAsync(TimeSpan.FromSeconds(20));

    private static string Canonical(string display) =>
        TrackingCode.TryParse(display, out var code) ? code.Value.Value : throw new InvalidOperationException(display);
}
