using System.Buffers.Text;
using NgoFunctions.Core.NgoActions;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>The shape of NGO API keys: what is parsed without touching storage, and what is random.</summary>
[Trait("Category", "Unit")]
public sealed class NgoApiKeyFormatTests
{
    [Fact]
    public void New_ParsesBackToItsNgoAndKeyId()
    {
        var (keyId, key) = NgoApiKeyFormat.New("al-amal-medical-damascus");

        Assert.True(NgoApiKeyFormat.TryParse(key, out var ngoId, out var parsedKeyId));
        Assert.Equal("al-amal-medical-damascus", ngoId);
        Assert.Equal(keyId, parsedKeyId);
        Assert.True(NgoApiKeyFormat.IsKeyId(keyId));
    }

    [Fact]
    public void New_SecretIs32RandomBytesInBase64Url()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => NgoApiKeyFormat.New("ngo-a").Key).ToList();

        Assert.All(keys, k => Assert.Equal(32, Base64Url.DecodeFromChars(k.Split('.')[2]).Length));
        Assert.Equal(100, keys.Distinct().Count());
        Assert.Equal(100, keys.Select(k => k.Split('.')[1]).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-admin-key")]
    [InlineData("ngo-a.0123456789")]
    [InlineData("ngo-a.0123456789.")]
    [InlineData("ngo-a.0123456789.c2VjcmV0.extra")]
    [InlineData("Ngo_A.0123456789.c2VjcmV0")]
    [InlineData("ab.0123456789.c2VjcmV0")]
    [InlineData("ngo-a.012345678.c2VjcmV0")]
    [InlineData("ngo-a.ABCDEFGHJK.c2VjcmV0")]
    public void TryParse_NotAnNgoKey_False(string? presented)
    {
        Assert.False(NgoApiKeyFormat.TryParse(presented, out _, out _));
    }

    [Fact]
    public void TryParse_LongerThanAnyIssuedKey_FalseWithoutLookingFurther()
    {
        Assert.False(NgoApiKeyFormat.TryParse("ngo-a.0123456789." + new string('x', 200), out _, out _));
    }
}
