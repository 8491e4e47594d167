using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.Ministry;

/// <summary>Registers the ministry's monitoring: the request index and the monitoring queries.</summary>
public static class MinistryServiceCollectionExtensions
{
    /// <summary>Adds the monitoring services with their options (section <c>Ministry</c>) validated at start.</summary>
    public static IServiceCollection AddMinistry(this IServiceCollection services)
    {
        services.AddOptions<MinistryOptions>().BindConfiguration(MinistryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestIndex>();
        services.AddSingleton<MinistryMonitoring>();
        services.AddSingleton<Exports.CoverageCsvExport>();
        services.AddSingleton<NgoPerformance>();
        return services;
    }
}
