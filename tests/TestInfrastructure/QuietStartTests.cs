using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// Issue 23: a normal start on a new database logs no error, so that people never learn to ignore red
/// lines. Each service's test project runs it with a factory of its own (a fresh database).
/// </summary>
public abstract class QuietStartTests<TProgram>(ServiceFactory<TProgram> factory) where TProgram : class
{
    protected abstract string[] ReadinessChecks { get; }

    [Fact]
    public async Task A_normal_start_on_a_new_database_logs_no_error()
    {
        await factory.AssertHealthyAsync(ReadinessChecks);

        Assert.True(factory.Errors.Lines.Count == 0, string.Join("\n", factory.Errors.Lines));
    }
}
