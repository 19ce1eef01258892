using System.Text;
using EduPlatform.Kernel;
using EduPlatform.WebApi;

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

    [Theory]
    [InlineData("code,count\nA,1\n\"B,2\nC,3\nD,4\n", "line 3")]
    [InlineData("code,count\nA,1\nB,\"2\nC,3\n", "line 3")]
    [InlineData("code,count\nA,1\nB\"x\",2\nC,3\n", "line 3")]
    public async Task A_malformed_line_is_a_fault_on_that_line_and_never_swallows_the_rows_after_it(string csv, string line)
    {
        var (_, problems) = await ReadAsync(csv);

        var errors = problems.ToDictionary();
        Assert.True(errors.ContainsKey(line), string.Join("; ", errors.Keys));
        Assert.Contains("not well-formed CSV", errors[line][0]);
    }

    [Fact]
    public async Task Control_characters_in_a_value_are_refused_naming_line_and_column()
    {
        var (_, problems) = await ReadAsync("code,count\nA\u0000B,1\n");

        Assert.Contains("control character U+0000", problems.ToDictionary()["line 2.code"][0]);
    }

    [Fact]
    public async Task Excel_exports_in_GB18030_are_read_when_declared_and_refused_as_not_UTF8_otherwise()
    {
        var gbk = CodePagesEncoding("GB18030").GetBytes("code,count\n北山县第一小学,3\n");
        var ct = TestContext.Current.CancellationToken;

        var declared = new Problems();
        var encoding = CsvRows.EncodingOf("text/csv; charset=GBK", declared);
        var (rows, problems) = await CsvRows.ReadAsync<Row>(new MemoryStream(gbk), ct, encoding);
        Assert.False(problems.Any || declared.Any);
        Assert.Equal("北山县第一小学", rows.Single().Row.Code);

        var (none, refused) = await CsvRows.ReadAsync<Row>(new MemoryStream(gbk), ct, CsvRows.EncodingOf("text/csv", new Problems()));
        Assert.Empty(none);
        Assert.Contains("not valid UTF-8", refused.ToDictionary()["line 1"][0]);
        Assert.Contains("gb18030", refused.ToDictionary()["line 1"][0]);

        var unknown = new Problems();
        Assert.Null(CsvRows.EncodingOf("text/csv; charset=latin1", unknown));
        Assert.Contains("gb18030", unknown.ToDictionary()["charset"][0]);
    }

    private static Encoding CodePagesEncoding(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}
