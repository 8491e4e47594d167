using System.Reflection;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Meta;

/// <summary>Every test class says what it needs: <c>Unit</c> (pure: no Azurite, no process, no socket; so
/// <c>dotnet test --filter Category=Unit</c> runs them alone in seconds) or <c>Integration</c>. A new test class
/// without the trait, or a "unit" class that takes the Azurite fixture or joins the storage collection,
/// fails here.</summary>
[Trait("Category", "Unit")]
public sealed class TestCategoryTests
{
    private static readonly string[] Categories = ["Unit", "Integration"];

    [Fact]
    public void EveryTestClass_IsUnitOrIntegration_AndUnitOnesNeedNoAzurite()
    {
        var testClasses = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any()))
            .ToList();
        Assert.True(testClasses.Count > 80, $"only {testClasses.Count} test classes found");

        var wrong = new List<string>();
        foreach (var type in testClasses)
        {
            var category = CategoryOf(type);
            if (category is null || !Categories.Contains(category))
            {
                wrong.Add($"{type.Name}: no [Trait(\"Category\", \"Unit\" | \"Integration\")]");
            }
            else if (category == "Unit" && NeedsAzurite(type))
            {
                wrong.Add($"{type.Name}: marked Unit but takes the Azurite fixture or joins the storage collection");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    // xunit keeps a trait's values only in the attribute's constructor arguments.
    private static string? CategoryOf(Type type) => type.CustomAttributes
        .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Category")
        .Select(a => (string?)a.ConstructorArguments[1].Value)
        .FirstOrDefault();

    private static bool NeedsAzurite(Type type) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(AzuriteFixture)))
        || type.GetCustomAttributes<CollectionAttribute>().Any();
}
