using System.Diagnostics;
using System.Net;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>The one HTTP client to the worker's ASP.NET Core integration (loopback): no proxy, no
/// redirects, no cookies, no decompression, so a response reaches the caller exactly as the worker wrote
/// it; trace context is propagated as the forwarder expects.</summary>
internal sealed class WorkerHttpClient : IDisposable
{
    /// <summary>The invoker the forwarder sends with.</summary>
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = new Yarp.ReverseProxy.Forwarder.ReverseProxyPropagator(DistributedContextPropagator.Current),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    public void Dispose() => Invoker.Dispose();
}
