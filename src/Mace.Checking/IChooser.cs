namespace Mace.Checking;

/// <summary>
/// The one source of nondeterminism in a checked execution. The world asks only when there are at
/// least two options, so an execution is exactly the sequence of answers given, and replays from it.
/// </summary>
public interface IChooser
{
    /// <summary>An option in [0, <paramref name="count"/>); <paramref name="count"/> is at least 2.</summary>
    int Choose(int count, ChoiceKind kind);
}
