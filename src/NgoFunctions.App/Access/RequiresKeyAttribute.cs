namespace NgoFunctions.App.Access;

/// <summary>Declares that an HTTP function answers only a caller with the key of <see cref="Role"/>;
/// <see cref="RequiresKeyMiddleware"/> checks it before the function runs (401 problem+json without the
/// right key, 403 for the key of an NGO the registry marks inactive). Every HTTP function declares this
/// or <see cref="PublicEndpointAttribute"/>; a test holds them all to it.</summary>
/// <param name="role">The key's role.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresKeyAttribute(CallerRole role) : Attribute
{
    /// <summary>The key's role.</summary>
    public CallerRole Role { get; } = role;
}
