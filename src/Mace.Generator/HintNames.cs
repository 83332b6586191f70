namespace Mace.Generator;

/// <summary>Hint names <c>Name.XXXXXXXX.g.cs</c>: the file name plus a stable hash of its full path, so two <c>Foo.mace</c> in different folders do not collide.</summary>
internal static class HintNames
{
    public static string For(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        return $"{safe}.{StableHash(path.Replace('\\', '/')):X8}.g.cs";
    }

    /// <summary>FNV-1a over UTF-16 code units: identical on every run and machine for the same path.</summary>
    public static uint StableHash(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text) hash = (hash ^ c) * 16777619u;
            return hash;
        }
    }
}
