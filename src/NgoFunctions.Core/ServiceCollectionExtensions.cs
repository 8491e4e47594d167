using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Closure;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Health;
using NgoFunctions.Core.Hsds;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Open311;
using NgoFunctions.Core.Partners;
using NgoFunctions.Core.Poison;
using NgoFunctions.Core.Privacy;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Webhooks;

namespace NgoFunctions.Core;

/// <summary>Registers the application services every host uses.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds options (validated at start), storage clients, reference data and the services
    /// of intake, routing, notifications, the registry, its HSDS directory and poison handling. Storage comes from
    /// <c>AzureWebJobsStorage</c> (see <see cref="StorageClientFactory"/>); resolving a storage client
    /// throws <see cref="InvalidOperationException"/> when it is missing.</summary>
    public static IServiceCollection AddNgoFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeLimitOptions>().BindConfiguration(IntakeLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageTransactionCounter>();
        services.AddSingleton(sp => StorageClientFactory.Tables(configuration, sp.GetRequiredService<StorageTransactionCounter>()));
        services.AddSingleton(sp => StorageClientFactory.Queues(configuration, sp.GetRequiredService<StorageTransactionCounter>()));
        services.AddSingleton<StorageTables>();
        services.AddSingleton<QueueSender>();
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<SectorCatalogue>();
        services.AddSingleton<LocationCatalogue>();
        services.AddSingleton<Texts>();
        services.AddSingleton<PhoneNumberNormalizer>();
        services.AddSingleton<IValidator<SubmitServiceRequest>, SubmitServiceRequestValidator>();
        services.AddSingleton<IValidator<NgoRegistration>, NgoRegistrationValidator>();

        services.AddSingleton<ServiceRequestStore>();
        services.AddSingleton<IntakePseudonyms>();
        services.AddSingleton<AddressWindow>();
        services.AddSingleton<PhoneLookup>();
        services.AddSingleton<DuplicateSubmissions>();
        services.AddSingleton<IntakeGuards>();
        services.AddSingleton<ServiceRequestIntake>();
        services.AddSingleton<RequestStatusQuery>();
        services.AddSingleton<RequestCancellation>();
        services.AddSingleton<RequestFeedback>();
        services.AddSingleton<NgoDirectory>();
        services.AddSingleton<NgoRegistry>();
        services.AddSingleton<NgoCaseStore>();
        services.AddSingleton<NgoLoadCache>();
        services.AddSingleton<HsdsMapper>();
        services.AddSingleton<HsdsDirectory>();
        services.AddSingleton<PlaceReservation>();
        services.AddSingleton<RequestRouter>();
        services.AddSingleton<Waitlist>();
        services.AddSingleton<WaitlistFiller>();
        services.AddSingleton<WaitlistSweeper>();
        services.AddSingleton<StaleRequestResubmitter>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<RedeliverySchedule>();
        services.AddTelegramHttpClient();
        services.AddSingleton<TelegramGateway>();
        services.AddSingleton<StatusNotifier>();
        services.AddSingleton<INotificationChannel, TelegramNotificationChannel>();
        services.AddSingleton<StatusChangeDelivery>();
        services.AddSingleton<NotificationChannels>();
        services.AddSingleton<ChatPseudonyms>();
        services.AddSingleton<TelegramUpdateDigest>();
        services.AddSingleton<PoisonMessageHandler>();
        services.AddSingleton<PoisonReplay>();
        services.AddSingleton<AttentionFlag>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<PartnerApiKeys>();
        services.AddSingleton<Open311Catalogue>();
        services.AddSingleton<Open311Intake>();
        services.AddSingleton<Open311RequestQuery>();
        services.AddSingleton<LocationLocator>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services.AddTelegramBot().AddNgoActions().AddClosure().AddMinistry().AddWebhooks();
    }
}
