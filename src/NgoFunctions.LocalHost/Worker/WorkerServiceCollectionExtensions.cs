namespace NgoFunctions.LocalHost.Worker;

/// <summary>Registers the worker process and everything that invokes functions through it.</summary>
internal static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddWorkerProcess(this IServiceCollection services)
    {
        services.AddSingleton<WorkerChannel>();
        services.AddSingleton<WorkerEnvironment>();
        services.AddSingleton<WorkerProcess>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerProcess>());
        services.AddSingleton<WorkerHttpClient>();
        services.AddSingleton<WorkerHttpInvoker>();
        services.AddSingleton<WorkerHttpEndpoints>();
        services.AddSingleton<IFunctionDispatcher, WorkerFunctionDispatcher>();
        services.AddHttpForwarder();
        return services;
    }
}
