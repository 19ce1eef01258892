using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduPlatform.Inspection.Apis;

/// <summary>The indicators computed from the departments' events.</summary>
public static class IndicatorApi
{
    public static IEndpointRouteBuilder MapIndicatorApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/counties/{county}/years/{year:int}/resource-allocation", GetResourceAllocation).WithTags("Indicators");
        app.MapGet("/api/counties/{county}/years/{year:int}/government-guarantee", GetGovernmentGuarantee).WithTags("Indicators");
        return app;
    }

    public sealed record ResourceAllocationDto(string CountyCode, int Year, string Standard, ResourceResult Primary, ResourceResult Junior,
        SchoolSection[] Inputs);

    /// <summary>
    /// 资源配置 RA1–RA7 for the county and school year, per level: each school's values and verdict, each
    /// indicator's enrolment-weighted CV (with the schools that pull it up most), the 2012 baseline, and
    /// every input, so an inspector can redo any figure by hand.
    /// </summary>
    public static async Task<Ok<ResourceAllocationDto>> GetResourceAllocation(string county, int year, InspectionDbContext db, CancellationToken ct)
    {
        var inputs = await ResourceInputs.LoadAsync(db, county, year, ct);
        var standard = StandardSet.National2017;
        return TypedResults.Ok(new ResourceAllocationDto(county, year, standard.Name,
            ResourceIndicators.Evaluate(Section.Primary, inputs, standard), ResourceIndicators.Evaluate(Section.Junior, inputs, standard),
            [.. inputs]));
    }

    public sealed record GuaranteeDto(string CountyCode, int Year, IndicatorResult[] Indicators, SchoolFacts[] Schools);

    /// <summary>
    /// The data-based 政府保障程度 items (GG3–GG8, GG12, GG14, GG15) and EQ2 for the county and school year:
    /// value, threshold, status, the schools at fault and the inputs; the evidence items (GG1, GG2, GG10)
    /// need an inspector's verdict and are not computed.
    /// </summary>
    public static async Task<Ok<GuaranteeDto>> GetGovernmentGuarantee(string county, int year, InspectionDbContext db, CancellationToken ct)
    {
        var (schools, teachers, facts) = await GuaranteeInputs.LoadAsync(db, county, year, ct);
        return TypedResults.Ok(new GuaranteeDto(county, year,
            [.. GuaranteeIndicators.Evaluate(schools, teachers, facts, GuaranteeStandard.National2017)], [.. schools]));
    }
}
