using EduPlatform.Inspection.Consumers;

namespace EduPlatform.Inspection.Tests;

public sealed class IntakeTests
{
    [Fact]
    public void Every_consumer_inspection_has_is_in_its_intake_once_so_the_rebuild_replays_what_is_consumed_live()
    {
        var consumers = typeof(InspectionIntake).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(MassTransit.IConsumer).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(consumers);
        Assert.All(consumers, c => Assert.Contains(c, InspectionIntake.All.Select(p => p.Consumer)));
        Assert.Equal(InspectionIntake.All.Length, InspectionIntake.All.Select(p => p.Event).Distinct().Count());
        Assert.Equal(InspectionIntake.ReadModels.Length, InspectionIntake.All.Sum(p => p.ReadModels.Length));
    }
}
