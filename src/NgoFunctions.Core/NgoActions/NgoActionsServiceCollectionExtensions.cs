using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.NgoActions;

/// <summary>Registers the NGO side: API keys, case actions, re-routing and the SLA sweep.</summary>
public static class NgoActionsServiceCollectionExtensions
{
    /// <summary>Adds the NGO-side services, with their options (sections <c>Sla</c> and <c>NgoApi</c>)
    /// validated at start.</summary>
    public static IServiceCollection AddNgoActions(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NgoApiOptions>().BindConfiguration(NgoApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<NgoApiKeys>();
        services.AddSingleton<IValidator<NgoCaseCommand>, NgoCaseCommandValidator>();
        services.AddSingleton<RequestFollowUps>();
        services.AddSingleton<NgoCaseBook>();
        services.AddSingleton<AssignmentRerouter>();
        services.AddSingleton<NgoCaseQuery>();
        services.AddSingleton<NgoCaseActions>();
        services.AddSingleton<AssignmentSweeper>();
        return services;
    }
}
