using System.Buffers.Text;
using System.Text;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class ContinuationTokensTests
{
    private const string StorageToken = "damascus-health case-open-20261129-ABCD1234";

    [Fact]
    public void Unwrap_SameListing_GivesTheStorageTokenBack()
    {
        var token = ContinuationTokens.Wrap(StorageToken, "damascus-health|Routed");

        Assert.Equal(StorageToken, ContinuationTokens.Unwrap(token, "damascus-health|Routed"));
    }

    [Fact]
    public void Wrap_TokenIsUrlSafe()
    {
        var token = ContinuationTokens.Wrap(StorageToken + " ما بعد", "ngo|");

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Theory]
    [InlineData("damascus-health|")] // same NGO, the status filter dropped
    [InlineData("aleppo-food|Routed")] // another NGO
    public void Unwrap_AnotherListing_Null(string otherScope)
    {
        var token = ContinuationTokens.Wrap(StorageToken, "damascus-health|Routed");

        Assert.Null(ContinuationTokens.Unwrap(token, otherScope));
    }

    [Fact]
    public void Unwrap_BareStorageTokenMadeUpByHand_Null()
    {
        // Well-formed base64url of a plausible storage token, but not one this API handed out.
        var madeUp = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("aleppo-food case-open-1"));

        Assert.Null(ContinuationTokens.Unwrap(madeUp, "aleppo-food|"));
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("not base64!")]
    public void Unwrap_NotBase64Url_Null(string token) =>
        Assert.Null(ContinuationTokens.Unwrap(token, "ngo|"));

    [Fact]
    public void Unwrap_TooLong_Null()
    {
        var token = ContinuationTokens.Wrap(new string('x', 4000), "ngo|");

        Assert.Null(ContinuationTokens.Unwrap(token, "ngo|"));
    }

    [Fact]
    public void Wrap_NoNextPage_StaysNull() =>
        Assert.Null(ContinuationTokens.Wrap(null, "ngo|"));

    [Fact]
    public void Unwrap_Absent_Null()
    {
        Assert.Null(ContinuationTokens.Unwrap(null, "ngo|"));
        Assert.Null(ContinuationTokens.Unwrap(string.Empty, "ngo|"));
    }
}
