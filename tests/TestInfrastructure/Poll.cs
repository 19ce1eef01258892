using Xunit;

namespace EduPlatform.Testing;

public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 100 ms; fails the test if it is still false after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
