using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Deque.AxeCore.Playwright;
using EduPlatform.DemoCity;
using EduPlatform.Kernel;
using Microsoft.Playwright;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// The inspectors' web application in a real Chromium (Debian's, driven by Playwright), against the platform the
/// AppHost started with the small demo city: sign-in at the identity service (a wrong password refused);
/// ranking → county → school → Back; refresh keeps the view; a keyboard-only path to a school; charts with as many
/// points as the API has values; an unknown county's 404 and a year outside the platform explained in Chinese; a verdict
/// recorded through the form changing its line; no sideways scrolling at 390 px; sign-out clearing the screen and the
/// identity session; no serious or critical axe-core violation on any view; no script error.
/// Screenshots of each view at desktop and phone width, the steps' timings and, on failure, the last screen go to the
/// test output's screenshots folder.
/// </summary>
public sealed partial class AppHostTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private static async Task BrowseAsAnInspectorAsync(DistributedApplication app, Credentials credentials, CancellationToken ct)
    {
        using var api = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "inspector"));
        using var admin = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "admin"));
        await BrowseAsAnInspectorAsync(app.GetEndpoint(ResourceNames.WebApp, "http"), app.GetEndpoint(ResourceNames.Identity, "http"), api,
            admin, credentials, ct);
    }

    internal static async Task BrowseAsAnInspectorAsync(Uri webApp, Uri identity, HttpClient api, HttpClient admin, Credentials credentials,
        CancellationToken ct)
    {
        Directory.CreateDirectory(Screenshots);
        var web = webApp.ToString().TrimEnd('/');
        var year = Roster.Years[^1];
        var inspector = credentials.PersonWith("inspector");
        var ranking = await api.GetFromJsonAsync<JsonElement>($"/api/years/{year}/scorecards", ct);
        var counties = ranking.GetProperty("counties").EnumerateArray().ToArray();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
        await using var desktop = await browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await desktop.NewPageAsync();
        // Generous: on CI the other test assemblies share the two cores with the whole platform.
        page.SetDefaultTimeout(90_000);
        var trail = new Trail();
        // The requests still open when a step times out say what the page was waiting for (the server, or an asset).
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<IRequest, DateTime>();
        page.Request += (_, request) => pending[request] = DateTime.UtcNow;
        page.RequestFinished += (_, request) => pending.TryRemove(request, out DateTime _);
        page.RequestFailed += (_, request) => pending.TryRemove(request, out DateTime _);
        try
        {
            await BrowseAsync(page, trail, web, identity, api, admin, year, inspector, counties, ct);
        }
        catch (Exception failure)
        {
            try
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure.png"), FullPage = true });
            }
            catch (PlaywrightException)
            {
                // A crashed page takes no screenshot; the failure below is what matters.
            }
            var open = string.Join("; ", pending.Where(p => DateTime.UtcNow - p.Value > TimeSpan.FromSeconds(5))
                .Select(p => $"{p.Key.Method} {p.Key.Url} for {(DateTime.UtcNow - p.Value).TotalSeconds:0} s"));
            throw new InvalidOperationException($"The browser failed after step '{trail.Last}', at {page.Url}: {failure.Message}" +
                (open.Length > 0 ? $" Requests still open: {open}" : " No request was open."), failure);
        }
        finally
        {
            trail.Save(Path.Combine(Screenshots, "steps.txt"));
        }
    }

    private static async Task BrowseAsync(IPage page, Trail trail, string web, Uri identity, HttpClient api, HttpClient admin, int year,
        Credentials.Person inspector, JsonElement[] counties, CancellationToken ct)
    {
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        // Script errors, not refused requests (the wrong password's 400 is one, on purpose).
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                scriptErrors.Add(message.Text);
            }
        };

        // A protected address asks for sign-in at the identity service; a wrong password is refused in Chinese.
        await page.GotoAsync($"{web}/years/{year}");
        Assert.Contains("/signin", page.Url);
        Assert.StartsWith(identity.ToString().TrimEnd('/'), page.Url);
        await CheckAccessibilityAsync(page, "sign-in");
        trail.Mark("sign-in");
        await page.FillAsync("#username", inspector.Username);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("用户名或密码不正确", await page.InnerTextAsync("#error"));
        await page.FillAsync("#password", inspector.Password);
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("button[type=submit]");
        await ArriveAsync(page, url => url == $"{web}/years/{year}");
        var firstView = clock.Elapsed;
        Assert.Contains("全市排名", await page.InnerTextAsync("h1"));
        Assert.Equal(counties.Length, await page.Locator("table.ranking tbody tr").CountAsync());
        Assert.Equal(counties.Length, await page.EvaluateAsync<int>("() => Chart.getChart('ranking-chart').data.labels.length"));
        await CheckViewAsync(page, trail, "ranking");

        // Ranking → county → school → Back, and a refresh keeps the view.
        var county = counties.First(c => c.GetProperty("notMet").GetInt32() > 0);
        var code = county.GetProperty("countyCode").GetString()!;
        var name = county.GetProperty("countyName").GetString()!;
        clock.Restart();
        await page.ClickAsync($"a[href='/counties/{code}/years/{year}']");
        await ArriveAsync(page, url => url == $"{web}/counties/{code}/years/{year}");
        var countyView = clock.Elapsed;
        Assert.Contains(name, await page.InnerTextAsync("h1"));
        var resources = await api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{year}/resource-allocation", ct);
        foreach (var level in new[] { "primary", "junior" })
        {
            // One bubble per school and resource value, as many as the API computed.
            var expected = resources.GetProperty(level).GetProperty("schoolResults").EnumerateArray()
                .Sum(r => r.GetProperty("values").EnumerateObject().Count());
            if (expected > 0)
            {
                Assert.Equal(expected, await page.EvaluateAsync<int>(
                    $"() => Chart.getChart('schools-{level}').data.datasets.filter(d => d.type === 'bubble').reduce((n, d) => n + d.data.length, 0)"));
                // A point's tooltip names its school, its code and the indicator (the points carry only indexes into both).
                var tooltip = await page.EvaluateAsync<string>($"() => {{ const c = Chart.getChart('schools-{level}'); " +
                    "const d = c.data.datasets.find(d => d.type === 'bubble' && d.data.length); " +
                    "return c.options.plugins.tooltip.callbacks.label({ raw: d.data[0], dataset: d }); }");
                Assert.Matches(@"^\S.* · \d{10} · RA[1-7]：", tooltip);
            }
        }
        await CheckViewAsync(page, trail, "county");
        await page.ReloadAsync();
        Assert.Contains(name, await page.InnerTextAsync("h1"));

        var atFault = page.Locator("details.schools").First;
        await atFault.Locator("summary").ClickAsync();
        var schoolLink = atFault.Locator("a").First;
        var schoolHref = await schoolLink.GetAttributeAsync("href");
        await schoolLink.ClickAsync();
        await ArriveAsync(page, url => url == web + schoolHref);
        var schoolCode = schoolHref!.Split('/')[^1];
        var drillDown = await api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{year}/schools/{schoolCode}", ct);
        Assert.Contains(drillDown.GetProperty("facts").GetProperty("name").GetString()!, await page.InnerTextAsync("h1"));
        await CheckViewAsync(page, trail, "school");
        await GoBackAsync(page, url => url == $"{web}/counties/{code}/years/{year}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(name, new() { Timeout = 90_000 });

        // Keyboard only: Tab to the county's link in the ranking, Enter; Tab to a list of schools at fault, open it, Enter on a school.
        await page.GotoAsync($"{web}/years/{year}");
        await TabToAsync(page, $"a[href='/counties/{code}/years/{year}']");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, url => url == $"{web}/counties/{code}/years/{year}");
        await TabToAsync(page, "details.schools > summary");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "details.schools[open] a");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, url => url.StartsWith($"{web}/counties/{code}/years/{year}/schools/", StringComparison.Ordinal));

        static JsonElement[] Lines(JsonElement card) =>
            [.. card.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("lines").EnumerateArray())];
        static string? Level(JsonElement line) => line.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;

        // The other views: data quality, printable scorecard, evaluations (and a closed one's county), imports.
        await page.GotoAsync($"{web}/counties/{code}/years/{year}/data-quality");
        await CheckViewAsync(page, trail, "data-quality");
        await page.GotoAsync($"{web}/counties/{code}/years/{year}/print");
        await CheckViewAsync(page, trail, "print");
        // The county across the years it has: a bar per year, a row per line any year has, each year's value in its cell.
        await page.GotoAsync($"{web}/counties/{code}/years/{year}");
        await page.ClickAsync($"a[href='/counties/{code}/years/{year}/trend']");
        await ArriveAsync(page, url => url == $"{web}/counties/{code}/years/{year}/trend");
        // The years it has: of the five up to this one, those whose scorecard has any line with data (the demo city sends
        // earlier years' enrolment and staff for the projection; those years show, with their other lines missing).
        var cards = (await Task.WhenAll(Enumerable.Range(year - 4, 5).Select(y => api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{y}/scorecard", ct))))
            .Where(c => Lines(c).Any(l => l.GetProperty("status").GetString() != "no-data")).ToArray();
        var years = cards.Select(c => c.GetProperty("year").GetInt32()).ToArray();
        Assert.Contains(year, years);
        Assert.Equal(years.Select(y => $"{y}"), await page.EvaluateAsync<string[]>("() => Chart.getChart('trend-status').data.labels"));
        var keys = cards.SelectMany(Lines).Select(l => l.GetProperty("code").GetString() + " " + Level(l)).Distinct().Count();
        Assert.Equal(keys + 1, await page.Locator("table.trend tbody tr").CountAsync()); // and the verdict's row
        var cv = Lines(cards[^1]).First(l => l.GetProperty("code").GetString() == "RA1" && Level(l) == "primary").GetProperty("value").GetDecimal();
        Assert.Equal((double)Math.Round(cv, 4), await page.EvaluateAsync<double>("() => Chart.getChart('trend-cv-primary').data.datasets[0].data.at(-1)"));
        await CheckViewAsync(page, trail, "trend");

        await page.GotoAsync($"{web}/evaluations");
        await CheckViewAsync(page, trail, "evaluations");
        await page.ClickAsync("table a[href^='/evaluations/']");
        if (await page.Locator("#mid-final").CountAsync() > 0)
        {
            // Mid-term beside final: a pair of bars per county in the table.
            Assert.Equal(await page.Locator("main table tbody tr").CountAsync(),
                await page.EvaluateAsync<int>("() => Chart.getChart('mid-final').data.labels.length"));
        }
        await CheckViewAsync(page, trail, "evaluation");
        var evaluation = new Uri(page.Url).PathAndQuery;
        var closed = page.Locator($"a[href$='/counties/{code}']");
        if (await closed.CountAsync() > 0)
        {
            await closed.First.ClickAsync();
            Assert.Contains(name, await page.InnerTextAsync("h1"));
            await CheckViewAsync(page, trail, "evaluation-county");
        }
        await page.GotoAsync($"{web}/imports");
        await CheckViewAsync(page, trail, "imports");

        // Errors in plain Chinese, with the API's status: an unknown county is a 404, a year outside the platform a 400.
        var unknown = await page.GotoAsync($"{web}/counties/999999/years/{year}");
        Assert.Equal(404, unknown!.Status);
        Assert.Contains("没有这个县", await page.InnerTextAsync(".problem"));
        await CheckViewAsync(page, trail, "unknown-county");
        var outside = await page.GotoAsync($"{web}/counties/{code}/years/1990");
        Assert.Equal(400, outside!.Status);
        Assert.Contains("该学年不在平台的范围内", await page.InnerTextAsync(".problem"));

        // An inspector records a verdict through the form and sees the line change, as the API now has it: the opposite
        // of the line's status today (the demo city records some verdicts itself).
        var judged = Lines(await api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{year}/scorecard", ct))
            .First(l => l.GetProperty("code").GetString() is "GG1" or "GG2" or "GG10" or "EQ3" or "EQ5" or "EQ6" or "EQ7" or "EQ8");
        var judgedCode = judged.GetProperty("code").GetString()!;
        var judgedRow = Level(judged) is { } judgedLevel ? $"#line-{judgedCode}-{judgedLevel}" : $"#line-{judgedCode}";
        var met = judged.GetProperty("status").GetString() != "met";
        await page.GotoAsync($"{web}/counties/{code}/years/{year}");
        await page.ClickAsync($"a.record[href$='/verdicts/{judgedCode}']");
        await ArriveAsync(page, url => url == $"{web}/counties/{code}/years/{year}/verdicts/{judgedCode}");
        await page.ClickAsync("main button[type=submit]");
        Assert.Contains("请选择达标或未达标", await page.InnerTextAsync(".validation-errors")); // nothing chosen: refused, in Chinese
        await CheckViewAsync(page, trail, "verdict-form");
        await page.Locator("fieldset input[type=radio]").Nth(met ? 0 : 1).CheckAsync(); // 达标 Met, 未达标 Not met
        await page.FillAsync("#document", "测试县政发〔2026〕1号");
        await page.ClickAsync("main button[type=submit]");
        await ArriveAsync(page, url => url.Split('#')[0] == $"{web}/counties/{code}/years/{year}?recorded={judgedCode}"); // #line-… scrolls to the line
        Assert.StartsWith(met ? "达标" : "未达标", await page.InnerTextAsync($"{judgedRow} .badge"));
        var now = Lines(await api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{year}/scorecard", ct))
            .First(l => l.GetProperty("code").GetString() == judgedCode);
        Assert.Equal(met ? "met" : "not-met", now.GetProperty("status").GetString());

        // 整改模拟: the remedies and the projection as the API has them, and an inspector's own change computed by the API.
        var remedies = await api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{year}/remedies", ct);
        var projection = await api.GetFromJsonAsync<JsonElement>($"/api/counties/{code}/years/{year}/projection?until={year + 4}", ct);
        await page.GotoAsync($"{web}/counties/{code}/years/{year}");
        await page.ClickAsync($"a[href='/counties/{code}/years/{year}/remedies']");
        await ArriveAsync(page, url => url == $"{web}/counties/{code}/years/{year}/remedies");
        var actions = remedies.GetProperty("plan").GetProperty("changes").GetArrayLength();
        Assert.Equal(actions, actions == 0 ? 0 : await page.Locator("#actions tbody tr").CountAsync());
        Assert.Equal(projection.GetProperty("years").GetArrayLength(), await page.Locator("#projection-years tbody tr").CountAsync());
        var primarySchool = resources.GetProperty("inputs").EnumerateArray().First(s => s.GetProperty("level").GetString() == "primary")
            .GetProperty("schoolCode").GetString()!;
        await page.SelectOptionAsync("select[name='Form.Rows[0].Action']", "qualified");
        await page.SelectOptionAsync("select[name='Form.Rows[0].School']", primarySchool);
        await page.ClickAsync("#try-form button[type=submit]");
        Assert.Contains("第 1 行", await page.InnerTextAsync(".problem")); // no count: refused, naming the form's row
        await page.SelectOptionAsync("select[name='Form.Rows[0].Action']", "qualified");
        await page.SelectOptionAsync("select[name='Form.Rows[0].School']", primarySchool);
        await page.FillAsync("input[name='Form.Rows[0].Amount']", "30");
        await page.ClickAsync("#try-form button[type=submit]");
        await page.WaitForSelectorAsync("#trial-lines");
        var own = await (await api.PostAsJsonAsync($"/api/counties/{code}/years/{year}/scenarios",
            new { changes = new[] { new { kind = "teachers", school = primarySchool, level = "primary", teachers = "qualified", count = 30 } } }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);
        var moved = own.GetProperty("lines").EnumerateArray().Count(l =>
            l.GetProperty("change").ValueKind == JsonValueKind.Number && l.GetProperty("change").GetDecimal() != 0
            || l.GetProperty("todayStatus").GetString() != l.GetProperty("scenarioStatus").GetString());
        Assert.True(moved > 0);
        Assert.Equal(moved, await page.Locator("#trial-lines tbody tr").CountAsync());
        await CheckViewAsync(page, trail, "remedies");

        // The final evaluation, once an administrator has closed it: each county's verdict beside the mid-term's, with
        // the change, and a pair of bars per county (lines failing at the mid-term, at the final).
        var final = (await api.GetFromJsonAsync<JsonElement>("/api/evaluations", ct)).EnumerateArray()
            .First(e => e.GetProperty("kind").GetString() == "final").GetProperty("id").GetString()!;
        (await admin.PostAsync($"/api/evaluations/{final}/close", null, ct)).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/evaluations/{final}", ct))
            .GetProperty("evaluation").GetProperty("status").GetString() == "closed", TimeSpan.FromSeconds(90), "the final evaluation never closed");
        await page.GotoAsync($"{web}/evaluations/{final}");
        var frozen = await page.Locator("main table tbody tr").CountAsync();
        Assert.True(frozen > 0);
        Assert.Equal(frozen, await page.EvaluateAsync<int>("() => Chart.getChart('mid-final').data.labels.length"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => Chart.getChart('mid-final').data.datasets.length"));
        // A bar for the mid-term wherever the table shows the county's mid-term verdict.
        Assert.Equal(await page.Locator("main table tbody tr td:nth-child(3) .badge").CountAsync(),
            await page.EvaluateAsync<int>("() => Chart.getChart('mid-final').data.datasets[0].data.filter(v => v !== null).length"));
        await CheckViewAsync(page, trail, "evaluation-final");

        // Phone width: no main view scrolls sideways, neither the page nor a table in it.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (view, address) in new[]
        {
            ("ranking", $"/years/{year}"), ("county", $"/counties/{code}/years/{year}"), ("school", schoolHref!),
            ("county-compare", $"/counties/{code}/years/{year}?compare={year - 1}"), ("data-quality", $"/counties/{code}/years/{year}/data-quality"),
            ("evaluations", "/evaluations"), ("evaluation", evaluation), ("imports", "/imports"),
            ("verdict-form", $"/counties/{code}/years/{year}/verdicts/{judgedCode}"), ("remedies", $"/counties/{code}/years/{year}/remedies"),
            ("trend", $"/counties/{code}/years/{year}/trend"), ("evaluation-final", $"/evaluations/{final}"),
        })
        {
            await page.GotoAsync(web + address);
            var wider = await page.EvaluateAsync<string[]>(
                "() => [document.documentElement, ...document.querySelectorAll('.table-wrap')]" +
                ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => (e.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth)");
            Assert.True(wider.Length == 0, $"{view} at 390 px scrolls sideways: {string.Join(", ", wider)}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{view}-phone.png"), FullPage = true });
        }
        trail.Mark("phone");
        await page.SetViewportSizeAsync(1280, 900);

        // Sign-out clears the screen and ends the identity session too: Back shows nothing of what was there, and a
        // protected address asks for the password again.
        await page.GotoAsync($"{web}/years/{year}");
        await page.ClickAsync("form[action='/signout'] button");
        await ArriveAsync(page, url => url == $"{web}/signed-out");
        Assert.Equal(0, await page.Locator("table").CountAsync());
        Assert.Equal(0, await page.Locator("form[action='/signout']").CountAsync());
        await CheckViewAsync(page, trail, "signed-out");
        await GoBackAsync(page, url => !url.EndsWith("/signed-out", StringComparison.Ordinal));
        // Whatever Back lands on (the sign-in page, or the view asking for it), once it has rendered.
        await page.Locator("h1, #password").First.WaitForAsync();
        Assert.DoesNotContain(name, await page.InnerTextAsync("body"));
        await page.GotoAsync($"{web}/counties/{code}/years/{year}");
        Assert.StartsWith(identity.ToString().TrimEnd('/'), page.Url);
        Assert.True(await page.Locator("#password").IsVisibleAsync());
        trail.Mark("sign-out");
        Assert.Empty(scriptErrors);

        trail.Note($"first view {firstView.TotalMilliseconds:F0} ms (sign-in to ranking), county view {countyView.TotalMilliseconds:F0} ms");
    }

    /// <summary>
    /// The browser's Back, then the address it lands on, polled (<see cref="UntilAtAsync"/>). Callers then wait for the
    /// content they expect: Back may land outside the application (the identity service's sign-in).
    /// </summary>
    private static async Task GoBackAsync(IPage page, Func<string, bool> landed)
    {
        await page.EvaluateAsync("() => history.back()");
        await UntilAtAsync(page, landed);
    }

    /// <summary>
    /// Waits until the page is at an address of the application and the view is drawn: its document parsed, its scripts
    /// run and every chart made. Never the "load" event: on CI, Playwright's GoBackAsync and WaitForURLAsync, which wait
    /// for it, sat out their 90 s with the view already drawn at the address (after Back, and after Enter on a link).
    /// </summary>
    private static async Task ArriveAsync(IPage page, Func<string, bool> at)
    {
        await UntilAtAsync(page, at);
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading' && !!window.Chart && " +
            "[...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))", null, new() { Timeout = 90_000 });
    }

    /// <summary>Polls the page's address until <paramref name="at"/> holds, at most 90 s (the browser test's failure says where the page is).</summary>
    private static Task UntilAtAsync(IPage page, Func<string, bool> at) =>
        Poll.UntilAsync(() => Task.FromResult(at(page.Url)), TimeSpan.FromSeconds(90), "The page did not reach the expected address within 90 s.");

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 200 times): the element is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached {selector}");
    }

    private static async Task CheckViewAsync(IPage page, Trail trail, string view)
    {
        await CheckAccessibilityAsync(page, view);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{view}-desktop.png"), FullPage = true });
        trail.Mark(view);
    }

    private static async Task CheckAccessibilityAsync(IPage page, string view)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{view}: {serious.Count} serious or critical accessibility violation(s):\n{string.Join("\n", serious)}");
    }
}
