namespace Mace.Runtime;

/// <summary>
/// Registration ids route a message or upcall to the right upper service. They are a stable hash of
/// (upper service name, lower-layer field name), so every node computes the same id whatever the
/// order in which it built its stack.
/// </summary>
public static class RegistrationId
{
    /// <summary>FNV-1a (32-bit) over <c>service + "." + field</c> in UTF-16 code units; never zero.</summary>
    public static int For(string serviceName, string fieldName)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in serviceName) hash = (hash ^ c) * 16777619u;
            hash = (hash ^ '.') * 16777619u;
            foreach (var c in fieldName) hash = (hash ^ c) * 16777619u;
            return hash == 0 ? 1 : (int)hash;
        }
    }
}
