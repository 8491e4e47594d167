using System.Net;
using Microsoft.Extensions.Hosting.Internal;
using NgoFunctions.Core.Webhooks;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>Which endpoints an NGO may register: https on the internet outside Development; local and
/// plain-http endpoints only in Development.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookUrlRuleTests
{
    private static WebhookUrlRule Rule(string environment) => new(new HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData("https://hooks.example.org/ngo/cases")]
    [InlineData("https://hooks.example.org:8443/ngo?source=ngofunctions")]
    [InlineData("https://8.8.8.8/hook")]
    public void Check_PublicHttpsInProduction_Accepted(string url)
    {
        Assert.Null(Rule("Production").Check(url, out var parsed));
        Assert.Equal(new Uri(url).AbsoluteUri, parsed!.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://hooks.example.org/ngo", "webhook.url.https")]
    [InlineData("https://localhost/hook", "webhook.url.local")]
    [InlineData("https://api.localhost/hook", "webhook.url.local")]
    [InlineData("https://127.0.0.1:8443/hook", "webhook.url.local")]
    [InlineData("https://10.1.2.3/hook", "webhook.url.local")]
    [InlineData("https://172.20.0.5/hook", "webhook.url.local")]
    [InlineData("https://192.168.1.10/hook", "webhook.url.local")]
    [InlineData("https://169.254.169.254/latest/meta-data", "webhook.url.local")]
    [InlineData("https://100.64.0.1/hook", "webhook.url.local")]
    [InlineData("https://[::1]/hook", "webhook.url.local")]
    [InlineData("https://[fd12:3456::1]/hook", "webhook.url.local")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "webhook.url.local")]
    [InlineData("https://0.0.0.0/hook", "webhook.url.local")]
    [InlineData("ftp://hooks.example.org/hook", "webhook.url.invalid")]
    [InlineData("hooks.example.org/hook", "webhook.url.invalid")]
    [InlineData("https://user:pass@hooks.example.org/hook", "webhook.url.invalid")]
    [InlineData("https://hooks.example.org/hook#part", "webhook.url.invalid")]
    [InlineData("", "webhook.url.invalid")]
    [InlineData(null, "webhook.url.invalid")]
    public void Check_InProduction_RefusedWithItsReason(string? url, string reason)
    {
        Assert.Equal(reason, Rule("Production").Check(url, out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://192.168.1.10/hook")]
    public void Check_LocalEndpointInDevelopment_Accepted(string url) =>
        Assert.Null(Rule("Development").Check(url, out _));

    [Fact]
    public void Check_TooLong_Refused() =>
        Assert.Equal("webhook.url.invalid", Rule("Development").Check("https://hooks.example.org/" + new string('a', WebhookUrlRule.MaxLength), out _));

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.8", false)]
    [InlineData("::ffff:192.168.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void MayConnect_InProductionOnlyPublicAddresses(string address, bool allowed)
    {
        Assert.Equal(allowed, Rule("Production").MayConnect(IPAddress.Parse(address)));
        Assert.True(Rule("Development").MayConnect(IPAddress.Parse(address)));
    }
}
