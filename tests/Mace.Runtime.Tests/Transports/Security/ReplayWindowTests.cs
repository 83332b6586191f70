using Mace.Runtime.Transports.Security;

namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>The per-sender anti-replay window.</summary>
public class ReplayWindowTests
{
    [Fact]
    public void Window_AcceptsEachNumberOnce_InAnyOrderWithinTheWindow_RejectsOlder()
    {
        var window = new ReplayWindow();
        Assert.True(window.TryAccept(100));
        Assert.False(window.TryAccept(100));
        Assert.True(window.TryAccept(98));   // late but inside the window
        Assert.False(window.TryAccept(98));
        Assert.True(window.TryAccept(200));  // a jump forward slides the window
        Assert.False(window.TryAccept(136)); // 200 - 64: fell out
        Assert.True(window.TryAccept(137));
        Assert.False(window.TryAccept(137));
        Assert.False(window.TryAccept(200));
    }
}
