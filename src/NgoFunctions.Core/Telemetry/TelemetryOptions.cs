namespace NgoFunctions.Core.Telemetry;

/// <summary>Where traces go (section <c>Telemetry</c>). Application Insights receives them when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (with the managed identity of
/// <c>AZURE_CLIENT_ID</c> where local authentication is off).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Write finished spans to the console (local runs).</summary>
    public bool Console { get; set; }
}
