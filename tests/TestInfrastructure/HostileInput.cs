using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// Walks every write endpoint a service maps (found from its routing, so a new endpoint is walked too)
/// with a fixed corpus of hostile and clumsy bodies — null rows, NUL and control characters, zero-width
/// and full-width characters, huge and negative numbers, deep nesting, malformed and GBK-encoded CSV,
/// oversized bodies — and asserts that each is answered 4xx with a ProblemDetails and changes no row.
/// </summary>
public static class HostileInput
{
    /// <summary>
    /// A JSON object (or, for a row type, an array of one) with every field of <paramref name="type"/>: text
    /// fields from <paramref name="text"/>, numbers from <paramref name="number"/>, the rest plausible.
    /// </summary>
    private static string Body(Type type, Func<string, string> text, string number)
    {
        var row = type.IsArray ? type.GetElementType()! : type;
        var parameters = row.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];
        var fields = parameters.Select(p =>
        {
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name!);
            var t = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            var value = t == typeof(string) ? text(name)
                : t == typeof(string[]) ? $"[{text(name)}]"
                : t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) ? number
                : t == typeof(decimal[]) || t == typeof(int[]) ? $"[{number}]"
                : t == typeof(bool) ? "true"
                : t == typeof(DateOnly) ? "\"2026-09-01\""
                : t == typeof(DateTimeOffset) ? "\"2026-09-01T00:00:00Z\""
                : t == typeof(Guid) ? $"\"{Guid.NewGuid()}\""
                : t.IsEnum ? "\"x\""
                : t.IsArray ? $"[{Body(t.GetElementType()!, text, number)}]"
                : t.IsClass ? Body(t, text, number)
                : "null";
            return $"\"{name}\":{value}";
        });
        var body = "{" + string.Join(",", fields) + "}";
        return type.IsArray ? $"[{body}]" : body;
    }

    private static bool IsName(string field) => field is "name" or "course" or "inspector" or "documentReference" or "plannedName";

    private static bool IsCode(string field) => field.EndsWith("Code", StringComparison.Ordinal) || field is "code" or "idNumber";

    /// <summary>The corpus for an endpoint accepting <paramref name="type"/>: (what, content type, body).</summary>
    public static IEnumerable<(string What, string ContentType, byte[] Body)> Corpus(Type type)
    {
        const string json = "application/json";
        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("[null]", json, Utf8("[null]"));
        yield return ("null", json, Utf8("null"));
        yield return ("malformed JSON", json, Utf8("{\"name\": \"unterminated"));
        // A hostile text only where the type has text, a hostile number only where it has numbers: otherwise the body is valid.
        var hasText = Body(type, _ => "\"a\"", "1") != Body(type, _ => "\"b\"", "1");
        var hasNumbers = Body(type, _ => "\"a\"", "1") != Body(type, _ => "\"a\"", "2");
        if (hasText)
        {
            yield return ("a NUL in every text field", json, Utf8(Body(type, _ => "\"a\\u0000b\"", "1")));
            yield return ("control characters in every text field", json, Utf8(Body(type, _ => "\"a\\u001bb\\u0007\"", "1")));
            yield return ("a lone surrogate in every text field", json, Utf8(Body(type, _ => "\"\\ud800\"", "1")));
            yield return ("zero-width names, full-width codes", json,
                Utf8(Body(type, f => IsName(f) ? "\"\\u200b\\u200d\\ufeff\"" : IsCode(f) ? "\"１３９９０１\"" : "\"x\"", "1")));
        }
        if (hasNumbers)
        {
            yield return ("huge numbers", json, Utf8(Body(type, _ => "\"x\"", "1e30")));
            yield return ("huge whole numbers", json, Utf8(Body(type, _ => "\"x\"", "99999999999999999999999999999")));
            yield return ("negative numbers", json, Utf8(Body(type, _ => "\"x\"", "-1")));
        }
        yield return ("deep nesting", json, Utf8(new string('[', 200) + new string(']', 200)));
        yield return ("deep object nesting", json, Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)));
        yield return ("a string where an object goes", json, Utf8("\"hello\""));
        yield return ("CSV with an unterminated quote", "text/csv", Utf8("name,code\n\"a,b\nc,d\n"));
        yield return ("CSV with a NUL", "text/csv", Utf8("name,code\na\u0000,b\n"));
        yield return ("CSV in GBK, undeclared", "text/csv", GbkBytes("name,schoolCode\n北山县,1399010001\n"));
        yield return ("CSV in an unknown charset", "text/csv; charset=ebcdic", Utf8("name\nx\n"));
        yield return ("CSV with only garbage", "text/csv", Utf8("\u00ff\u00fe,,,\"\"\"\n"));
        yield return ("an oversized single record", json, Utf8("{\"name\":\"" + new string('x', 2 << 20) + "\"}"));
    }

    private static byte[] GbkBytes(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }

    /// <summary>
    /// Sends every corpus body to every write endpoint of the service, its route filled in by
    /// <paramref name="routeValue"/> (parameter name, route pattern → value), and asserts each answer.
    /// </summary>
    public static async Task WalkAsync<TProgram>(ServiceFactory<TProgram> factory, Func<string, string, string> routeValue)
        where TProgram : class
    {
        var ct = TestContext.Current.CancellationToken;
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Endpoint: e)))
            .Where(x => x.Method is "PUT" or "POST" or "PATCH" && x.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            .ToList();
        Assert.NotEmpty(endpoints);
        using var client = factory.CreateClient();
        var failures = new List<string>();
        var before = await RowCountsAsync(factory.DatabaseConnectionString, ct);
        foreach (var (method, endpoint) in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            var path = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => routeValue(parameter.Name, pattern.RawText ?? ""),
                _ => "",
            }))));
            foreach (var (what, contentType, body) in Corpus(endpoint.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType ?? typeof(object)))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                using var response = await client.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status is < 400 or > 499 || type != "application/problem+json")
                {
                    var text = await response.Content.ReadAsStringAsync(ct);
                    failures.Add($"{method} {path} with {what}: {status} {type} {text[..Math.Min(200, text.Length)]}");
                }
            }
        }
        var after = await RowCountsAsync(factory.DatabaseConnectionString, ct);
        Assert.True(failures.Count == 0, $"{failures.Count} hostile requests were not refused with a 4xx ProblemDetails:\n{string.Join("\n", failures)}");
        Assert.Equal(before, after);
    }

    /// <summary>Fills a route with a registered county and school (so the body is what the endpoint judges), 2026 and a fresh id.</summary>
    public static Func<string, string, string> RouteValues(string county, string school) => (name, pattern) => name switch
    {
        "county" or "countyCode" => county,
        "code" when pattern.StartsWith("/api/counties/{code}", StringComparison.Ordinal) => county,
        "code" => school,
        "year" => "2026",
        "id" => Guid.NewGuid().ToString(),
        _ => "x",
    };

    /// <summary>Rows per table, but for the messaging bookkeeping that consumers and relays change on their own.</summary>
    public static async Task<string> RowCountsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(format('%s=%s', table_name,
                (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text), ', '
                ORDER BY table_name)
            FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
              AND table_name NOT IN ('outbox_messages', 'inbox_messages', 'consumed_events', 'county_changes', '__EFMigrationsHistory')
            """, connection);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
