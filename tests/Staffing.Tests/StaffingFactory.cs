using System.Collections.Concurrent;
using System.Diagnostics;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace EduPlatform.Staffing.Tests;

/// <summary>
/// The staffing service for a return of tens of thousands of teachers. Its test bus only announces the registry: a
/// collector here would queue the return's 50,000 events ahead of another test's few, which then waited past their
/// minute whenever the big return ran first in the class (the order xunit picks changes with the build).
/// </summary>
public sealed class BulkStaffingFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.StaffingDb)
{
    protected override bool PublishesOnly => true;

    public Task<string> CountyWithSchoolsAsync(params (SchoolType Type, Location Location, bool Boarding)[] schools) =>
        RegistryAnnouncer.CountyWithSchoolsAsync<Program, StaffingDbContext>(this, Events, schools);
}

/// <summary>
/// The staffing service on real servers. Its test bus stands in for facilities and collects what
/// staffing publishes; every log line (with its state values) and every span it exports are kept,
/// so a test can look for personal data in them.
/// </summary>
public sealed class StaffingFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.StaffingDb)
{
    public ConcurrentQueue<string> Logs { get; } = new();
    public List<Activity> Spans { get; } = [];

    protected override Type[] CollectedEvents =>
    [
        typeof(TeacherRecorded), typeof(TrainingRecorded), typeof(ExchangeRecorded), typeof(ExchangeEligibilityReported),
        typeof(HonourAwarded), typeof(PayReferenceRecorded)
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }

    public Task<string> CountyWithSchoolsAsync(params (SchoolType Type, Location Location, bool Boarding)[] schools) =>
        RegistryAnnouncer.CountyWithSchoolsAsync<Program, StaffingDbContext>(this, Events, schools);

    public static string School(string county, int n) => RegistryAnnouncer.School(county, n);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                logs.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                logs.Enqueue($"{category}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
