using System.Text;
using EduPlatform.ServiceDefaults;

namespace EduPlatform.ServiceDefaults.Tests;

public sealed class CsvRowsTests
{
    public sealed record Row(string? Code, int? Count, decimal? Amount, bool? Flag, DateOnly? On, decimal[]? Areas, string[]? Tags, Guid? Id);

    private static Task<(List<Located<Row>> Rows, Problems Problems)> ReadAsync(string csv) =>
        CsvRows.ReadAsync<Row>(new MemoryStream(Encoding.UTF8.GetBytes(csv)), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Reads_every_type_with_quotes_lists_chinese_booleans_and_blank_values()
    {
        var id = Guid.NewGuid();
        var (rows, problems) = await ReadAsync(
            $"code,COUNT,amount,flag,on,areas,tags,id\n\"A, \"\"quoted\"\"\",3,12.50,是,2026-09-01,96;100,music；pe,{id}\nB,,,否,,,,\n");

        Assert.False(problems.Any);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new Row("A, \"quoted\"", 3, 12.50m, true, new DateOnly(2026, 9, 1), null, null, id) with { Areas = rows[0].Row.Areas, Tags = rows[0].Row.Tags },
            rows[0].Row);
        Assert.Equal([96m, 100m], rows[0].Row.Areas!);
        Assert.Equal(["music", "pe"], rows[0].Row.Tags!);
        Assert.Equal(("line 3", "B", null, false), (rows[1].Where, rows[1].Row.Code, rows[1].Row.Count, rows[1].Row.Flag));
    }

    [Fact]
    public async Task A_quoted_field_may_span_lines_and_rows_keep_their_starting_line()
    {
        var (rows, _) = await ReadAsync("code,count\n\"two\nlines\",1\nnext,2");

        Assert.Equal(("line 2", "two\nlines"), (rows[0].Where, rows[0].Row.Code));
        Assert.Equal("line 4", rows[1].Where);
    }

    [Fact]
    public async Task Unreadable_values_unknown_columns_and_short_lines_are_all_reported()
    {
        var (_, problems) = await ReadAsync("code,count,amount,flag,on\nA,x,1.5.5,maybe,2026-13-01\nB,1");
        var errors = problems.ToDictionary();

        Assert.Equal(["line 2.amount", "line 2.count", "line 2.flag", "line 2.on", "line 3"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'x' is not a whole number", errors["line 2.count"][0]);
        Assert.Contains("not a date", errors["line 2.on"][0]);

        var (_, header) = await ReadAsync("code,colour\nA,red");
        Assert.Contains("Unknown column 'colour'", header.ToDictionary()["line 1.header"][0]);
        var (_, empty) = await ReadAsync("");
        Assert.True(empty.Any);
    }

    [Fact]
    public void Long_fault_lists_are_capped_with_a_count_of_the_rest()
    {
        var problems = new Problems();
        for (var i = 0; i < BulkInput.MaxListedFaults + 5; i++)
        {
            problems.Error($"line {i}", "x", "bad");
        }

        var refused = BulkInput.Refused(problems);

        Assert.Equal(BulkInput.MaxListedFaults + 1, refused.ProblemDetails.Errors.Count);
        Assert.Contains("5 more faults", refused.ProblemDetails.Errors["more"][0]);
    }
}
