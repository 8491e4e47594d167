using Microsoft.Extensions.DependencyInjection;

namespace NgoFunctions.Core.Closure;

/// <summary>Registers the closure of resolved requests: the citizen's answer and the silence sweep.</summary>
public static class ClosureServiceCollectionExtensions
{
    /// <summary>Adds the closure services, with their options (section <c>Closure</c>) validated at start.</summary>
    public static IServiceCollection AddClosure(this IServiceCollection services)
    {
        services.AddOptions<ClosureOptions>().BindConfiguration(ClosureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClosureConfirmation>();
        services.AddSingleton<ClosureSweeper>();
        return services;
    }
}
