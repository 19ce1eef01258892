
namespace EduPlatform.DemoCity.Tests;

/// <summary>How the loader tells that inspection has everything: the totals it submitted against the read models'.</summary>
public sealed class LoaderTests
{
    private static readonly CountyData County = Generator.County(Roster.CountiesOf(CitySize.Small)[0], 2026, CitySize.Small);

    [Fact]
    public void Expected_totals_are_what_was_submitted()
    {
        var expected = Loader.Expected(County);
        var final = expected.Years.Single(y => y.Year == Roster.Years[^1]);

        Assert.Equal((County.Schools.Length, County.Teachers.Length, County.Courses.Length), (expected.Schools, expected.Teachers, expected.Training));
        Assert.Equal(County.Students(Roster.Years[^1]), final.Students);
        Assert.Equal(County.Years[^1].Allocations.Sum(a => a.PublicFunds), final.PublicFundsAllocated);
        // Years before the two evaluated ones carry enrolment only.
        var history = expected.Years.Single(y => y.Year == Roster.FirstEnrolmentYear);
        Assert.Equal((0, 0, 0), (history.Classes, history.FacilityReturns, history.WelfareReturns));
    }

    [Fact]
    public void A_county_is_missing_until_every_total_matches()
    {
        var expected = Loader.Expected(County);
        var years = expected.Years.ToArray();
        years[^1] = years[^1] with { Classes = years[^1].Classes - 1 };

        Assert.Equal(["139901: nothing yet"], Loader.Missing([expected], new ReadModelProgress(0, null, [])));
        var behind = Loader.Missing([expected], new ReadModelProgress(10, DateTimeOffset.UtcNow, [expected with { Years = years }]));
        Assert.Contains($"{Roster.Years[^1]}", Assert.Single(behind));
        Assert.Empty(Loader.Missing([expected], new ReadModelProgress(10, DateTimeOffset.UtcNow, [expected with { Teachers = expected.Teachers }])));
    }
}
