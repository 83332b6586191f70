namespace Mace.Checking.Search;

/// <summary>Answers from a script first, then uniformly at random; records every answer so the walk replays.</summary>
internal sealed class RandomChooser : IChooser
{
    private readonly List<int> _recorded = [];
    private int[] _script = [];
    private int _length;
    private int _position;
    private CheckRandom _random;

    /// <summary>Every choice of the current execution, script included.</summary>
    public List<int> Recorded => _recorded;

    /// <summary>Starts one execution: <paramref name="script"/>[0..<paramref name="length"/>), then random from <paramref name="seed"/>.</summary>
    public void Start(int[] script, int length, ulong seed)
    {
        _script = script;
        _length = length;
        _position = 0;
        _random = new CheckRandom(seed);
        _recorded.Clear();
    }

    public int Choose(int count, ChoiceKind kind)
    {
        int value;
        if (_position < _length)
        {
            value = _script[_position++];
            if ((uint)value >= (uint)count) throw new ReplayDivergedException($"choice {_position - 1} is {value} but only {count} options are offered");
        }
        else
        {
            value = _random.Next(count);
        }
        _recorded.Add(value);
        return value;
    }
}
