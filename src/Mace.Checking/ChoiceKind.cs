namespace Mace.Checking;

/// <summary>What a choice point decides; recorded beside each choice in traces.</summary>
public enum ChoiceKind
{
    /// <summary>Which enabled event (delivery, timer, lane item, fault) runs next.</summary>
    Event,

    /// <summary>A service's <c>RandInt(n)</c>.</summary>
    RandInt,

    /// <summary>A service's <c>RandDouble()</c>, drawn from a fixed number of buckets.</summary>
    RandDouble,
}
