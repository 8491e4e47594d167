using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace NgoFunctions.App.Http;

/// <summary>The Functions worker's side of <see cref="FailureAnswers"/>: an exception that escapes an
/// HTTP-triggered function (ASP.NET Core integration) is answered as a problem on its
/// <see cref="Microsoft.AspNetCore.Http.HttpContext"/> instead of the host's bare 500. Other triggers'
/// exceptions pass through: their queue runtime retries them.</summary>
public sealed class HttpFailureMiddleware(FailureAnswers answers) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is not null)
        {
            if (!await answers.TryAnswerAsync(context.GetHttpContext()!, exception))
            {
                throw;
            }
        }
    }
}
