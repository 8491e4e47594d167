using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Assertions on what intake answered: a new request, or the phone's open one.</summary>
public static class IntakeOutcomes
{
    /// <summary>Asserts that <paramref name="outcome"/> is a stored request (not a duplicate, not a
    /// refusal) and returns its receipt.</summary>
    public static IntakeReceipt Accepted(Outcome<IntakeReceipt> outcome)
    {
        var receipt = Assert.IsType<Outcome<IntakeReceipt>.Done>(outcome).Value;
        Assert.False(receipt.Duplicate, $"Expected a new request, got the open request {receipt.TrackingCode} again.");
        return receipt;
    }

    /// <summary>Asserts that <paramref name="outcome"/> is the phone's open request of the sector (nothing
    /// stored) and returns its receipt.</summary>
    public static IntakeReceipt Duplicate(Outcome<IntakeReceipt> outcome)
    {
        var receipt = Assert.IsType<Outcome<IntakeReceipt>.Done>(outcome).Value;
        Assert.True(receipt.Duplicate, $"Expected the open request again, got the new request {receipt.TrackingCode}.");
        return receipt;
    }
}
