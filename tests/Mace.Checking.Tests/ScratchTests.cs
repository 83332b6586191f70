using Mace.Checking;
using Mace.CheckingServices;
using Mace.Runtime;
using Xunit.Abstractions;

namespace Mace.Checking.Tests;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Run()
    {
        var test = new CheckTest<Sequencer>("Seq", 2, (node, _) => new Sequencer(node, Net: TcpTransport.Create(node)), Sequencer.Properties);
        var result = ModelChecker.Check(test, new CheckOptions { Depth = 10, Walks = 10 });
        output.WriteLine($"{result.Stats.Unique} {result.Violation} {result.Trace?.Render()}");
    }
}
