using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Closure;

namespace NgoFunctions.Tests.Closure;

/// <summary>The closure settings are read from configuration and refused when out of range.</summary>
[Trait("Category", "Unit")]
public sealed class ClosureOptionsTests
{
    [Fact]
    public void Defaults_FourteenDaysHourly()
    {
        var options = Resolve([]);

        Assert.Equal(TimeSpan.FromDays(14), options.ConfirmAfter);
        Assert.Equal("0 0 * * * *", options.SweepSchedule);
    }

    [Fact]
    public void Settings_AreRead()
    {
        Assert.Equal(TimeSpan.FromDays(30), Resolve(new() { ["Closure:ConfirmAfterDays"] = "30" }).ConfirmAfter);
    }

    [Theory]
    [InlineData("Closure:ConfirmAfterDays", "0")]
    [InlineData("Closure:ConfirmAfterDays", "366")]
    [InlineData("Closure:SweepSchedule", "0 * * * *")]
    public void OutOfRange_Refused(string setting, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new() { [setting] = value }));
    }

    private static ClosureOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddClosure();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ClosureOptions>>().Value;
    }
}
