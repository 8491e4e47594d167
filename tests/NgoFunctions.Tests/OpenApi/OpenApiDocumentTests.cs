using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.OpenApi;
using NgoFunctions.Tests.Http;

namespace NgoFunctions.Tests.OpenApi;

/// <summary>The OpenAPI document the worker serves (the embedded <c>openapi.json</c>) stays true to the
/// code: its operations are exactly the HTTP functions' routes and methods, each named by its function,
/// and each declares the security the code enforces (<see cref="RequiresKeyAttribute"/> → its role's
/// key schemes; <see cref="PublicEndpointAttribute"/> → <c>security: []</c>).</summary>
[Trait("Category", "Unit")]
public sealed partial class OpenApiDocumentTests
{
    // The schemes each role's key is described by: the ministry's routes also take the admin key.
    private static readonly Dictionary<CallerRole, string[]> SchemesOf = new()
    {
        [CallerRole.Admin] = ["adminKey"],
        [CallerRole.Ministry] = ["ministryKey", "adminKey"],
        [CallerRole.Ngo] = ["ngoKey"],
        [CallerRole.Partner] = ["partnerKey"],
    };

    // Public in code, yet the function checks a secret of its own: Telegram's webhook token header.
    private static readonly Dictionary<string, string[]> OwnSecretOf = new() { ["TelegramWebhook"] = ["telegramSecret"] };

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public void Document_IsOpenApi31_WithRoutesUnderApi()
    {
        var document = Document();

        Assert.Equal("3.1.0", document["openapi"]!.GetValue<string>());
        Assert.Equal("/api", Assert.Single(document["servers"]!.AsArray())!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Operations_AreExactlyTheHttpFunctions()
    {
        var documented = Operations().Select(o => $"{o.Method.ToUpperInvariant()} /{o.Path}").ToHashSet(StringComparer.Ordinal);
        var code = Functions().SelectMany(f => f.Methods.Select(m => $"{m} /{f.Route}")).ToHashSet(StringComparer.Ordinal);

        var undocumented = code.Except(documented).Order(StringComparer.Ordinal).ToList();
        var unknown = documented.Except(code).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            undocumented.Count == 0 && unknown.Count == 0,
            $"HTTP functions missing from openapi.json:{Lines(undocumented)}{Environment.NewLine}"
            + $"Operations in openapi.json no HTTP function serves:{Lines(unknown)}");
    }

    [Fact]
    public void EveryOperation_IsNamedByItsFunction()
    {
        var wrong = (from f in Functions()
                     from method in f.Methods
                     join o in Operations() on (f.Route, method) equals (o.Path, o.Method.ToUpperInvariant())
                     where o.Operation["operationId"]?.GetValue<string>() != f.Name
                     select $"{method} /{f.Route}: operationId {o.Operation["operationId"]}, function {f.Name}").ToList();

        Assert.True(wrong.Count == 0, "operationId is not the function's name:" + Lines(wrong));
    }

    [Fact]
    public void EveryOperation_DeclaresTheSecurityTheCodeEnforces()
    {
        var wrong = new List<string>();
        foreach (var f in Functions())
        {
            var role = f.Method.GetCustomAttribute<RequiresKeyAttribute>()?.Role;
            var expected = role is { } r ? SchemesOf[r] : OwnSecretOf.GetValueOrDefault(f.Name, []);
            foreach (var method in f.Methods)
            {
                var operation = Operations().FirstOrDefault(o => o.Path == f.Route && o.Method.ToUpperInvariant() == method).Operation;
                if (operation is null)
                {
                    continue; // missing altogether: Operations_AreExactlyTheHttpFunctions names it
                }

                if (operation["security"] is not JsonArray security)
                {
                    wrong.Add($"{method} /{f.Route} ({f.Name}): no `security` (an anonymous operation declares `security: []`)");
                    continue;
                }

                // Each alternative is one scheme here: any one of them opens the operation.
                var declared = security.Select(s => string.Join("+", s!.AsObject().Select(p => p.Key))).Order(StringComparer.Ordinal).ToArray();
                if (!declared.SequenceEqual(expected.Order(StringComparer.Ordinal)))
                {
                    wrong.Add($"{method} /{f.Route} ({f.Name}): security [{string.Join(", ", declared)}], the code enforces [{string.Join(", ", expected)}]");
                }
            }
        }

        Assert.True(wrong.Count == 0, "security does not match the code:" + Lines(wrong));
    }

    [Fact]
    public void EveryProtectedOperation_Answers401AsProblem()
    {
        // An Open311 partner's refusal is the spec's 403 error instead (EveryPartnerOperation_Answers403).
        var missing = (from f in Functions()
                       where f.Method.GetCustomAttribute<RequiresKeyAttribute>() is { Role: not CallerRole.Partner }
                       from method in f.Methods
                       join o in Operations() on (f.Route, method) equals (o.Path, o.Method.ToUpperInvariant())
                       where o.Operation["responses"]?["401"] is null
                       select $"{method} /{f.Route}").ToList();

        Assert.True(missing.Count == 0, "protected operations without a 401 answer:" + Lines(missing));
    }

    [Fact]
    public void EveryPartnerOperation_Answers403()
    {
        var partner = (from f in Functions()
                       where f.Method.GetCustomAttribute<RequiresKeyAttribute>() is { Role: CallerRole.Partner }
                       from method in f.Methods
                       join o in Operations() on (f.Route, method) equals (o.Path, o.Method.ToUpperInvariant())
                       select (Route: $"{method} /{f.Route}", o.Operation)).ToList();

        Assert.NotEmpty(partner);
        var missing = partner.Where(p => p.Operation["responses"]?["403"] is null).Select(p => p.Route).ToList();
        Assert.True(missing.Count == 0, "partner operations without a 403 answer:" + Lines(missing));
    }

    private static JsonObject Document()
    {
        using var stream = typeof(OpenApiDocumentFunction).Assembly.GetManifestResourceStream(OpenApiDocumentFunction.ResourceName)!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    // Paths without their leading slash, as the functions' routes are written.
    private static List<(string Path, string Method, JsonObject Operation)> Operations() =>
        (from path in Document()["paths"]!.AsObject()
         from entry in path.Value!.AsObject()
         where HttpMethods.Contains(entry.Key)
         select (path.Key.TrimStart('/'), entry.Key, entry.Value!.AsObject())).ToList();

    // Route constraints ({id:int}) are the code's business; the document names the parameter only.
    private static IEnumerable<(string Name, MethodInfo Method, string Route, string[] Methods)> Functions() =>
        AccessDeclarationTests.Functions().Select(f => (f.Name, f.Method, Constraint().Replace(f.Route, "{$1}"),
            f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(a => a is not null)!.Methods!
                .Select(m => m.ToUpperInvariant()).ToArray()));

    private static string Lines(IReadOnlyCollection<string> lines) =>
        lines.Count == 0 ? " none" : string.Concat(lines.Select(l => Environment.NewLine + "  " + l));

    [GeneratedRegex(@"\{([A-Za-z]+)[:?][^}]*\}")]
    private static partial Regex Constraint();
}
