namespace NgoFunctions.App.Access;

/// <summary>Declares that an HTTP function is open to anyone, and why (e.g. "the citizen's form", "the
/// tracking code is the key"): the explicit other half of <see cref="RequiresKeyAttribute"/>, so no
/// function is open by omission.</summary>
/// <param name="reason">Why no key is asked.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PublicEndpointAttribute(string reason) : Attribute
{
    /// <summary>Why no key is asked.</summary>
    public string Reason { get; } = reason;
}
