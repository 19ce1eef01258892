using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Kernel;

namespace EduPlatform.Inspection.Tests;

/// <summary>Scenario changes on a county's facts alone (the API tests run them through the engine).</summary>
public sealed class ScenariosTests
{
    private static CountyYearFacts Facts(int[] classes) => new("130000", "测试县", 2026,
        [new SchoolSection("A", "A", SchoolType.Primary, Section.Primary, 218, 0, 0, 0, 0m, 0m, 0m, 0, 0, 0, 0, 0)],
        [new SchoolFacts("A", "A", SchoolType.Primary, 218, classes, null, null, null, null, null, null, null)],
        null!, null!,
        new PlanFacts([new SchoolPlanFacts("A", Location.Town, false, 218, classes.Length, 10, [], null, 0, 0, 0, 0, null)], null, null, 0,
            new Dictionary<Rank, decimal>(), null, null, [], []),
        null!, null!, [], null, []);

    [Fact]
    public void Splitting_classes_divides_each_class_above_the_size_as_evenly_as_whole_students_go()
    {
        var problems = new Problems();
        var changed = Scenarios.Apply(Facts([70, 45, 103]), [new ScenarioChange("split-classes", "A", "primary", MaxSize: 50)], problems);

        Assert.False(problems.Any);
        // 70 → 35 + 35; 45 stays; 103 → 35 + 34 + 34. Six classes, the same 218 students.
        Assert.Equal([35, 35, 45, 35, 34, 34], changed.Schools.Single().PrimaryClasses!);
        Assert.Equal(6, changed.Plan.Schools.Single().Classes);
    }

    [Theory]
    [InlineData(45, "maxSize")]  // no class is larger: a change that changes nothing is a mistake
    [InlineData(5, "maxSize")]   // below the smallest class a plan would make
    [InlineData(null, "maxSize")]
    public void A_split_that_cannot_apply_names_the_field(int? maxSize, string field)
    {
        var problems = new Problems();
        Scenarios.Apply(Facts([40, 45]), [new ScenarioChange("split-classes", "A", "primary", MaxSize: maxSize)], problems);

        Assert.Contains($"changes[0].{field}", problems.ToDictionary().Keys);
    }
}
