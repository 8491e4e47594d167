using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Webhooks;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>Which events of a request's trail an NGO's webhook is told of, and how a POST is signed.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static RequestEventEntity Event(int sequence, string type, string? from, string status, string? ngoId = null, string? detail = null) =>
        new() { Sequence = sequence, Type = type, FromStatus = from, Status = status, NgoId = ngoId, Detail = detail, OccurredAt = At.AddMinutes(sequence) };

    private static RequestHistory History(params RequestEventEntity[] events) =>
        new(new ServiceRequestEntity { PartitionKey = "YAMRYTR015", Status = events[^1].Status }, events, [], []);

    // Routed to A, A declines, routed to B, B accepts, starts, the citizen cancels.
    private static readonly RequestHistory DeclinedThenCancelled = History(
        Event(1, "Submitted", null, "Submitted"),
        Event(2, "Routed", "Submitted", "Routed", "a"),
        Event(3, "Declined", null, "Routed", "a", "not-our-service"),
        Event(4, "Routed", "Routed", "Routed", "b"),
        Event(5, "Accepted", "Routed", "Accepted", "b"),
        Event(6, "NeedsAttention", null, "Accepted", detail: "notifications-poison"),
        Event(7, "InProgress", "Accepted", "InProgress", "b"),
        Event(8, "Cancelled", "InProgress", "Cancelled", "b"));

    [Fact]
    public void For_TheFirstNgo_AssignedThenWithdrawn_NothingAfter()
    {
        var events = WebhookEvents.For(DeclinedThenCancelled, "a");

        Assert.Equal(["case.assigned 2 Routed", "case.withdrawn 3 Routed"], events.Select(e => $"{e.Type} {e.Sequence} {e.Status}"));
        Assert.Equal("declined:not-our-service", events[1].Reason);
        Assert.Equal("YAMRYTR015-2", events[0].Id);
    }

    [Fact]
    public void For_TheHolder_EveryStatusChangeWhileItHoldsTheCase()
    {
        var events = WebhookEvents.For(DeclinedThenCancelled, "b");

        Assert.Equal(
            ["case.assigned 4", "case.status-changed 5", "case.status-changed 7", "case.cancelled 8"],
            events.Select(e => $"{e.Type} {e.Sequence}"));
    }

    [Fact]
    public void For_AnNgoThatNeverHadIt_Nothing() => Assert.Empty(WebhookEvents.For(DeclinedThenCancelled, "c"));

    [Fact]
    public void For_ExpiredThenUnroutable_WithdrawnOnly()
    {
        var history = History(
            Event(1, "Submitted", null, "Submitted"),
            Event(2, "Routed", "Submitted", "Routed", "a"),
            Event(3, "Expired", null, "Routed", "a", "accept-deadline"),
            Event(4, "Unroutable", "Routed", "Unroutable", detail: "attempts-exhausted"));

        var events = WebhookEvents.For(history, "a");

        Assert.Equal(["case.assigned", "case.withdrawn"], events.Select(e => e.Type));
        Assert.Equal("expired:accept-deadline", events[1].Reason);
    }

    [Fact]
    public void Concerned_AsTheTrailReadsIt()
    {
        var request = new ServiceRequestEntity { AssignedNgoId = "b" };

        Assert.Equal("b", WebhookEvents.Concerned(request, Event(9, "Closed", "Resolved", "Closed")));
        Assert.Equal("a", WebhookEvents.Concerned(new ServiceRequestEntity(), Event(3, "Declined", null, "Routed", "a")));
        Assert.Null(WebhookEvents.Concerned(request, Event(6, "NeedsAttention", null, "Accepted")));
        Assert.Null(WebhookEvents.Concerned(new ServiceRequestEntity(), Event(4, "Unroutable", "Routed", "Unroutable")));
    }

    [Fact]
    public void Signature_HmacOfTimestampDotBody_KnownVector()
    {
        // printf '%s' '1767000000.{"id":"x"}' | openssl dgst -sha256 -hmac 'whsec_test'
        var body = "{\"id\":\"x\"}"u8.ToArray();
        const string expected = "sha256=0c9e9923c16eb9a2c1287a2a9659dcb0c9950d89098b1d21d92071f47a2a3b42";

        Assert.Equal(expected, WebhookSignature.Sign("whsec_test", 1767000000, body));
        Assert.True(WebhookSignature.Verify("whsec_test", 1767000000, body, expected));
        Assert.False(WebhookSignature.Verify("whsec_test", 1767000000, "{\"id\":\"y\"}"u8, expected));
        Assert.False(WebhookSignature.Verify("whsec_test", 1767000000, body, null));
    }
}
