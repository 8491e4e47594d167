using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.Tests.Http;

/// <summary>The Functions worker's side of the failure answers: <see cref="HttpFailureMiddleware"/> in
/// the worker's pipeline, given the function context the ASP.NET Core integration hands it (the
/// invocation's <see cref="HttpContext"/> under <c>HttpRequestContext</c> in its items).</summary>
[Trait("Category", "Unit")]
public sealed class HttpFailureMiddlewareTests
{
    private readonly HttpFailureMiddleware _middleware = new(new FailureAnswers(new Texts(), NullLogger<FailureAnswers>.Instance));

    [Fact]
    public async Task StorageOutageEscapingAnHttpFunction_503ProblemWithRetryAfter()
    {
        var (context, http) = HttpInvocation();

        await _middleware.Invoke(context, _ => throw new RequestFailedException(503, "Server busy"));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", http.Response.ContentType);
        Assert.False(string.IsNullOrEmpty(http.Response.Headers.RetryAfter));
        Assert.Equal(503, (await BodyAsync(http))["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task BugEscapingAnHttpFunction_500ProblemWithTraceIdAndNoExceptionText()
    {
        var (context, http) = HttpInvocation();

        await _middleware.Invoke(context, _ => throw new InvalidOperationException("secret detail of a bug"));

        Assert.Equal(500, http.Response.StatusCode);
        var body = await BodyAsync(http);
        Assert.False(string.IsNullOrEmpty(body["traceId"]?.ToString()));
        Assert.DoesNotContain("secret detail", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionOfAQueueTrigger_PassesThroughForTheQueueToRetry()
    {
        var context = new InvocationContext(new Dictionary<object, object>());

        await Assert.ThrowsAsync<RequestFailedException>(() => _middleware.Invoke(context, _ => throw new RequestFailedException(503, "Server busy")));
    }

    private static (FunctionContext Context, HttpContext Http) HttpInvocation()
    {
        // The request's services, as the worker's host gives them (the problem writer resolves logging).
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = "POST";
        http.Request.Path = "/api/requests";
        http.Response.Body = new MemoryStream();
        return (new InvocationContext(new Dictionary<object, object> { ["HttpRequestContext"] = http }), http);
    }

    private static async Task<JsonObject> BodyAsync(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(http.Response.Body))!;
    }

    // Only what the middleware reads: the items where the integration keeps the HttpContext.
    private sealed class InvocationContext(IDictionary<object, object> items) : FunctionContext
    {
        public override string InvocationId => "test-invocation";

        public override string FunctionId => "test-function";

        public override TraceContext TraceContext => null!;

        public override BindingContext BindingContext => null!;

        public override RetryContext RetryContext => null!;

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition => null!;

        public override IDictionary<object, object> Items { get; set; } = items;

        public override IInvocationFeatures Features => null!;
    }
}
