using Microsoft.Extensions.Options;
using NgoFunctions.Core.Security;

namespace NgoFunctions.Tests.Security;

/// <summary>Admin API key check against a configured SHA-256 hash.</summary>
[Trait("Category", "Unit")]
public sealed class ApiKeyVerifierTests
{
    private const string Key = "local-admin-key";

    // python3 -c 'import hashlib; print(hashlib.sha256(b"local-admin-key").hexdigest())'
    private const string KeySha256 = "4ab7b7cd7a009307f975da639ffcb2f104e371d271e936dab005ee993474b81d";

    private static ApiKeyVerifier Verifier(string? configuredHash) =>
        new(new StaticOptionsMonitor(new SecurityOptions { AdminApiKeySha256 = configuredHash }));

    [Fact]
    public void Hash_KnownKey_EqualsSha256sumOfUtf8Bytes()
    {
        Assert.Equal(KeySha256, ApiKeyVerifier.Hash(Key));
    }

    [Fact]
    public void Hash_ArabicKey_HashesUtf8Bytes()
    {
        // python3 -c 'import hashlib; print(hashlib.sha256("مفتاح".encode()).hexdigest())'
        Assert.Equal("8a9d0e6c56ececec1a6c3f19db0a89182d404af693df9865c5f16570fcd482a8", ApiKeyVerifier.Hash("مفتاح"));
    }

    [Fact]
    public void IsAdmin_RightKey_True()
    {
        Assert.True(Verifier(KeySha256).IsAdmin(Key));
    }

    [Fact]
    public void IsAdmin_UpperCaseHexHashConfigured_True()
    {
        Assert.True(Verifier(KeySha256.ToUpperInvariant()).IsAdmin(Key));
    }

    [Fact]
    public void IsAdmin_HashWithSurroundingWhitespace_True()
    {
        Assert.True(Verifier($"  {KeySha256}\n").IsAdmin(Key));
    }

    [Theory]
    [InlineData("local-admin-key ")]
    [InlineData("Local-admin-key")]
    [InlineData("local-admin-ke")]
    [InlineData("مفتاح-المشرف")]
    [InlineData("4ab7b7cd7a009307f975da639ffcb2f104e371d271e936dab005ee993474b81d")] // the hash itself
    public void IsAdmin_WrongKey_False(string presented)
    {
        Assert.False(Verifier(KeySha256).IsAdmin(presented));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsAdmin_NoKeyPresented_False(string? presented)
    {
        Assert.False(Verifier(KeySha256).IsAdmin(presented));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void IsAdmin_NoHashConfigured_False(string? configured)
    {
        Assert.False(Verifier(configured).IsAdmin(Key));
        Assert.False(Verifier(configured).IsAdmin(string.Empty));
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("4ab7b7cd7a009307f975da639ffcb2f104e371d271e936dab005ee993474b81")] // odd length
    [InlineData("zzb7b7cd7a009307f975da639ffcb2f104e371d271e936dab005ee993474b81d")] // not hex
    [InlineData("4ab7b7cd7a009307")] // hex but too short
    [InlineData("local-admin-key")] // the key itself instead of its hash
    public void IsAdmin_MalformedHashConfigured_False(string configured)
    {
        Assert.False(Verifier(configured).IsAdmin(Key));
    }

    [Fact]
    public void IsAdmin_ConfigurationChanges_UsesCurrentValue()
    {
        var monitor = new StaticOptionsMonitor(new SecurityOptions { AdminApiKeySha256 = KeySha256 });
        var verifier = new ApiKeyVerifier(monitor);
        Assert.True(verifier.IsAdmin(Key));

        monitor.CurrentValue = new SecurityOptions { AdminApiKeySha256 = ApiKeyVerifier.Hash("rotated-key") };

        Assert.False(verifier.IsAdmin(Key));
        Assert.True(verifier.IsAdmin("rotated-key"));
    }

    private sealed class StaticOptionsMonitor(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue { get; set; } = value;

        public SecurityOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }
}
