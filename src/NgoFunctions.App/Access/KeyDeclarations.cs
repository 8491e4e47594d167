using System.Reflection;

namespace NgoFunctions.App.Access;

/// <summary>Reads a function's <see cref="RequiresKeyAttribute"/> from its method, found by the entry point
/// the Worker SDK records in the function metadata (<c>Namespace.Class.Method</c>).</summary>
public static class KeyDeclarations
{
    /// <summary>The declaration on the method named by <paramref name="entryPoint"/> in the Functions app,
    /// or null when it declares none (or names no method of the app).</summary>
    public static RequiresKeyAttribute? ForEntryPoint(string entryPoint)
    {
        var split = entryPoint.LastIndexOf('.');
        var type = split > 0 ? typeof(KeyDeclarations).Assembly.GetType(entryPoint[..split]) : null;
        var method = type?.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance);
        return method is null ? null : For(method);
    }

    /// <summary>The declaration on <paramref name="method"/>, or null.</summary>
    public static RequiresKeyAttribute? For(MethodInfo method) => method.GetCustomAttribute<RequiresKeyAttribute>();
}
