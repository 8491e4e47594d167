using System.Diagnostics;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.Tests.Telemetry;

/// <summary>The span processor that masks Table Storage keys and filters in storage URLs.</summary>
[Trait("Category", "Unit")]
public sealed class StorageKeyRedactionTests
{
    [Theory]
    [InlineData(
        "http://127.0.0.1:10002/devstoreaccount1/Conversations(PartitionKey='chat',RowKey='905001')",
        "http://127.0.0.1:10002/devstoreaccount1/Conversations(PartitionKey='***',RowKey='***')")]
    [InlineData(
        "https://st.table.core.windows.net/ServiceRequests(PartitionKey=%27AB12CD34EF%27,RowKey=%27request%27)?$select=Status",
        "https://st.table.core.windows.net/ServiceRequests(PartitionKey=%27***%27,RowKey=%27***%27)?$select=Status")]
    [InlineData(
        "https://st.table.core.windows.net/IntakeGuards()?%24filter=PartitionKey%20eq%20%27phone-963944%27&%24top=5",
        "https://st.table.core.windows.net/IntakeGuards()?%24filter=***&%24top=5")]
    [InlineData(
        "https://st.table.core.windows.net/Waitlist()?$top=20&NextPartitionKey=1!8!aGVhbHRo&NextRowKey=1!8!YWJj",
        "https://st.table.core.windows.net/Waitlist()?$top=20&NextPartitionKey=***&NextRowKey=***")]
    [InlineData("https://st.queue.core.windows.net/requests-submitted/messages", "https://st.queue.core.windows.net/requests-submitted/messages")]
    [InlineData("POST", "POST")]
    public void RedactKeys_MasksKeysAndFiltersOnly(string text, string expected)
    {
        Assert.Equal(expected, StorageKeyRedaction.RedactKeys(text));
    }

    [Fact]
    public void OnEnd_MasksEveryStringTag_LeavesOthers()
    {
        using var span = new Activity("GET")
            .SetTag("url.full", "http://127.0.0.1:10002/devstoreaccount1/Conversations(PartitionKey='chat',RowKey='905001')")
            .SetTag("server.port", 10002)
            .SetTag("http.request.method", "GET");

        new StorageKeyRedaction().OnEnd(span);

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/Conversations(PartitionKey='***',RowKey='***')", span.GetTagItem("url.full"));
        Assert.Equal(10002, span.GetTagItem("server.port"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
    }
}
