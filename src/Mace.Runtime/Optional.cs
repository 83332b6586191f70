namespace Mace.Runtime;

/// <summary>
/// A constructor argument that may be left out. Generated <c>Create</c> methods use it for
/// constructor parameters whose default is not a C# constant (<c>TimeSpan ProbePeriod =
/// TimeSpan.FromSeconds(1);</c>): callers pass a plain value (converted implicitly) or nothing, and
/// the service evaluates the default from the <c>.mace</c> file.
/// </summary>
public readonly struct Optional<T>
{
    /// <summary>An argument that was given.</summary>
    public Optional(T value)
    {
        Value = value;
        HasValue = true;
    }

    /// <summary>The argument (meaningful only when <see cref="HasValue"/>).</summary>
    public T Value { get; }

    /// <summary>True when the caller gave the argument.</summary>
    public bool HasValue { get; }

    /// <summary>A given argument.</summary>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => HasValue ? Value?.ToString() ?? "null" : "(default)";
}
