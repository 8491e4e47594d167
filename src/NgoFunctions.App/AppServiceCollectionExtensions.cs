using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;

namespace NgoFunctions.App;

/// <summary>Registers what the function classes need beyond the application services: the HTML pages,
/// the answers to exceptions that escape them and the key check of protected functions.</summary>
public static class AppServiceCollectionExtensions
{
    /// <summary>Adds the HTML pages (form, confirmation, status, erasure of personal data).</summary>
    public static IServiceCollection AddNgoFunctionsPages(this IServiceCollection services) => services
        .AddSingleton<RequestFormPage>()
        .AddSingleton<MiniAppPage>()
        .AddSingleton<ConfirmationPage>()
        .AddSingleton<StatusPage>()
        .AddSingleton<ErasurePage>();

    /// <summary>Adds what every HTTP function shares: <see cref="FailureAnswers"/>, which both hosts call for
    /// an exception that escaped an HTTP function; <see cref="KeyGate"/>, which both run for a function that
    /// requires a key; and <see cref="PublicUrls"/> with its options (section <c>Http</c>, validated at start).</summary>
    public static IServiceCollection AddNgoFunctionsHttp(this IServiceCollection services)
    {
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<FailureAnswers>()
            .AddSingleton<KeyGate>()
            .AddSingleton<PublicUrls>();
    }
}
