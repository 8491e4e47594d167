using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Telegram.Groups;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telegram;

/// <summary>The longest contact details intake accepts still fit in one Telegram message when an NGO's
/// group accepts the case (limits and message counted in the same unit: UTF-16 code units).</summary>
[Trait("Category", "Unit")]
public sealed class NgoCasePostLengthTests
{
    [Fact]
    public void AcceptedPost_LongestNameAndDescription_WithinTelegramsLimit()
    {
        var post = new NgoCasePost(new Texts(), new SectorCatalogue(), new LocationCatalogue());
        var name = new string('ّ', IntakeLimits.NameMax - 1) + "م";
        var description = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 100)) + new string('ع', IntakeLimits.DescriptionMax - 1100);
        Assert.Equal(IntakeLimits.DescriptionMax, description.Length);
        var now = DateTimeOffset.UtcNow;
        var view = new NgoCaseView(
            "ABCDE-FGHJK", "Accepted", new NgoAssignmentView(1, "Accepted", now, now.AddHours(24), now, null),
            "protection", "SY02", "SY0200", "SY020000", "critical", ["child", "disability", "elderly"], "ar", now, now,
            new CitizenDetails(name, "+963944123456", description), null, []);

        var text = post.AfterAction(NgoCaseAction.Accept, view).Text!;

        Assert.Contains(description, text);
        Assert.InRange(text.Length, IntakeLimits.DescriptionMax + IntakeLimits.NameMax, FakeBotApi.MaxMessageLength);
    }
}
