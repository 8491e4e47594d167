using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Azure;
using Azure.Data.Tables;
using NgoFunctions.App.Http;

namespace NgoFunctions.Tests.Http;

/// <summary>Which exceptions escaping an HTTP function are a dependency's outage (503 + Retry-After)
/// and which are our own fault (500).</summary>
[Trait("Category", "Unit")]
public sealed class FailureAnswersTests
{
    public static TheoryData<Exception> Outages() => new()
    {
        new RequestFailedException(503, "Server busy"),
        new RequestFailedException(500, "Internal error"),
        new RequestFailedException(0, "Connection refused", new HttpRequestException("refused")),
        new RequestFailedException(429, "Too many requests"),
        new RequestFailedException(408, "Operation timed out"),
        new HttpRequestException("Connection reset"),
        new SocketException((int)SocketError.ConnectionRefused),
        new TimeoutException(),
        new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout"),
        new AggregateException("Retry failed after 3 tries.", new TaskCanceledException(), new TaskCanceledException(), new RequestFailedException(0, "reset")),
        new TargetInvocationException(new RequestFailedException(502, "Bad gateway")),
    };

    public static TheoryData<Exception> Faults() => new()
    {
        new InvalidOperationException("A bug"),
        new NullReferenceException(),
        new RequestFailedException(400, "Bad request"),
        new RequestFailedException(404, "Not found"),
        new RequestFailedException(409, "Conflict"),
        new RequestFailedException(412, "Precondition failed"),
        new AggregateException(new TimeoutException(), new InvalidOperationException("a bug among outages")),
        new AggregateException(),
        new TargetInvocationException(new ArgumentException("bad argument")),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void Classify_StorageOrNetworkFailure_Unavailable(Exception exception) =>
        Assert.Equal(FailureKind.Unavailable, FailureAnswers.Classify(exception, CancellationToken.None));

    [Theory]
    [MemberData(nameof(Faults))]
    public void Classify_AnythingElse_Unexpected(Exception exception) =>
        Assert.Equal(FailureKind.Unexpected, FailureAnswers.Classify(exception, CancellationToken.None));

    [Fact]
    public void Classify_TableTransactionWith5xx_UnavailableButWith4xx_Unexpected()
    {
        Assert.Equal(FailureKind.Unavailable, FailureAnswers.Classify(Transaction(503), CancellationToken.None));
        Assert.Equal(FailureKind.Unexpected, FailureAnswers.Classify(Transaction(412), CancellationToken.None));
    }

    [Fact]
    public void Classify_CancelledAfterTheClientAborted_ClientGone()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        Assert.Equal(FailureKind.ClientGone, FailureAnswers.Classify(new TaskCanceledException(), aborted.Token));
        Assert.Equal(FailureKind.ClientGone, FailureAnswers.Classify(new OperationCanceledException(aborted.Token), aborted.Token));
        // A bug is still a bug when the client happens to have gone.
        Assert.Equal(FailureKind.Unexpected, FailureAnswers.Classify(new InvalidOperationException(), aborted.Token));
    }

    // TableTransactionFailedException has no public constructor: the SDK builds it from a failed
    // transaction's RequestFailedException, keeping its status.
    private static TableTransactionFailedException Transaction(int status) =>
        new(new RequestFailedException(status, $"status {status}"));
}
