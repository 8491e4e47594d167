using System.Net;
using Microsoft.Extensions.Hosting;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Which endpoint URLs an NGO may register, and which addresses a delivery may connect to.
/// Outside the Development environment: absolute <c>https</c> URLs only, no user name or password in
/// them, no fragment, at most <see cref="MaxLength"/> characters, and no host that names this machine or
/// a private network (<c>localhost</c>, <c>*.localhost</c>, loopback, RFC 1918, carrier-grade NAT,
/// link-local, unique-local IPv6, unspecified, multicast): a webhook must not be a way to reach the
/// deployment's own network (SSRF). The same address test is applied again when a delivery connects
/// (<c>WebhookHttpClient</c>), so a public name that resolves to a private address is refused too.
/// In Development (<c>IHostEnvironment.IsDevelopment()</c>, as for the sample keys) <c>http</c> and
/// local addresses are allowed, for a receiver on the developer's machine.</summary>
public sealed class WebhookUrlRule(IHostEnvironment environment)
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Whether local and plain-http endpoints are allowed (the Development environment only).</summary>
    public bool AllowsLocal => environment.IsDevelopment();

    /// <summary>Why <paramref name="url"/> cannot be registered, as a text key (<c>webhook.url.invalid</c>,
    /// <c>webhook.url.https</c> or <c>webhook.url.local</c>), or <c>null</c> when it can; the URL to store
    /// in <paramref name="parsed"/>.</summary>
    public string? Check(string? url, out Uri? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            return "webhook.url.invalid";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !AllowsLocal)
        {
            return "webhook.url.https";
        }

        if (!AllowsLocal && NamesLocal(uri))
        {
            return "webhook.url.local";
        }

        parsed = uri;
        return null;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>: always in Development,
    /// otherwise only to a public address.</summary>
    public bool MayConnect(IPAddress address) => AllowsLocal || !IsPrivate(address);

    /// <summary>Whether <paramref name="address"/> is loopback, private, link-local, shared, multicast or
    /// unspecified (an IPv4 address mapped into IPv6 counts as itself).</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Private.Any(n => n.Contains(address));
    }

    private static bool NamesLocal(Uri uri) =>
        uri.IsLoopback
        || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) && IsPrivate(ip));
}
