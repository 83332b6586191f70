using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Mace.Runtime;
using Mace.Runtime.Timers;

namespace Mace.Checking.Execution;

/// <summary>
/// Reads the pending firings of each <c>timer</c> state variable of a service: whether one is pending
/// (a timer without arguments), or the multiset of pending firings and their arguments (a timer with
/// arguments, <c>PendingState</c>). Generated <c>WriteState</c> leaves timers out, yet two states
/// that differ only in a pending timer behave differently, so the state hash adds them. Accessors
/// are compiled once per service type.
/// </summary>
internal static class TimerStateReader
{
    private static readonly ConcurrentDictionary<Type, Func<object, int>[]> s_readers = new();

    /// <summary>The pending-firing readers of <paramref name="service"/>'s timers, in declaration order.</summary>
    public static Func<object, int>[] For(ServiceBase service) => s_readers.GetOrAdd(service.GetType(), Build);

    private static Func<object, int>[] Build(Type type)
    {
        var readers = new List<Func<object, int>>();
        var properties = type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .OrderBy(p => p.MetadataToken);
        foreach (var property in properties)
        {
            var timerType = property.PropertyType;
            string? counter = timerType == typeof(MaceTimer) ? nameof(MaceTimer.IsScheduled)
                : timerType.IsGenericType && timerType.FullName!.StartsWith("Mace.Runtime.Timers.MaceTimer`", StringComparison.Ordinal) ? "PendingState"
                : null;
            if (counter is null || property.GetMethod is null) continue;
            var instance = Expression.Parameter(typeof(object), "service");
            var timer = Expression.Property(Expression.Convert(instance, type), property);
            var value = Expression.Property(timer, counter);
            Expression count = value.Type == typeof(bool) ? Expression.Condition(value, Expression.Constant(1), Expression.Constant(0)) : value;
            readers.Add(Expression.Lambda<Func<object, int>>(count, instance).Compile());
        }
        return [.. readers];
    }
}
