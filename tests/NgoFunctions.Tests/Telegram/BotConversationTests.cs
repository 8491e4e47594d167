using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telegram;

/// <summary>The citizens' bot end to end: real update JSON to the webhook, LocalHost on Azurite, the
/// real Telegram.Bot client answering through the fake Bot API server.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotConversationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("damascus-clinic", ["health"], ["SY0100"]);
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task WholeArabicConversation_StartToTrackingCode_ThenRoutedAndStatusShowsNgo()
    {
        var chat = new TelegramChat(_system, 900001);

        await chat.SayAsync("/start");
        var welcome = await chat.NextMessageAsync();
        Assert.StartsWith("أهلاً بك!", welcome.Text);
        await chat.PressAsync(welcome.Buttons["العربية"]);
        Assert.Equal("سنتحدث بالعربية. يمكنك تغيير اللغة في أي وقت بإرسال /language.", (await chat.NextMessageAsync()).Text);
        var sectors = await chat.NextMessageAsync();
        Assert.Equal("ما نوع المساعدة التي تحتاجها؟", sectors.Text);
        await chat.PressAsync(sectors.Buttons["الصحة"]);
        var askGovernorate = await chat.NextMessageAsync();
        Assert.Equal(["location"], askGovernorate.RequestButtons);
        var governorates = await chat.NextMessageAsync();
        Assert.Equal(14, governorates.Buttons.Count);
        await chat.PressAsync(governorates.Buttons["دمشق"]);
        var districts = await chat.NextMessageAsync();
        Assert.Contains("دمشق", districts.Text);
        await chat.PressAsync(districts.Buttons["دمشق"]);
        Assert.StartsWith("صف ما تحتاجه", (await chat.NextMessageAsync()).Text);
        await chat.SayAsync("أحتاج إلى دواء للسكري لوالدتي المسنة 🙏\u200F");
        var askPhone = await chat.NextMessageAsync();
        Assert.Equal(["contact", "تخطٍّ"], askPhone.RequestButtons);
        await chat.ShareContactAsync("963944123456", own: true);
        var consent = await chat.NextMessageAsync();
        await chat.PressAsync(consent.Buttons["نعم، أوافق"]);
        var summary = await chat.NextMessageAsync();
        Assert.Contains("الصحة", summary.Text);
        Assert.Contains("+963944123456", summary.Text);
        await chat.PressAsync(summary.Buttons["✅ تأكيد"]);

        // The routing notification races the confirmation (the request is queued before the reply
        // goes out), so each is looked for by its words, not by its place in the chat.
        var confirmed = await chat.MessageContainingAsync("سجّلنا طلبك");

        Assert.StartsWith("سجّلنا طلبك. رمز التتبع: ", confirmed.Text);
        var code = confirmed.Text!.Split("رمز التتبع: ")[1].Split('\n')[0];
        Assert.True(TrackingCode.TryParse(code, out var parsed));
        var stored = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(parsed.Value.Value, Keys.RequestRow);
        Assert.Equal(nameof(RequestChannel.Telegram), stored.Value.Channel);
        Assert.Equal("900001", stored.Value.ChannelAddress);
        Assert.Equal("أحتاج إلى دواء للسكري لوالدتي المسنة 🙏\u200F", stored.Value.Description);
        Assert.Equal("+963944123456", stored.Value.Phone);
        Assert.True(stored.Value.Consent);

        // The routing notification arrives in the chat, then /status shows the NGO.
        var routed = await _system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text?.Contains("أُحيل") == true, TimeSpan.FromSeconds(10));
        Assert.Contains(code, routed.Text);
        await chat.SayAsync("/status");
        var status = await chat.MessageContainingAsync("طلباتك:");
        Assert.Contains($"الطلب {code} — الصحة: أُحيل إلى منظمة (منظمة damascus-clinic)", status.Text);
        Assert.Equal(6, chat.Answers().Count);
    }

    [Fact]
    public async Task SharedLocationInAleppo_PlacesInGovernorateAndNearestDistrict()
    {
        var chat = await StartedInEnglishAsync(900002, "food");

        await chat.NextMessageAsync();
        await chat.ShareLocationAsync(36.2021, 37.1343);
        var located = await chat.NextMessageAsync();

        Assert.Equal("Your location: Jebel Saman, Aleppo.", located.Text);
        Assert.StartsWith("Describe what you need", (await chat.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task SharedLocationOutsideSyria_PoliteReAsk()
    {
        var chat = await StartedInEnglishAsync(900003, "food");

        await chat.NextMessageAsync();
        await chat.ShareLocationAsync(48.8566, 2.3522);

        Assert.StartsWith("This location seems to be outside Syria.", (await chat.NextMessageAsync()).Text);
        var state = await _system.App.Services.GetRequiredService<ConversationStore>().GetAsync(900003, CancellationToken.None);
        Assert.Equal(nameof(ConversationStep.Governorate), state.Step);
    }

    [Fact]
    public async Task DuplicatedUpdateId_HandledOnce()
    {
        var chat = new TelegramChat(_system, 900004);
        var start = chat.NewUpdate(m => m.Text = "/help");

        await chat.PostAsync(start);
        await chat.PostAsync(start);
        await chat.PostAsync(start);
        await chat.NextMessageAsync();
        await chat.SayAsync("/help");
        await chat.NextMessageAsync();

        Assert.Equal(2, chat.Messages().Count);
    }

    [Fact]
    public async Task WrongOrMissingSecret_401AndNothingQueued()
    {
        var chat = new TelegramChat(_system, 900005);
        var body = System.Text.Json.JsonSerializer.Serialize(chat.NewUpdate(m => m.Text = "/start"), global::Telegram.Bot.JsonBotAPI.Options);

        var wrong = await chat.PostRawAsync(body, "not-the-secret");
        var missing = await chat.PostRawAsync(body, secret: null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, _system.Names.TelegramUpdatesQueue);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(chat.Messages());
    }

    [Fact]
    public async Task UnresolvedKeyVaultReferenceAsTheSecret_IsNoSecret_EvenPresentedVerbatim()
    {
        // Until the secret exists in Key Vault, Azure hands the app the reference's own text.
        const string reference = "@Microsoft.KeyVault(SecretUri=https://kv-ngo.vault.azure.net/secrets/telegram-webhook-secret)";
        await using var unresolved = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Telegram:WebhookSecret"] = reference });
        var chat = new TelegramChat(unresolved, 900006);
        var body = System.Text.Json.JsonSerializer.Serialize(chat.NewUpdate(m => m.Text = "/start"), global::Telegram.Bot.JsonBotAPI.Options);

        var presented = await chat.PostRawAsync(body, reference);

        Assert.Equal(HttpStatusCode.Unauthorized, presented.StatusCode);
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, unresolved.Names.TelegramUpdatesQueue);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(chat.Messages());
    }

    [Fact]
    public async Task RealSampleUpdate_StartAnsweredInItsChat()
    {
        var chat = new TelegramChat(_system, 5550001001);
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TelegramSamples", "message_start_command_private.json"));

        Assert.Equal(HttpStatusCode.OK, (await chat.PostRawAsync(sample, TestSystem.WebhookSecret)).StatusCode);

        Assert.StartsWith("أهلاً بك!", (await chat.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task UnreadableOrUnusedUpdates_AcknowledgedAndDropped()
    {
        var chat = new TelegramChat(_system, 900006);

        Assert.Equal(HttpStatusCode.OK, (await chat.PostRawAsync("this is not json", TestSystem.WebhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostRawAsync("""{"no_update_id":1}""", TestSystem.WebhookSecret)).StatusCode);
        // Half a surrogate pair parses but could never be queued: dropped, not a 500 that Telegram repeats.
        Assert.Equal(HttpStatusCode.OK, (await chat.PostRawAsync("""{"update_id":78,"message":{"message_id":2,"date":1733400000,"chat":{"id":900006,"type":"private"},"text":"\ud800"}}""", TestSystem.WebhookSecret)).StatusCode);
        // 40 KB as Telegram sends it (UTF-8), but 120 KB once re-serialised for the queue (\uXXXX escapes),
        // past the queue's 64 KiB: dropped at the webhook, not a 500 that Telegram repeats.
        var swollen = $$$"""{"update_id":79,"message":{"message_id":3,"date":1733400000,"chat":{"id":900006,"type":"private"},"text":"{{{new string('ع', 20_000)}}}"}}""";
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(swollen), 40_000, 48 * 1024);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostRawAsync(swollen, TestSystem.WebhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostRawAsync("""{"update_id":77,"poll":{"id":"p","question":"?","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}""", TestSystem.WebhookSecret)).StatusCode);
        await chat.SayAsync("/help");

        Assert.StartsWith("أرسل /start", (await chat.NextMessageAsync()).Text);
        Assert.Single(chat.Messages());
    }

    [Fact]
    public async Task PhotoWhereTextExpected_HelpfulReplyAndQuestionAgain()
    {
        var chat = await StartedInEnglishAsync(900007, "food");
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Aleppo"]);
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Skip"]);
        await chat.NextMessageAsync();

        await chat.SendPhotoAsync();

        Assert.Equal("I can't read this kind of message here. Please write a text message.", (await chat.NextMessageAsync()).Text);
        Assert.StartsWith("Describe what you need", (await chat.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task EditedMessage_ToldEditsAreNotRead()
    {
        var chat = new TelegramChat(_system, 900013);

        await chat.EditAsync("أحتاج إلى مساعدة");

        Assert.Equal("لا أقرأ الرسائل المعدّلة. أرسل رسالة جديدة من فضلك.", (await chat.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task DescriptionTooShort_LimitsToldAndStepKept()
    {
        var chat = await StartedInEnglishAsync(900008, "food");
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Aleppo"]);
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Skip"]);
        await chat.NextMessageAsync();

        await chat.SayAsync("خبز");

        Assert.Equal("Write a description of 10 to 2000 characters.", (await chat.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task LongestDescriptionInUtf16Units_SummaryStillOneTelegramMessage_OneUnitMoreRefused()
    {
        var chat = await StartedInEnglishAsync(900014, "food");
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Aleppo"]);
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Skip"]);
        await chat.NextMessageAsync();

        // 182 emoji: a reader counts 182, Telegram 2,002 units. Then exactly 2,000 units, Arabic and emoji.
        await chat.SayAsync(string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 182)));
        Assert.Equal("Write a description of 10 to 2000 characters.", (await chat.NextMessageAsync()).Text);
        var longest = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 100)) + new string('ع', 900);
        Assert.Equal(2000, longest.Length);
        await chat.SayAsync(longest);
        var askPhone = await chat.NextMessageAsync();
        await chat.ShareContactAsync("963944123456", own: true);
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Yes, I agree"]);

        var summary = await chat.NextMessageAsync();
        Assert.Contains(longest, summary.Text);
        Assert.InRange(summary.Text!.Length, 2000, FakeBotApi.MaxMessageLength);
        Assert.NotEmpty(askPhone.RequestButtons);
    }

    [Fact]
    public async Task DescriptionWithABidiOverride_ToldToTypeItAgain_StepKept()
    {
        var chat = await StartedInEnglishAsync(900015, "food");
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Aleppo"]);
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["Skip"]);
        await chat.NextMessageAsync();

        await chat.SayAsync("نحتاج سلة غذائية، اتصلوا على \u202E654321449 0963\u202C");
        Assert.Equal("The text contains hidden control characters. Please type it yourself rather than pasting it from elsewhere.", (await chat.NextMessageAsync()).Text);
        await chat.SayAsync("نحتاج سلة غذائية لعائلة من ستة أشخاص");

        Assert.NotEmpty((await chat.NextMessageAsync()).RequestButtons);
    }

    [Fact]
    public async Task DoubleTappedButton_DoesNothingTwice()
    {
        var chat = await StartedInEnglishAsync(900009, sector: null);
        var sectors = await chat.NextMessageAsync();

        await chat.PressAsync(sectors.Buttons["Food"]);
        await chat.PressAsync(sectors.Buttons["Food"]);
        await chat.NextMessageAsync();
        await chat.NextMessageAsync();
        await chat.SayAsync("/help");
        await chat.MessageContainingAsync("Send /start");

        Assert.Single(chat.Messages(), m => m.Text?.StartsWith("Which governorate", StringComparison.Ordinal) == true);
        Assert.Contains(chat.Answers(), a => a.Text == "This button is no longer active.");
    }

    [Fact]
    public async Task GroupChatCommand_ToldToUseAPrivateChat()
    {
        var chat = new TelegramChat(_system, -1001234567890);
        var update = chat.NewUpdate(m =>
        {
            m.Chat = new global::Telegram.Bot.Types.Chat { Id = -1001234567890, Type = global::Telegram.Bot.Types.Enums.ChatType.Supergroup, Title = "جمعية" };
            m.Text = "/start@ngo_help_bot";
        });

        await chat.PostAsync(update);

        var reply = await chat.NextMessageAsync();
        Assert.Equal("لطلب المساعدة تحدّث معي في محادثة خاصة، لا في مجموعة.\nTo ask for help, talk to me in a private chat, not in a group.", reply.Text);
    }

    [Fact]
    public async Task BotBlocked_403MarksChatUnreachableAndNotificationsSkip()
    {
        var chat = new TelegramChat(_system, 900010);
        _system.Bot.BlockedChats[900010] = true;

        await chat.SayAsync("/start");
        await _system.Bot.WaitForAsync(c => c.ChatId == 900010, TimeSpan.FromSeconds(10));
        var store = _system.App.Services.GetRequiredService<ConversationStore>();
        await Eventually.HoldsAsync(() => store.IsUnreachableAsync(900010, CancellationToken.None), TimeSpan.FromSeconds(10), "the blocked chat marked unreachable");
    }

    [Fact]
    public async Task RateLimited429_ReplySentLaterOnceWithoutHoldingTheQueue()
    {
        var chat = new TelegramChat(_system, 900011);
        _system.Bot.RateLimitOnce[900011] = 1;

        await chat.SayAsync("/help");

        // The first try is refused with 429 (retry_after 1 s); the same reply comes again, once.
        await _system.Bot.WaitForAsync(_ => chat.Messages().Count == 2, TimeSpan.FromSeconds(10));
        // The retry travels as a delayed message on the updates queue: once that queue is empty, nothing
        // more is on its way.
        await new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, _system.Names.TelegramUpdatesQueue).UntilEmptyAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, chat.Messages().Count);
        Assert.All(chat.Messages(), m => Assert.StartsWith("أرسل /start", m.Text));
    }

    [Fact]
    public async Task DailyLimit_PoliteRefusalAndNoRequest()
    {
        await using var limited = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Telegram:MaxNewRequestsPerDay"] = "1" });
        await limited.PutNgoAsync("aleppo-food", ["food"], ["SY02"]);
        var chat = new TelegramChat(limited, 900012, "en");

        await chat.RequestFoodInAleppoAsync();
        await chat.MessageContainingAsync("Tracking code");
        await chat.RequestFoodInAleppoAsync();

        Assert.Equal("You have reached today's limit of new requests (1). Please try again tomorrow.", (await chat.MessageContainingAsync("limit")).Text);
        var rows = 0;
        await foreach (var _ in limited.Requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}")))
        {
            rows++;
        }

        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task LanguageCommand_MidDraft_SwitchesAndAsksTheSameQuestionAgain()
    {
        var chat = await StartedInEnglishAsync(900014, "health");
        await chat.NextMessageAsync();

        await chat.SayAsync("/language");
        await chat.PressAsync((await chat.MessageContainingAsync("أهلاً بك!")).Buttons["العربية"]);

        Assert.StartsWith("سنتحدث بالعربية.", (await chat.NextMessageAsync()).Text);
        Assert.StartsWith("في أي محافظة أنت؟", (await chat.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task UpdateIdsDoNotGrow_AnOlderIdIsStillHandledOnce()
    {
        // Telegram restarts update ids after a quiet week: a smaller id is a new update, not a repeat.
        var chat = new TelegramChat(_system, 900015);
        var later = chat.NewUpdate(m => m.Text = "/help");
        later.Id = 500_000;
        var earlier = chat.NewUpdate(m => m.Text = "/help");
        earlier.Id = 7;

        await chat.PostAsync(later);
        await chat.NextMessageAsync();
        await chat.PostAsync(earlier);
        await chat.NextMessageAsync();
        await chat.PostAsync(earlier);
        await chat.SayAsync("/status");
        await chat.MessageContainingAsync("ليست لديك طلبات");

        Assert.Equal(3, chat.Messages().Count);
    }

    [Fact]
    public async Task BlockedThenUnblocked_MyChatMemberUpdatesTrackReachability()
    {
        var chat = new TelegramChat(_system, 900016);
        var store = _system.App.Services.GetRequiredService<ConversationStore>();

        await chat.PostAsync(MemberUpdate(chat, blocked: true));
        await Eventually.HoldsAsync(() => store.IsUnreachableAsync(900016, CancellationToken.None), TimeSpan.FromSeconds(10), "the chat marked unreachable once blocked");
        await chat.PostAsync(MemberUpdate(chat, blocked: false));
        await Eventually.HoldsAsync(async () => !await store.IsUnreachableAsync(900016, CancellationToken.None), TimeSpan.FromSeconds(10), "the chat reachable again once unblocked");

        Assert.False(await store.IsUnreachableAsync(900016, CancellationToken.None));
        Assert.Empty(chat.Messages());
    }

    [Fact]
    public async Task OpenRequestLimit_PoliteRefusal()
    {
        await using var limited = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Telegram:MaxOpenRequestsPerChat"] = "1" });
        var chat = new TelegramChat(limited, 900017, "en");

        await chat.RequestFoodInAleppoAsync();
        await chat.MessageContainingAsync("Tracking code");
        await chat.RequestFoodInAleppoAsync();

        Assert.Equal(
            "You have reached the limit of open requests (1). We'll tell you when one is met; then you can send a new one.",
            (await chat.MessageContainingAsync("limit of open requests")).Text);
    }

    private static global::Telegram.Bot.Types.Update MemberUpdate(TelegramChat chat, bool blocked)
    {
        var update = chat.NewUpdate(_ => { });
        return new global::Telegram.Bot.Types.Update
        {
            Id = update.Id,
            MyChatMember = new global::Telegram.Bot.Types.ChatMemberUpdated
            {
                Chat = update.Message!.Chat,
                From = chat.User,
                Date = DateTime.UtcNow,
                OldChatMember = blocked
                    ? new global::Telegram.Bot.Types.ChatMemberMember { User = new() { Id = 1, IsBot = true, FirstName = "bot" } }
                    : new global::Telegram.Bot.Types.ChatMemberBanned { User = new() { Id = 1, IsBot = true, FirstName = "bot" } },
                NewChatMember = blocked
                    ? new global::Telegram.Bot.Types.ChatMemberBanned { User = new() { Id = 1, IsBot = true, FirstName = "bot" } }
                    : new global::Telegram.Bot.Types.ChatMemberMember { User = new() { Id = 1, IsBot = true, FirstName = "bot" } },
            },
        };
    }

    [Fact]
    public async Task SetWebhookScript_RegistersUrlSecretAndUpdateKinds()
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "set-telegram-webhook.sh");
        var start = new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TELEGRAM_BOT_TOKEN"] = TestSystem.BotToken;
        start.Environment["TELEGRAM_WEBHOOK_SECRET"] = "s3cret_Value-1";
        start.Environment["PUBLIC_URL"] = "https://ngo.example.org/";
        start.Environment["TELEGRAM_API"] = _system.Bot.BaseUrl;

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output);
        var call = Assert.Single(_system.Bot.Calls, c => c.Method == "setWebhook");
        Assert.Equal("https://ngo.example.org/api/telegram/webhook", call.Parameters["url"]!.ToString());
        Assert.Equal("s3cret_Value-1", call.Parameters["secret_token"]!.ToString());
        Assert.Equal("""["message","edited_message","callback_query","my_chat_member"]""", call.Parameters["allowed_updates"]!.ToString());
    }

    // /start, English, optionally a sector; leaves the chat at the next question.
    private async Task<TelegramChat> StartedInEnglishAsync(long chatId, string? sector)
    {
        var chat = new TelegramChat(_system, chatId, "en");
        await chat.SayAsync("/start");
        await chat.PressAsync((await chat.NextMessageAsync()).Buttons["English"]);
        await chat.NextMessageAsync();
        if (sector is not null)
        {
            var sectors = await chat.NextMessageAsync();
            await chat.PressAsync(sectors.Buttons.Single(b => b.Value == "s:" + sector).Value);
            await chat.NextMessageAsync();
        }

        return chat;
    }
}
