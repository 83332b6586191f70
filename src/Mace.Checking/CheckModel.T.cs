using Mace.Checking.Execution;
using Mace.Runtime;

namespace Mace.Checking;

/// <summary>
/// The model of a <see cref="CheckTest{TService}"/>: the top service of every live node, in node
/// order, is the list the <c>properties</c> block sees as <c>Nodes</c>.
/// </summary>
public sealed class CheckModel<TService> : CheckModel where TService : ServiceBase
{
    private readonly CheckTest<TService> _test;
    private readonly TService?[] _tops;
    private readonly bool[] _alive;
    private readonly List<TService> _live = [];
    private readonly MaceProperty<TService>[] _safety;
    private readonly MaceProperty<TService>[] _liveness;
    private bool _liveDirty = true;

    internal CheckModel(CheckTest<TService> test)
    {
        _test = test;
        _tops = new TService?[test.NodeCount];
        _alive = new bool[test.NodeCount];
        _safety = [.. test.Properties.Where(p => p.Kind == PropertyKind.Safety)];
        _liveness = [.. test.Properties.Where(p => p.Kind == PropertyKind.Liveness)];
    }

    internal override void Build(Node node, int index) => _tops[index] = _test.Factory(node, index);

    internal override void Restore(int index, ServiceBase top) => _tops[index] = (TService)top;

    internal override void SetAlive(int index, bool alive)
    {
        _alive[index] = alive;
        _liveDirty = true;
    }

    internal override void Started(CheckWorld world, int index, int incarnation) =>
        _test.Driver?.Invoke(new CheckDriver<TService>(world, index, incarnation, _tops[index]!));

    internal override ServiceBase? Top(int index) => _tops[index];

    internal override string? ViolatedSafety()
    {
        var nodes = Live();
        foreach (var property in _safety)
        {
            if (!property.Holds(nodes)) return property.Name;
        }
        return null;
    }

    internal override bool HasLiveness => _liveness.Length > 0;

    internal override bool IsLive()
    {
        var nodes = Live();
        foreach (var property in _liveness)
        {
            if (!property.Holds(nodes)) return false;
        }
        return true;
    }

    internal override string FailingLiveness()
    {
        var nodes = Live();
        return string.Join(", ", _liveness.Where(p => !p.Holds(nodes)).Select(p => p.Name));
    }

    private List<TService> Live()
    {
        if (_liveDirty)
        {
            _live.Clear();
            for (var i = 0; i < _tops.Length; i++)
            {
                if (_alive[i]) _live.Add(_tops[i]!);
            }
            _liveDirty = false;
        }
        return _live;
    }
}
