using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.NgoActions;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>The NGO side's settings are read from configuration and refused when out of range.</summary>
[Trait("Category", "Unit")]
public sealed class SlaOptionsTests
{
    [Fact]
    public void Defaults_TwentyFourHoursSevenDaysThreeAssignmentsEveryFiveMinutes()
    {
        var options = Resolve([]);

        Assert.Equal(TimeSpan.FromHours(24), options.AcceptDeadline);
        Assert.Equal(TimeSpan.FromDays(7), options.StalePeriod);
        Assert.Equal(3, options.MaxAssignments);
        Assert.Equal("0 */5 * * * *", options.SweepSchedule);
    }

    [Fact]
    public void Settings_AreRead()
    {
        var options = Resolve(new() { ["Sla:AcceptDeadlineHours"] = "48", ["Sla:StaleAfterDays"] = "3", ["Sla:MaxAssignments"] = "5" });

        Assert.Equal(TimeSpan.FromHours(48), options.AcceptDeadline);
        Assert.Equal(TimeSpan.FromDays(3), options.StalePeriod);
        Assert.Equal(5, options.MaxAssignments);
    }

    [Theory]
    [InlineData("Sla:AcceptDeadlineHours", "0")]
    [InlineData("Sla:StaleAfterDays", "0")]
    [InlineData("Sla:MaxAssignments", "0")]
    [InlineData("Sla:SweepSchedule", "*/5 * * * *")]
    public void OutOfRange_Refused(string setting, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new() { [setting] = value }));
    }

    private static SlaOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddNgoActions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SlaOptions>>().Value;
    }
}
