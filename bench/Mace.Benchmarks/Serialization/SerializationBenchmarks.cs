using System.Buffers;
using BenchmarkDotNet.Attributes;
using Mace.Runtime.Serialization;
using MemoryPack;
using MessagePack;

namespace Mace.Benchmarks.Serialization;

/// <summary>
/// Round trip (serialize into a reused buffer, then deserialize) of three message shapes:
/// Mace's generated code against MemoryPack and MessagePack-CSharp on identical data.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private BenchMessages.SmallMsg _maceSmall = null!;
    private BenchMessages.MixedMsg _maceMixed = null!;
    private BenchMessages.BulkMsg _maceBulk = null!;
    private PeerSmall _peerSmall = null!;
    private PeerMixed _peerMixed = null!;
    private PeerBulk _peerBulk = null!;

    [Params("small", "mixed", "bulk")]
    public string Shape { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        var values = Enumerable.Range(0, 16).Select(i => i * 7919).ToList();
        var data = new byte[1024];
        new Random(42).NextBytes(data);
        _maceSmall = new BenchMessages.SmallMsg(42, 638_000_000_000_000_000);
        _maceMixed = new BenchMessages.MixedMsg("node-17.example", values);
        _maceBulk = new BenchMessages.BulkMsg(data);
        _peerSmall = new PeerSmall { Id = 42, Ticks = 638_000_000_000_000_000 };
        _peerMixed = new PeerMixed { Name = "node-17.example", Values = values };
        _peerBulk = new PeerBulk { Data = data };
    }

    [Benchmark(Baseline = true)]
    public int Mace()
    {
        _buffer.ResetWrittenCount();
        var writer = new MaceWriter(_buffer);
        IMessage message = Shape switch { "small" => _maceSmall, "mixed" => _maceMixed, _ => _maceBulk };
        message.Serialize(ref writer);
        writer.Flush();
        var reader = new MaceReader(_buffer.WrittenSpan);
        var tag = reader.ReadVarUInt32();
        return tag switch
        {
            BenchMessages.SmallMsg.Tag => BenchMessages.SmallMsg.Deserialize(ref reader).Id,
            BenchMessages.MixedMsg.Tag => BenchMessages.MixedMsg.Deserialize(ref reader).Values.Count,
            _ => BenchMessages.BulkMsg.Deserialize(ref reader).Data.Length,
        };
    }

    [Benchmark]
    public int MemoryPack()
    {
        _buffer.ResetWrittenCount();
        switch (Shape)
        {
            case "small":
                MemoryPackSerializer.Serialize(_buffer, _peerSmall);
                return MemoryPackSerializer.Deserialize<PeerSmall>(_buffer.WrittenSpan)!.Id;
            case "mixed":
                MemoryPackSerializer.Serialize(_buffer, _peerMixed);
                return MemoryPackSerializer.Deserialize<PeerMixed>(_buffer.WrittenSpan)!.Values.Count;
            default:
                MemoryPackSerializer.Serialize(_buffer, _peerBulk);
                return MemoryPackSerializer.Deserialize<PeerBulk>(_buffer.WrittenSpan)!.Data.Length;
        }
    }

    [Benchmark]
    public int MessagePack()
    {
        _buffer.ResetWrittenCount();
        switch (Shape)
        {
            case "small":
                MessagePackSerializer.Serialize(_buffer, _peerSmall);
                return MessagePackSerializer.Deserialize<PeerSmall>(_buffer.WrittenMemory).Id;
            case "mixed":
                MessagePackSerializer.Serialize(_buffer, _peerMixed);
                return MessagePackSerializer.Deserialize<PeerMixed>(_buffer.WrittenMemory).Values.Count;
            default:
                MessagePackSerializer.Serialize(_buffer, _peerBulk);
                return MessagePackSerializer.Deserialize<PeerBulk>(_buffer.WrittenMemory).Data.Length;
        }
    }
}
