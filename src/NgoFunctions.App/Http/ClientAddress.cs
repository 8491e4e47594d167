using System.Net;
using Microsoft.AspNetCore.Http;
using NgoFunctions.Core.Intake;

namespace NgoFunctions.App.Http;

/// <summary>The client address intake counts submissions by (<see cref="IntakeLimitOptions.PerAddress"/>).
/// Without <see cref="IntakeLimitOptions.ForwardedForHeader"/>, the connection's remote address: in
/// LocalHost, Kestrel's peer; in the Functions worker, the address the Functions host received the
/// request from, which the ASP.NET Core integration restores from the host's own <c>X-Forwarded-For</c>
/// (its forwarded-headers middleware trusts only the host on loopback). With it set, the first address of
/// that header, when it holds one; no header is trusted unless it is configured.</summary>
public static class ClientAddress
{
    /// <summary>The address of <paramref name="request"/>'s client, or <c>null</c> when none is known.</summary>
    public static IPAddress? Of(HttpRequest request, IntakeLimitOptions options)
    {
        if (!string.IsNullOrEmpty(options.ForwardedForHeader)
            && request.Headers[options.ForwardedForHeader].ToString().Split(',')[0] is var first
            && Parse(first.Trim()) is { } forwarded)
        {
            return forwarded;
        }

        return request.HttpContext.Connection.RemoteIpAddress;
    }

    // "203.0.113.7", "203.0.113.7:4711", "2001:db8::1", "[2001:db8::1]:4711".
    private static IPAddress? Parse(string value)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }

        return IPEndPoint.TryParse(value, out var endPoint) ? endPoint.Address : null;
    }
}
