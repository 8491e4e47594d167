using System.Reflection;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.Tests.Requests;

/// <summary>The requests know nothing of the ministry: the ministry follows them through
/// <see cref="IRequestCommitObserver"/>, and a type in <c>NgoFunctions.Core.Requests</c> that names a
/// <c>NgoFunctions.Core.Ministry</c> type again (in a field, property, constructor or method signature,
/// base type or interface, or a compiler-made nested type such as an async state machine) fails here,
/// since that would bring the namespace cycle back.</summary>
[Trait("Category", "Unit")]
public sealed class RequestsNamespaceDependencyTests
{
    private const string RequestsNamespace = "NgoFunctions.Core.Requests";
    private const string MinistryNamespace = "NgoFunctions.Core.Ministry";

    private const BindingFlags Declared =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Fact]
    public void RequestsTypes_DoNotReferenceTheMinistry()
    {
        var types = typeof(ServiceRequestStore).Assembly.GetTypes()
            .Where(t => InNamespace(t.Namespace, RequestsNamespace))
            .ToList();
        Assert.Contains(typeof(ServiceRequestStore), types);

        var wrong = types
            .SelectMany(t => ReferencedTypes(t).Where(r => InNamespace(r.Type.Namespace, MinistryNamespace))
                .Select(r => $"{t.FullName}: {r.Where} uses {r.Type.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static bool InNamespace(string? name, string root) =>
        name is not null && (name == root || name.StartsWith(root + ".", StringComparison.Ordinal));

    // Every type a member's signature names, with where it was seen; generic arguments, arrays and by-ref
    // parameters are looked through.
    private static IEnumerable<(string Where, Type Type)> ReferencedTypes(Type type)
    {
        var direct = new List<(string, Type)>();
        if (type.BaseType is { } baseType)
        {
            direct.Add(("base type", baseType));
        }

        direct.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
        direct.AddRange(type.GetFields(Declared).Select(f => ($"field {f.Name}", f.FieldType)));
        direct.AddRange(type.GetProperties(Declared).Select(p => ($"property {p.Name}", p.PropertyType)));
        foreach (var constructor in type.GetConstructors(Declared))
        {
            direct.AddRange(constructor.GetParameters().Select(p => ($"constructor parameter {p.Name}", p.ParameterType)));
        }

        foreach (var method in type.GetMethods(Declared))
        {
            direct.Add(($"method {method.Name} return", method.ReturnType));
            direct.AddRange(method.GetParameters().Select(p => ($"method {method.Name} parameter {p.Name}", p.ParameterType)));
        }

        return direct.SelectMany(d => Unwrap(d.Item2).Select(t => (d.Item1, t)));
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Unwrap(element))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return inner;
            }
        }
    }
}
