using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Core.Telegram.Groups;

namespace NgoFunctions.Core.Telegram;

/// <summary>Registers the citizens' Telegram bot.</summary>
public static class TelegramServiceCollectionExtensions
{
    /// <summary>Adds the webhook intake, the update handler and the conversation.</summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services) => services
        .AddSingleton<ConversationStore>()
        .AddSingleton<ChatRequests>()
        .AddSingleton<ChatReceipts>()
        .AddSingleton<ConversationPrompts>()
        .AddSingleton<DraftFlow>()
        .AddSingleton<AfterRequestFlow>()
        .AddSingleton<ForgetFlow>()
        .AddSingleton<ConversationEngine>()
        .AddSingleton<BotReplySender>()
        .AddSingleton<ChatOutbox>()
        .AddSingleton<ChatTurns>()
        .AddSingleton<MiniApp.MiniAppInitData>()
        .AddSingleton<MiniApp.MiniAppIntake>()
        .AddSingleton<TelegramWebhookIntake>()
        .AddSingleton<TelegramUpdateHandler>()
        .AddSingleton<NgoGroupLinks>()
        .AddSingleton<NgoGroupAdmins>()
        .AddSingleton<NgoGroupNotices>()
        .AddSingleton<NgoCasePost>()
        .AddSingleton<NgoGroupDesk>()
        .AddSingleton<NgoGroupPoster>();
}
