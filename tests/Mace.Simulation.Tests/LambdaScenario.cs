using Mace.Runtime;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Tests;

/// <summary>A scenario whose stack is whatever the test builds.</summary>
internal sealed class LambdaScenario(Action<Node> build) : Scenario
{
    public override string Name => "test";

    public override string Description => "test scenario";

    public override void BuildStack(Node node) => build(node);
}
