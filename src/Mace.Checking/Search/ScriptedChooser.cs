namespace Mace.Checking.Search;

/// <summary>
/// Answers from a script (a state's choice prefix), then from an odometer that enumerates every
/// combination of the choices beyond it: each execution takes the current combination, recording the
/// option count at each new choice point; <see cref="Advance"/> moves to the next combination.
/// </summary>
internal sealed class ScriptedChooser : IChooser
{
    private int[] _script = [];
    private int _length;
    private int _position;
    private int[] _values = new int[16];
    private int[] _bounds = new int[16];
    private int _count;
    private int _extension;

    /// <summary>Starts a fresh odometer (all zeros, no choice points known).</summary>
    public void ResetOdometer() => _count = 0;

    /// <summary>Starts one execution: answer <paramref name="script"/>[0..<paramref name="length"/>) first.</summary>
    public void Start(int[] script, int length)
    {
        _script = script;
        _length = length;
        _position = 0;
        _extension = 0;
    }

    /// <summary>
    /// Starts another execution from the end of the script without re-running it (the world was
    /// restored to the state the script reached): only the odometer answers.
    /// </summary>
    public void Continue() => _extension = 0;

    /// <summary>True when every choice of the script has been answered.</summary>
    public bool ScriptConsumed => _position == _length;

    /// <summary>The choices taken beyond the script in the last execution.</summary>
    public ReadOnlySpan<int> Extension => _values.AsSpan(0, _extension);

    public int Choose(int count, ChoiceKind kind)
    {
        if (_position < _length)
        {
            var value = _script[_position++];
            if ((uint)value >= (uint)count) throw new ReplayDivergedException($"choice {_position - 1} is {value} but only {count} options are offered");
            return value;
        }
        if (_extension < _count)
        {
            if (_bounds[_extension] != count) throw new ReplayDivergedException($"extension choice {_extension} offered {count} options, earlier {_bounds[_extension]}");
            return _values[_extension++];
        }
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, _count * 2);
            Array.Resize(ref _bounds, _count * 2);
        }
        _values[_count] = 0;
        _bounds[_count] = count;
        _count++;
        _extension++;
        return 0;
    }

    /// <summary>Moves to the next combination of the choices the last execution made; false when all were tried.</summary>
    public bool Advance()
    {
        _count = _extension;
        for (var j = _count - 1; j >= 0; j--)
        {
            if (_values[j] + 1 < _bounds[j])
            {
                _values[j]++;
                _count = j + 1;
                return true;
            }
        }
        _count = 0;
        return false;
    }
}
