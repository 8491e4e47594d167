using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Registers NGO webhooks: registrations, the events they are told of and their delivery.</summary>
public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Adds the webhook services, with their options (section <c>Webhooks</c>) validated at start.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookUrlRule>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<NgoWebhooks>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<Requests.IRequestChangeObserver>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<WebhookPayload>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<ParkedWebhookDeliveries>();
        services.AddWebhookHttpClient();
        return services;
    }
}
