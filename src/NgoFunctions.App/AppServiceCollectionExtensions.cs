using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.App.Pages;

namespace NgoFunctions.App;

/// <summary>Registers what the function classes need beyond the application services: the HTML pages.</summary>
public static class AppServiceCollectionExtensions
{
    /// <summary>Adds the HTML pages (form, confirmation, status).</summary>
    public static IServiceCollection AddNgoFunctionsPages(this IServiceCollection services) => services
        .AddSingleton<RequestFormPage>()
        .AddSingleton<ConfirmationPage>()
        .AddSingleton<StatusPage>();
}
