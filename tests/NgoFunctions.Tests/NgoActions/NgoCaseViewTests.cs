using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>When the NGO's view of a request carries the citizen's details, and what the NGO-side texts cover.</summary>
[Trait("Category", "Unit")]
public sealed class NgoCaseViewTests
{
    [Theory]
    [InlineData(RequestStatus.Routed, AssignmentState.Pending, true, "not-accepted")]
    [InlineData(RequestStatus.Accepted, AssignmentState.Accepted, true, null)]
    [InlineData(RequestStatus.InProgress, AssignmentState.Accepted, true, null)]
    [InlineData(RequestStatus.Resolved, AssignmentState.Accepted, true, null)]
    [InlineData(RequestStatus.Accepted, AssignmentState.Accepted, false, "no-consent")]
    [InlineData(RequestStatus.Closed, AssignmentState.Accepted, true, "closed")]
    [InlineData(RequestStatus.Cancelled, AssignmentState.Accepted, true, "closed")]
    [InlineData(RequestStatus.Cancelled, AssignmentState.Pending, true, "not-accepted")]
    [InlineData(RequestStatus.Routed, AssignmentState.Declined, true, "not-accepted")]
    public void Of_CitizenDetailsOnlyWhileHeldAfterAcceptingWithConsent(RequestStatus status, AssignmentState state, bool consent, string? withheld)
    {
        var request = new ServiceRequestEntity
        {
            PartitionKey = "QD76XDEZ4A", Status = status.ToString(), Consent = consent, Urgency = "Urgent",
            Name = "سامر", Phone = "+963944123456", Description = "نحتاج إلى دواء", Vulnerabilities = "child,disability",
        };
        var assignment = new AssignmentEntity { Attempt = 1, State = state.ToString(), AssignedAt = DateTimeOffset.UnixEpoch };

        var view = NgoCaseView.Of(request, assignment, [], TimeSpan.FromHours(24));

        Assert.Equal(withheld, view.CitizenWithheld);
        Assert.Equal(withheld is null, view.Citizen is not null);
        Assert.Equal("QD76X-DEZ4A", view.TrackingCode);
        Assert.Equal(["child", "disability"], view.Vulnerabilities);
        Assert.Equal("urgent", view.Urgency);
        Assert.Equal(state == AssignmentState.Pending ? DateTimeOffset.UnixEpoch.AddHours(24) : null, view.Assignment.AcceptBy);
    }

    [Fact]
    public void DeclineReasons_EachHasTextsInBothLanguages()
    {
        var texts = new Texts();

        Assert.Equal(6, DeclineReasons.Codes.Count);
        Assert.All(DeclineReasons.Codes, code =>
        {
            Assert.False(string.IsNullOrWhiteSpace(texts.Get($"ngo.decline.{code}", Language.Ar)));
            Assert.False(string.IsNullOrWhiteSpace(texts.Get($"ngo.decline.{code}", Language.En)));
        });
    }

    [Theory]
    [InlineData(NgoCaseAction.Accept)]
    [InlineData(NgoCaseAction.Decline)]
    [InlineData(NgoCaseAction.Start)]
    [InlineData(NgoCaseAction.Resolve)]
    public void ConflictText_ExistsForEveryActionAndNamesTheStatus(NgoCaseAction action)
    {
        var texts = new Texts();

        Assert.Contains("{0}", texts.Get($"ngo.conflict.{action}", Language.Ar), StringComparison.Ordinal);
        Assert.Contains("{0}", texts.Get($"ngo.conflict.{action}", Language.En), StringComparison.Ordinal);
    }
}
