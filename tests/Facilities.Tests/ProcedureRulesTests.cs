using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;

namespace EduPlatform.Facilities.Tests;

public sealed class ProcedureRulesTests
{
    private static Procedure Closure(params (ProcedureStep Step, string Date)[] steps)
    {
        var procedure = new Procedure { Id = Guid.NewGuid(), SchoolCode = "1306020001", CountyCode = "130602", Kind = ProcedureKind.Closure, ReceivingSchoolCode = "1306020002" };
        procedure.Steps.AddRange(steps.Select(s => new ProcedureStepRecord
        {
            ProcedureId = procedure.Id, Step = s.Step, Date = DateOnly.Parse(s.Date), DocumentReference = "X教〔2026〕1号",
        }));
        return procedure;
    }

    [Fact]
    public void Steps_are_accepted_only_in_their_statutory_order()
    {
        var procedure = Closure((ProcedureStep.Plan, "2026-03-01"));

        Assert.Null(procedure.RefuseStep(ProcedureStep.Assessment, DateOnly.Parse("2026-03-10")));
        Assert.Contains("the next step is 论证 (assessment), not 听证", procedure.RefuseStep(ProcedureStep.Hearing, DateOnly.Parse("2026-03-10")));
        Assert.Contains("already recorded", procedure.RefuseStep(ProcedureStep.Plan, DateOnly.Parse("2026-03-02")));
    }

    [Fact]
    public void A_step_dated_before_the_previous_one_is_refused() =>
        Assert.Contains("would come before 制定方案 on 2026-03-01",
            Closure((ProcedureStep.Plan, "2026-03-01")).RefuseStep(ProcedureStep.Assessment, DateOnly.Parse("2026-02-20")));

    [Fact]
    public void Completion_needs_all_five_steps_and_an_operating_receiving_school()
    {
        var four = Closure((ProcedureStep.Plan, "2026-03-01"), (ProcedureStep.Assessment, "2026-03-10"),
            (ProcedureStep.Publicity, "2026-04-01"), (ProcedureStep.Hearing, "2026-04-20"));
        Assert.Contains("missing: 报批", four.RefuseCompletion(DateOnly.Parse("2026-08-31"), SchoolStatus.Operating));

        var five = Closure((ProcedureStep.Plan, "2026-03-01"), (ProcedureStep.Assessment, "2026-03-10"),
            (ProcedureStep.Publicity, "2026-04-01"), (ProcedureStep.Hearing, "2026-04-20"), (ProcedureStep.Approval, "2026-06-01"));
        Assert.Contains("先建后撤", five.RefuseCompletion(DateOnly.Parse("2026-08-31"), SchoolStatus.Closed));
        Assert.Contains("先建后撤", five.RefuseCompletion(DateOnly.Parse("2026-08-31"), null));
        Assert.Contains("on or after its approval", five.RefuseCompletion(DateOnly.Parse("2026-05-01"), SchoolStatus.Operating));
        Assert.Null(five.RefuseCompletion(DateOnly.Parse("2026-08-31"), SchoolStatus.Operating));
        Assert.Contains("completed", new Func<string?>(() =>
        {
            five.CompletedAt = DateTimeOffset.UtcNow;
            return five.RefuseStep(ProcedureStep.Approval, DateOnly.Parse("2026-06-02"));
        })());
    }
}
