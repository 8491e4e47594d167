namespace NgoFunctions.Core.Open311;

/// <summary>A service definition (<c>GET services/{code}.{format}</c>): the attributes a request of the
/// service may carry, as GeoReport v2 lists them.</summary>
/// <param name="ServiceCode">The sector code.</param>
/// <param name="Attributes">In <see cref="Open311Attribute.Order"/> order.</param>
public sealed record Open311ServiceDefinition(string ServiceCode, IReadOnlyList<Open311Attribute> Attributes);

/// <summary>One attribute of a service definition, with the spec's fields in its order. Posted as
/// <c>attribute[{code}]</c> (a <c>multivaluelist</c> as <c>attribute[{code}][]</c>, once per value).</summary>
/// <param name="Variable"><c>true</c>: the citizen gives a value (every attribute here).</param>
/// <param name="Code">The attribute's code: the intake's field name (<c>urgency</c>, <c>governorate</c>, ...).</param>
/// <param name="Datatype"><c>singlevaluelist</c> or <c>multivaluelist</c> (every attribute here is a list).</param>
/// <param name="Required">Whether a request without it is refused (400).</param>
/// <param name="DatatypeDescription">How to give the value, in the caller's language.</param>
/// <param name="Order">Position in a form, from 1.</param>
/// <param name="Description">The question, in the caller's language.</param>
/// <param name="Values">The accepted keys with their names in the caller's language.</param>
public sealed record Open311Attribute(
    bool Variable,
    string Code,
    string Datatype,
    bool Required,
    string DatatypeDescription,
    int Order,
    string Description,
    IReadOnlyList<Open311AttributeValue> Values);

/// <summary>One accepted value of a list attribute.</summary>
/// <param name="Key">What is posted (a code or P-code).</param>
/// <param name="Name">Its label in the caller's language.</param>
public sealed record Open311AttributeValue(string Key, string Name);
