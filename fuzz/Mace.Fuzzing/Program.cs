using Mace.Fuzzing;

// mace-fuzz TARGET                 run under afl-fuzz (SharpFuzz persistent mode; see fuzz/run.sh)
// mace-fuzz TARGET PATH...         replay files or folders of inputs without AFL; exit 1 on a finding
// mace-fuzz seeds DIR              write the seed corpus (fuzz/corpus) from real frames, messages, files
const string Usage = """
    usage: mace-fuzz TARGET            run under afl-fuzz (fuzz/run.sh sets it up)
           mace-fuzz TARGET PATH...    run every input in these files or folders; exit 1 on a finding
           mace-fuzz seeds DIR         write the seed corpus, one folder per target
    targets: 
    """;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage + string.Join(", ", FuzzTargets.Names));
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == "seeds")
{
    if (args.Length != 2)
    {
        Console.Error.WriteLine("mace-fuzz: error: seeds takes one folder");
        return 2;
    }
    foreach (var (target, count) in SeedCorpus.Write(args[1])) Console.WriteLine($"{target}: {count} seeds");
    return 0;
}
if (!FuzzTargets.All.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"mace-fuzz: error: unknown target '{args[0]}' (targets: {string.Join(", ", FuzzTargets.Names)})");
    return 2;
}
if (args.Length == 1)
{
    SharpFuzz.Fuzzer.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        run(copy.ToArray());
    });
    return 0;
}
var inputs = new List<string>();
foreach (var path in args.Skip(1))
{
    if (Directory.Exists(path)) inputs.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    else if (File.Exists(path)) inputs.Add(path);
    else
    {
        Console.Error.WriteLine($"mace-fuzz: error: no file or folder '{path}'");
        return 2;
    }
}
var findings = 0;
foreach (var input in inputs)
{
    try
    {
        run(File.ReadAllBytes(input));
    }
    catch (Exception ex)
    {
        findings++;
        Console.WriteLine($"finding: {input}: {ex.GetType().Name}: {ex.Message}");
    }
}
Console.WriteLine($"{args[0]}: {inputs.Count} inputs, {findings} findings");
return findings == 0 ? 0 : 1;
