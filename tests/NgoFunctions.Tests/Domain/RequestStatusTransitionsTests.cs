using NgoFunctions.Core.Domain;

namespace NgoFunctions.Tests.Domain;

/// <summary>The request lifecycle of the design handbook: Submitted → Routed → Accepted → InProgress →
/// Resolved → Closed (confirmed or silent) or back to InProgress (disputed); Routed → Routed again, Waitlisted or Unroutable; Waitlisted and Unroutable → Routed
/// (or each other, as the registry and the NGOs' places change); Cancelled by the citizen before Resolved.</summary>
[Trait("Category", "Unit")]
public sealed class RequestStatusTransitionsTests
{
    public static TheoryData<RequestStatus, RequestStatus> Legal => new()
    {
        { RequestStatus.Submitted, RequestStatus.Routed },
        { RequestStatus.Submitted, RequestStatus.Waitlisted },
        { RequestStatus.Submitted, RequestStatus.Unroutable },
        { RequestStatus.Submitted, RequestStatus.Cancelled },
        { RequestStatus.Routed, RequestStatus.Accepted },
        { RequestStatus.Routed, RequestStatus.Routed },
        { RequestStatus.Routed, RequestStatus.Waitlisted },
        { RequestStatus.Routed, RequestStatus.Unroutable },
        { RequestStatus.Routed, RequestStatus.Cancelled },
        { RequestStatus.Accepted, RequestStatus.InProgress },
        { RequestStatus.Accepted, RequestStatus.Cancelled },
        { RequestStatus.InProgress, RequestStatus.Resolved },
        { RequestStatus.InProgress, RequestStatus.Cancelled },
        { RequestStatus.Resolved, RequestStatus.Closed },
        { RequestStatus.Resolved, RequestStatus.InProgress },
        { RequestStatus.Waitlisted, RequestStatus.Routed },
        { RequestStatus.Waitlisted, RequestStatus.Unroutable },
        { RequestStatus.Waitlisted, RequestStatus.Cancelled },
        { RequestStatus.Unroutable, RequestStatus.Routed },
        { RequestStatus.Unroutable, RequestStatus.Waitlisted },
        { RequestStatus.Unroutable, RequestStatus.Cancelled },
    };

    public static TheoryData<RequestStatus, RequestStatus> Illegal => new()
    {
        { RequestStatus.Submitted, RequestStatus.Submitted },
        { RequestStatus.Submitted, RequestStatus.Accepted },
        { RequestStatus.Submitted, RequestStatus.InProgress },
        { RequestStatus.Submitted, RequestStatus.Resolved },
        { RequestStatus.Submitted, RequestStatus.Closed },
        { RequestStatus.Routed, RequestStatus.Submitted },
        { RequestStatus.Routed, RequestStatus.InProgress },
        { RequestStatus.Routed, RequestStatus.Resolved },
        { RequestStatus.Routed, RequestStatus.Closed },
        { RequestStatus.Accepted, RequestStatus.Submitted },
        { RequestStatus.Accepted, RequestStatus.Routed },
        { RequestStatus.Accepted, RequestStatus.Unroutable },
        { RequestStatus.Accepted, RequestStatus.Closed },
        { RequestStatus.Accepted, RequestStatus.Resolved },
        { RequestStatus.InProgress, RequestStatus.Routed },
        { RequestStatus.InProgress, RequestStatus.Accepted },
        { RequestStatus.InProgress, RequestStatus.Closed },
        { RequestStatus.InProgress, RequestStatus.Unroutable },
        { RequestStatus.Resolved, RequestStatus.Routed },
        { RequestStatus.Resolved, RequestStatus.Cancelled },
        { RequestStatus.Resolved, RequestStatus.Resolved },
        { RequestStatus.Unroutable, RequestStatus.Accepted },
        { RequestStatus.Unroutable, RequestStatus.Resolved },
        { RequestStatus.Unroutable, RequestStatus.Submitted },
        { RequestStatus.Waitlisted, RequestStatus.Waitlisted },
        { RequestStatus.Waitlisted, RequestStatus.Accepted },
        { RequestStatus.Waitlisted, RequestStatus.Submitted },
        { RequestStatus.Accepted, RequestStatus.Waitlisted },
        { RequestStatus.Resolved, RequestStatus.Waitlisted },
    };

    public static TheoryData<RequestStatus> Every => new(Enum.GetValues<RequestStatus>());

    [Theory]
    [MemberData(nameof(Legal))]
    public void IsAllowed_LegalMove_True(RequestStatus from, RequestStatus to)
    {
        Assert.True(RequestStatusTransitions.IsAllowed(from, to));
        RequestStatusTransitions.EnsureAllowed(from, to); // does not throw
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void IsAllowed_IllegalMove_False(RequestStatus from, RequestStatus to)
    {
        Assert.False(RequestStatusTransitions.IsAllowed(from, to));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void IsAllowed_FromCancelled_NothingIsLegal(RequestStatus to)
    {
        Assert.False(RequestStatusTransitions.IsAllowed(RequestStatus.Cancelled, to));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void IsAllowed_FromClosed_NothingIsLegal(RequestStatus to)
    {
        Assert.False(RequestStatusTransitions.IsAllowed(RequestStatus.Closed, to));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void IsAllowed_EveryStatus_HasAnEntryAndNeverThrows(RequestStatus from)
    {
        foreach (var to in Enum.GetValues<RequestStatus>())
        {
            _ = RequestStatusTransitions.IsAllowed(from, to);
        }
    }

    [Fact]
    public void IsAllowed_CancelBeforeResolvedOnly()
    {
        var cancellable = Enum.GetValues<RequestStatus>().Where(s => RequestStatusTransitions.IsAllowed(s, RequestStatus.Cancelled));

        Assert.Equal(
            [RequestStatus.Submitted, RequestStatus.Routed, RequestStatus.Accepted, RequestStatus.InProgress, RequestStatus.Waitlisted, RequestStatus.Unroutable],
            cancellable.Order());
    }

    [Fact]
    public void IsAllowed_ClosedReachedOnlyFromResolved()
    {
        var before = Enum.GetValues<RequestStatus>().Where(s => RequestStatusTransitions.IsAllowed(s, RequestStatus.Closed));

        Assert.Equal([RequestStatus.Resolved], before);
    }

    [Fact]
    public void EnsureAllowed_ResolvedToRouted_ThrowsCarryingFromAndTo()
    {
        var ex = Assert.Throws<IllegalStatusTransitionException>(
            () => RequestStatusTransitions.EnsureAllowed(RequestStatus.Resolved, RequestStatus.Routed));

        Assert.Equal(RequestStatus.Resolved, ex.From);
        Assert.Equal(RequestStatus.Routed, ex.To);
        Assert.Contains("Resolved", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Routed", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void EnsureAllowed_IllegalMove_ThrowsWithSameFromAndTo(RequestStatus from, RequestStatus to)
    {
        var ex = Assert.Throws<IllegalStatusTransitionException>(() => RequestStatusTransitions.EnsureAllowed(from, to));

        Assert.Equal((from, to), (ex.From, ex.To));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void EnsureAllowed_FromCancelled_Throws(RequestStatus to)
    {
        var ex = Assert.Throws<IllegalStatusTransitionException>(() => RequestStatusTransitions.EnsureAllowed(RequestStatus.Cancelled, to));

        Assert.Equal((RequestStatus.Cancelled, to), (ex.From, ex.To));
    }
}
