using MemoryPack;
using MessagePack;

namespace Mace.Benchmarks.Serialization;

// The same three shapes as BenchMessages.mace, declared for the peers being compared.

/// <summary>Small: two numbers.</summary>
[MemoryPackable]
[MessagePackObject]
public sealed partial class PeerSmall
{
    [Key(0)] public int Id { get; set; }

    [Key(1)] public long Ticks { get; set; }
}

/// <summary>Mixed: a string and a list.</summary>
[MemoryPackable]
[MessagePackObject]
public sealed partial class PeerMixed
{
    [Key(0)] public string Name { get; set; } = "";

    [Key(1)] public List<int> Values { get; set; } = [];
}

/// <summary>Bulk: a 1 KB payload.</summary>
[MemoryPackable]
[MessagePackObject]
public sealed partial class PeerBulk
{
    [Key(0)] public byte[] Data { get; set; } = [];
}
