using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App;
using NgoFunctions.App.Access;

namespace NgoFunctions.Tests.Http;

/// <summary>No HTTP function is open by omission: each declares <c>[RequiresKey]</c> or
/// <c>[PublicEndpoint]</c> (one, not both), and the routes of the registry, the ministry, the NGO API and
/// operations are never public.</summary>
[Trait("Category", "Unit")]
public sealed class AccessDeclarationTests
{
    public static TheoryData<string> HttpFunctions() => new(Functions().Select(f => f.Name));

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void EveryHttpFunction_DeclaresItsAccess_Once(string name)
    {
        var method = Functions().Single(f => f.Name == name).Method;
        var requiresKey = method.GetCustomAttribute<RequiresKeyAttribute>();
        var isPublic = method.GetCustomAttribute<PublicEndpointAttribute>();

        Assert.True(requiresKey is not null ^ isPublic is not null, $"{name} must declare exactly one of [RequiresKey] and [PublicEndpoint].");
        if (isPublic is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(isPublic.Reason), $"{name}: a public endpoint says why.");
        }
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void ProtectedAreas_AreNeverPublic(string name)
    {
        var (_, method, route) = Functions().Single(f => f.Name == name);
        string[] protectedAreas = ["registry/", "ministry/", "ngo/", "ops/"];
        var isDashboardPage = route is "ministry/dashboard" || route.StartsWith("ministry/dashboard/", StringComparison.Ordinal);
        if (protectedAreas.Any(area => route.StartsWith(area, StringComparison.Ordinal)) && !isDashboardPage)
        {
            Assert.NotNull(method.GetCustomAttribute<RequiresKeyAttribute>());
        }
    }

    [Fact]
    public void TheNgoApi_TakesOnlyNgoKeys_AndTheMinistryArea_MinistryOrAdminKeys()
    {
        foreach (var (name, method, route) in Functions())
        {
            var role = method.GetCustomAttribute<RequiresKeyAttribute>()?.Role;
            if (route.StartsWith("ngo/", StringComparison.Ordinal))
            {
                Assert.True(role == CallerRole.Ngo, $"{name} ({route})");
            }
            else if (route.StartsWith("registry/", StringComparison.Ordinal) || route.StartsWith("ops/", StringComparison.Ordinal))
            {
                Assert.True(role == CallerRole.Admin, $"{name} ({route})");
            }
        }
    }

    internal static IEnumerable<(string Name, MethodInfo Method, string Route)> Functions() =>
        from type in typeof(WorkerComposition).Assembly.GetExportedTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
        where function is not null && trigger is not null
        select (function.Name, method, trigger.Route ?? function.Name);
}
