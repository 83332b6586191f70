using Mace.Runtime.Tracing;

namespace Mace.Runtime.Tests.Tracing;

/// <summary>The trace log file format: what is written is read back, and bad files are named, not thrown at the user.</summary>
public sealed class TraceLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mace-tracelog-").FullName;

    private static readonly DateTime s_start = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private static TraceRecord Sample(int i) => new(
        s_start.AddTicks(i * 12_345 - (i % 3 == 0 ? 7 : 0)), // times may step back a little (a real clock)
        NodeAddress.Simulated(i % 4),
        i % 2 == 0 ? "Ping" : "Bamboo",
        i % 5 == 0 ? "Deliver(PongMsg)" : "Sweep",
        i % 7 == 0 ? null : $"src=sim:{i % 4} ünïcode={i}",
        i % 11 == 0 ? $"Ping state=init\n  Peers = [{i}]\n" : null);

    [Fact]
    public void WrittenRecords_ReadBack_FieldForField_InOrder()
    {
        var path = Path.Combine(_folder, "a.macelog");
        using (var writer = TraceLogWriter.Create(path))
        {
            for (var i = 0; i < 1000; i++) writer.Record(Sample(i));
            Assert.Equal(1000, writer.Records);
        }
        var (records, truncated) = TraceLogReader.ReadAll(path);
        Assert.False(truncated);
        Assert.Equal(1000, records.Count);
        for (var i = 0; i < 1000; i++)
        {
            var expected = Sample(i);
            Assert.Equal(new TraceLogRecord(expected.Time, expected.Node.ToString(), expected.Service, expected.Event, expected.Details, expected.State), records[i]);
        }
    }

    [Fact]
    public void RepeatedNames_AreWrittenOnce_SoARecordIsSmall()
    {
        var path = Path.Combine(_folder, "small.macelog");
        using (var writer = TraceLogWriter.Create(path))
        {
            for (var i = 0; i < 10_000; i++) writer.Record(new TraceRecord(s_start.AddMilliseconds(i), NodeAddress.Simulated(1), "Ping", "Sweep", null, null));
        }
        // Header, three names, then a tag, a 2-3 byte time delta, three one-byte name numbers, a 1-2 byte
        // event number, no cause, and two empty texts.
        Assert.InRange(new FileInfo(path).Length, 8, 8 + 40 + 10_000 * 12);
    }

    [Fact]
    public void FileCutInsideItsLastEntry_ReadsEveryEntryBefore_AndSaysTruncated()
    {
        var path = Path.Combine(_folder, "cut.macelog");
        using (var writer = TraceLogWriter.Create(path))
        {
            for (var i = 0; i < 50; i++) writer.Record(Sample(i));
        }
        var whole = File.ReadAllBytes(path);
        var full = TraceLogReader.ReadAll(path).Records;
        // Every cut point: never an exception, always a prefix of the records.
        for (var cut = 8; cut < whole.Length; cut += 7)
        {
            File.WriteAllBytes(path, whole[..cut]);
            var (records, truncated) = TraceLogReader.ReadAll(path);
            Assert.True(records.Count < full.Count || !truncated);
            Assert.Equal(full.Take(records.Count), records);
        }
    }

    [Fact]
    public void NotATraceLog_OrAnotherVersion_IsRejectedNamingTheFile()
    {
        var foreign = Path.Combine(_folder, "foreign.macelog");
        File.WriteAllText(foreign, "{ \"this is\": \"json\" }");
        var error = Assert.Throws<TraceLogFormatException>(() => TraceLogReader.ReadAll(foreign));
        Assert.Contains(foreign, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a Mace trace log", error.Message, StringComparison.Ordinal);

        var future = Path.Combine(_folder, "future.macelog");
        File.WriteAllBytes(future, [.. "MACELOG"u8, 9]);
        Assert.Contains("version 9", Assert.Throws<TraceLogFormatException>(() => TraceLogReader.ReadAll(future)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptEntries_AreRejectedWithTheirOffset_RandomBytesNeverThrowAnythingElse()
    {
        var badTag = Path.Combine(_folder, "tag.macelog");
        File.WriteAllBytes(badTag, [.. TraceLogFormat.Magic, 9, 1, 2]);
        Assert.Contains("at byte 8: unknown entry tag 9", Assert.Throws<TraceLogFormatException>(() => TraceLogReader.ReadAll(badTag)).Message, StringComparison.Ordinal);

        var undefined = Path.Combine(_folder, "name.macelog");
        File.WriteAllBytes(undefined, [.. TraceLogFormat.Magic, TraceLogFormat.EventTag, 0, 5, 0, 0, 0, 0]);
        Assert.Contains("name number 5 is not defined", Assert.Throws<TraceLogFormatException>(() => TraceLogReader.ReadAll(undefined)).Message, StringComparison.Ordinal);

        var random = new Random(20261206);
        var path = Path.Combine(_folder, "random.macelog");
        for (var i = 0; i < 2000; i++)
        {
            var body = new byte[random.Next(0, 200)];
            random.NextBytes(body);
            File.WriteAllBytes(path, [.. TraceLogFormat.Magic, .. body]);
            try
            {
                TraceLogReader.ReadAll(path);
            }
            catch (TraceLogFormatException)
            {
                // The only failure a reader may report.
            }
        }
    }

    [Fact]
    public void PathsAndEnds_ReadBack_AndOnlyRecordedEventsGetAnEnd()
    {
        var path = Path.Combine(_folder, "v2.macelog");
        var trace = System.Diagnostics.ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c");
        var node = NodeAddress.Simulated(3);
        using (var writer = TraceLogWriter.Create(path))
        {
            writer.Record(new TraceRecord(s_start, node, "Dht", "Get", "key=1", null) { EventId = 1, Path = trace });
            writer.Record(new TraceRecord(s_start, node, "Bamboo", "Route", null, null) { EventId = 1, Path = trace });
            writer.EndEvent(node, 1, s_start.AddMilliseconds(2.5));
            writer.EndEvent(node, 2, s_start.AddMilliseconds(3)); // wrote no record: no end entry
            writer.Record(new TraceRecord(s_start.AddMilliseconds(4), node, "Dht", "Sync", null, null) { EventId = 3 });
            writer.EndEvent(NodeAddress.Simulated(4), 3, s_start.AddMilliseconds(5)); // another node's event 3: not this one
        }
        var (records, truncated) = TraceLogReader.ReadAll(path);
        Assert.False(truncated);
        Assert.Equal(3, records.Count);
        Assert.All(records.Take(2), r => Assert.Equal("0af7651916cd43dd8448eb211c80319c", r.Path));
        Assert.All(records.Take(2), r => Assert.Equal(TimeSpan.FromMilliseconds(2.5), r.Duration));
        Assert.Null(records[2].Path);
        Assert.Null(records[2].Duration);
        using var reader = TraceLogReader.Open(path);
        Assert.Equal(2, reader.Version);
        Assert.Equal(1, reader.Entries().Count(e => e.IsEnd));
    }

    [Fact]
    public void VersionOneFiles_StillRead()
    {
        // MACELOG v1, a name "n", a name "S", a name "E", an event at tick 5: node 0, service 1, event 2,
        // event number 7, no cause, no details, no state (version 1 has no path byte).
        var path = Path.Combine(_folder, "v1.macelog");
        File.WriteAllBytes(path, [.. "MACELOG"u8, 1, 1, 1, (byte)'n', 1, 1, (byte)'S', 1, 1, (byte)'E', 2, 10, 0, 1, 2, 7, 0, 0, 0]);
        var (records, truncated) = TraceLogReader.ReadAll(path);
        Assert.False(truncated);
        var record = Assert.Single(records);
        Assert.Equal(("n", "S", "E", 7L, 5L), (record.Node, record.Service, record.Event, record.EventId, record.Time.Ticks));
        Assert.Null(record.Path);
        var v3 = Path.Combine(_folder, "v3.macelog");
        File.WriteAllBytes(v3, [.. "MACELOG"u8, 3]);
        Assert.Contains("version 3", Assert.Throws<TraceLogFormatException>(() => TraceLogReader.ReadAll(v3)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
