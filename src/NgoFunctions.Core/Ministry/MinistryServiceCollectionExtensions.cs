using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.Ministry;

/// <summary>Registers the ministry's monitoring: the request index (as an observer of
/// committed request writes) and the monitoring queries.</summary>
public static class MinistryServiceCollectionExtensions
{
    /// <summary>Adds the monitoring services with their options (section <c>Ministry</c>) validated at start.</summary>
    public static IServiceCollection AddMinistry(this IServiceCollection services)
    {
        services.AddOptions<MinistryOptions>().BindConfiguration(MinistryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Aggregates.IndexWriteCache>();
        services.AddSingleton<RequestIndex>();
        // The index follows every committed request write; the requests' store only knows the interface.
        services.AddSingleton<Requests.IRequestCommitObserver>(sp => sp.GetRequiredService<RequestIndex>());
        services.AddSingleton<MinistryFilterReader>();
        services.AddSingleton<FluentValidation.IValidator<MinistryFilterCheck>, MinistryFilterValidator>();
        services.AddSingleton<MinistryMonitoring>();
        services.AddSingleton<Exports.CoverageCsvExport>();
        services.AddOptions<Exports.MinistryExportOptions>().BindConfiguration(Exports.MinistryExportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Exports.ExportPseudonyms>();
        services.AddSingleton<Exports.RequestsCsvWriter>();
        services.AddSingleton<Exports.RequestsCsvExport>();
        services.AddSingleton<Exports.StatsCsvExport>();
        services.AddSingleton<NgoPerformance>();
        return services;
    }
}
