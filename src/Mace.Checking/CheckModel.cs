using Mace.Checking.Execution;
using Mace.Runtime;

namespace Mace.Checking;

/// <summary>The per-world half of a test: builds node stacks, keeps every node's top service, evaluates properties.</summary>
public abstract class CheckModel
{
    internal abstract void Build(Node node, int index);

    internal abstract void SetAlive(int index, bool alive);

    internal abstract void Restore(int index, ServiceBase top);

    internal abstract void Started(CheckWorld world, int index, int incarnation);

    internal abstract ServiceBase? Top(int index);

    internal abstract string? ViolatedSafety();

    internal abstract bool HasLiveness { get; }

    internal abstract bool IsLive();

    internal abstract string FailingLiveness();
}
