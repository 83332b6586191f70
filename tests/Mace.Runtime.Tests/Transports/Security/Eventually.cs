namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>Awaits a condition polled on a short interval, failing after the test timeout.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, Func<string> describe)
    {
        using var timeout = new CancellationTokenSource(PingNode.Timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"condition not met within {PingNode.Timeout}: {describe()}");
            await tick.WaitForNextTickAsync(CancellationToken.None);
        }
    }
}
