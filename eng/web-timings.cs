#:package Microsoft.Playwright
#:property PublishAot=false
// Times the inspectors' web application as a person meets it, in Debian's Chromium, against a running platform
// (bash eng/run.sh): signing in until the ranking shows (the first view), every county's view and one school's,
// each opened afresh in the same browser. Prints a markdown table; nothing is asserted.
//   dotnet run eng/web-timings.cs [-- web-url credentials-file school-year]   (defaults: :5106, .state's, this school year)
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

var web = (args.ElementAtOrDefault(0) ?? "http://localhost:5106").TrimEnd('/');
var credentialsFile = args.ElementAtOrDefault(1) ?? ".state/identity/dev-credentials.json";
var year = int.TryParse(args.ElementAtOrDefault(2), out var y) ? y : DateTime.Today.Month >= 9 ? DateTime.Today.Year : DateTime.Today.Year - 1;

using var credentials = JsonDocument.Parse(File.ReadAllText(credentialsFile));
var person = credentials.RootElement.GetProperty("people").EnumerateArray()
    .First(p => p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "inspector"));

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    Args = ["--no-sandbox"],
});
var page = await browser.NewPageAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
page.SetDefaultTimeout(120_000);

await page.GotoAsync($"{web}/years/{year}");
await page.FillAsync("#username", person.GetProperty("username").GetString()!);
await page.FillAsync("#password", person.GetProperty("password").GetString()!);
var clock = Stopwatch.StartNew();
await page.ClickAsync("button[type=submit]");
await page.WaitForURLAsync($"{web}/years/{year}");
var firstView = clock.Elapsed.TotalMilliseconds;
var ranking = await NavigationAsync(page);
var counties = await page.EvalOnSelectorAllAsync<string[]>("table.ranking th a[href^='/counties/']", "links => links.map(a => a.getAttribute('href'))");

var countyViews = new List<(double Response, double Paint, double Ready)>();
var countyBytes = new List<double>();
string? school = null;
foreach (var county in counties)
{
    await page.GotoAsync(web + county);
    countyViews.Add(await NavigationAsync(page));
    countyBytes.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].decodedBodySize"));
    if (school is null && await page.Locator("details.schools a").CountAsync() > 0)
    {
        school = await page.Locator("details.schools a").First.GetAttributeAsync("href");
    }
}
var schoolViews = new List<(double Response, double Paint, double Ready)>();
for (var i = 0; i < 3 && school is not null; i++)
{
    await page.GotoAsync(web + school);
    schoolViews.Add(await NavigationAsync(page));
}
await page.GotoAsync($"{web}/years/{year}");
var rankingAgain = await NavigationAsync(page);

string Median(IEnumerable<double> values) => values.Order().ToArray() is { Length: > 0 } v ? $"{v[v.Length / 2]:F0}" : "—";
string Three(IEnumerable<(double Response, double Paint, double Ready)> views) =>
    $"{Median(views.Select(v => v.Response))} / {Median(views.Select(v => v.Paint))} / {Median(views.Select(v => v.Ready))} ms";
Console.WriteLine("| view: response complete / first paint / charts drawn (median) | figure | target |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| first view: sign-in submitted → ranking {year} shown ({counties.Length} counties) | {firstView:F0} ms | < 1 s |");
Console.WriteLine($"| the ranking page of the first view | {Three([ranking])} | |");
Console.WriteLine($"| ranking opened again | {Three([rankingAgain])} | |");
Console.WriteLine($"| county view, each county once | {Three(countyViews)} (slowest paint {countyViews.Max(v => v.Paint):F0} ms) | < 500 ms |");
Console.WriteLine($"| school view, three times | {Three(schoolViews)} | |");
Console.WriteLine($"| county page's HTML, median / largest | {Median(countyBytes.Select(b => b / 1024))} / {countyBytes.DefaultIfEmpty(0).Max() / 1024:F0} KB | |");

// From the browser's timings of the current page, since the navigation started: the response complete (the server's
// rendering, with its calls to inspection, and the transfer), the first contentful paint (the person sees the view), and
// the DOM ready (after the scripts have drawn the charts).
static async Task<(double Response, double Paint, double Ready)> NavigationAsync(IPage page)
{
    var t = await page.EvaluateAsync<double[]>(
        "() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0];" +
        " return [n.responseEnd, p ? p.startTime : n.domContentLoadedEventEnd, n.domContentLoadedEventEnd]; }");
    return (t[0], t[1], t[2]);
}
