namespace Mace.Runtime;

/// <summary>
/// The upper-layer handlers registered with a service, keyed by registration id, in registration
/// order. Lane only; registration happens while a stack is built.
/// </summary>
public sealed class HandlerRegistry<THandler> where THandler : class
{
    private readonly List<KeyValuePair<int, THandler>> _handlers = [];

    /// <summary>
    /// The registered handlers in registration order, as a span so that the generated upcall
    /// broadcast allocates nothing. A handler registered during the loop is not visited by it.
    /// </summary>
    public ReadOnlySpan<KeyValuePair<int, THandler>> All => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_handlers);

    /// <summary>The number of registered handlers.</summary>
    public int Count => _handlers.Count;

    /// <summary>Registers (or replaces) the handler for <paramref name="registrationId"/>.</summary>
    public void Register(int registrationId, THandler handler)
    {
        for (var i = 0; i < _handlers.Count; i++)
        {
            if (_handlers[i].Key == registrationId)
            {
                _handlers[i] = new(registrationId, handler);
                return;
            }
        }
        _handlers.Add(new(registrationId, handler));
    }

    /// <summary>The handler for <paramref name="registrationId"/>, or null when none registered.</summary>
    public THandler? Get(int registrationId)
    {
        foreach (var pair in _handlers)
        {
            if (pair.Key == registrationId) return pair.Value;
        }
        return null;
    }

    /// <summary>The first registered handler, for upcalls that return a value; null when none.</summary>
    public THandler? First => _handlers.Count == 0 ? null : _handlers[0].Value;
}
