namespace NgoFunctions.Core.Intake;

/// <summary>The limits intake enforces across instances (<see cref="IntakeLimitOptions"/>).</summary>
public enum IntakeLimit
{
    /// <summary>New submissions per client address in a window.</summary>
    Address,

    /// <summary>Open requests per phone number.</summary>
    Phone,
}
