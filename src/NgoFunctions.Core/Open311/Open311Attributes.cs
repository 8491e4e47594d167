namespace NgoFunctions.Core.Open311;

/// <summary>The attribute codes of every service definition (posted as <c>attribute[{code}]</c>): the
/// intake's own field names (<see cref="Intake.SubmitServiceRequest"/>), so one word means one thing.</summary>
public static class Open311Attributes
{
    /// <summary><c>emergency</c>, <c>urgent</c> or <c>normal</c> (the default).</summary>
    public const string Urgency = "urgency";

    /// <summary>A governorate P-code; needed unless <c>lat</c>/<c>long</c> or <c>address_id</c> places the request.</summary>
    public const string Governorate = "governorate";

    /// <summary>A district P-code of that governorate; optional.</summary>
    public const string District = "district";

    /// <summary>Vulnerability codes, any number (<c>attribute[vulnerabilities][]</c>).</summary>
    public const string Vulnerabilities = "vulnerabilities";

    /// <summary><c>true</c> marks the request sensitive (only NGOs that handle sensitive cases receive it).</summary>
    public const string Sensitive = "sensitive";

    /// <summary>Must be <c>true</c>: the citizen agrees that the request is shared with the NGO that takes it.</summary>
    public const string Consent = "consent";
}
