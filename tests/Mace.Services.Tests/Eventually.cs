namespace Mace.Services.Tests;

/// <summary>Polling for a condition on real nodes (whose state is read through their lanes), with a deadline that fails the test.</summary>
internal static class Eventually
{
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var limit = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limit, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
