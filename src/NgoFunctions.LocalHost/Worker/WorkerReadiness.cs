using NgoFunctions.App.Http;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>Holds each request until a worker is ready, before routing (the routes are the worker's):
/// while the worker starts or restarts, a request waits for it instead of finding no route; when none
/// is ready within <see cref="WorkerHostOptions.StartTimeoutSeconds"/>, it gets 503 problem+json with
/// Retry-After.</summary>
internal static class WorkerReadiness
{
    public static IApplicationBuilder UseWorkerReadiness(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var channel = context.RequestServices.GetRequiredService<WorkerChannel>();
            if (channel.Current is null)
            {
                try
                {
                    await channel.WaitAsync(context.RequestAborted);
                }
                catch (WorkerUnavailableException exception)
                {
                    await context.RequestServices.GetRequiredService<FailureAnswers>().TryAnswerAsync(context, new TimeoutException(exception.Message));
                    return;
                }
            }

            await next(context);
        });
}
