using Mace.Checking.Search;

namespace Mace.Checking.Execution;

public sealed partial class CheckWorld
{
    private const int ReuseCheckWalks = 4;
    private const int ReuseCheckSteps = 60;

    // Reuse is only a speed-up, so it must be invisible: a few seeded walks run once on rebuilt nodes
    // and once on reset ones, and reuse is switched on only if every state hash along them agrees.
    private void DecideReuse()
    {
        if (!Options.ReuseNodes)
        {
            _reuse = ReuseState.Off;
            return;
        }
        var saved = Chooser;
        var recorder = Recorder;
        Recorder = null;
        var same = true;
        for (var walk = 0; walk < ReuseCheckWalks && same; walk++)
        {
            _reuse = ReuseState.Off;
            var rebuilt = SampleWalk((ulong)walk);
            _reuse = ReuseState.On;
            var reused = SampleWalk((ulong)walk);
            same = rebuilt.AsSpan().SequenceEqual(reused);
        }
        Chooser = saved;
        Recorder = recorder;
        _reuse = same ? ReuseState.On : ReuseState.Off;
    }

    private ulong[] SampleWalk(ulong seed)
    {
        var chooser = new RandomChooser();
        chooser.Start([], 0, seed);
        Chooser = chooser;
        Reset();
        var hashes = new List<ulong> { ComputeHash() };
        for (var s = 0; s < ReuseCheckSteps && Step(); s++) hashes.Add(ComputeHash());
        return [.. hashes];
    }
}
