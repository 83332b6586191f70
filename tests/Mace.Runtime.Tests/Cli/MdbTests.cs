using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mace.Runtime.Tracing;
using PuppeteerSharp;

namespace Mace.Runtime.Tests.Cli;

/// <summary>MDB, the replay debugger: its timeline model, the terminal debugger, and the web page in a real headless Chromium.</summary>
public sealed class MdbTests : IDisposable
{
    private static readonly DateTime s_start = new(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Directory.CreateTempSubdirectory("mace-mdb-").FullName;

    // A timer on A sends to B, whose clock runs behind (its delivery is stamped before the send), and B answers.
    private static DebugTimeline TwoNodes() => new(
    [
        new TraceLogRecord(s_start, "A", "S", "MaceInit", null, "A0", 1),
        new TraceLogRecord(s_start.AddMilliseconds(1), "B", "S", "MaceInit", null, "B0", 1),
        new TraceLogRecord(s_start.AddMilliseconds(1.5), "B", "S", "Deliver(Ask)", "from=A", "B1", 2, "A", 2),
        new TraceLogRecord(s_start.AddMilliseconds(2), "A", "S", "Tick", null, "A1", 2),
        new TraceLogRecord(s_start.AddMilliseconds(3), "A", "S", "Deliver(Answer)", "from=B", "A2", 3, "B", 2),
        new TraceLogRecord(s_start.AddMilliseconds(4), "B", "S", "Tick", null, null, 3),
    ]);

    [Fact]
    public void Timeline_PutsEverySendBeforeItsDelivery_AndLinksThem()
    {
        var timeline = TwoNodes();
        Assert.Equal(["A:S.MaceInit", "B:S.MaceInit", "A:S.Tick", "B:S.Deliver(Ask)", "A:S.Deliver(Answer)", "B:S.Tick"], timeline.Steps.Select(e => e.Node + ":" + e.Name));
        Assert.Equal([-1, -1, -1, 2, 3, -1], Enumerable.Range(0, 6).Select(timeline.CauseOf));
        Assert.Equal([(2, 3), (3, 4)], timeline.Messages());
        Assert.Equal(["A", "B"], timeline.Nodes);
        Assert.True(timeline.HasState);
    }

    [Fact]
    public void Cursor_StepsGloballyAndPerNode_AndStopsAtTheEnds()
    {
        var timeline = TwoNodes();
        Assert.Equal(0, timeline.Next(-1));
        Assert.Equal(5, timeline.Next(5));
        Assert.Equal(-1, timeline.Previous(-1));
        Assert.Equal(3, timeline.Previous(4));
        // B's events are steps 1, 3 and 5.
        Assert.Equal(1, timeline.Next(-1, "B"));
        Assert.Equal(3, timeline.Next(1, "B"));
        Assert.Equal(5, timeline.Next(3, "B"));
        Assert.Equal(5, timeline.Next(5, "B"));
        // Stepping B back undoes its last event at or before the cursor.
        Assert.Equal(2, timeline.Previous(4, "B"));
        Assert.Equal(0, timeline.Previous(1, "B"));
        Assert.Equal(0, timeline.Previous(0, "B"));
        Assert.Throws<ArgumentException>(() => timeline.Next(0, "C"));
    }

    [Fact]
    public void EveryNodesState_IsItsLatestStateRecord_AtTheCursor()
    {
        var timeline = TwoNodes();
        Assert.All(timeline.At(-1), n => Assert.Equal((-1, 0, null, -1), (n.LastEvent, n.EventsRun, n.State, n.StateStep)));
        var atTwo = timeline.At(2);
        Assert.Equal(new NodeAtCursor("A", 2, 2, "A1", 2), atTwo[0]);
        Assert.Equal(new NodeAtCursor("B", 1, 1, "B0", 1), atTwo[1]);
        // B's last event recorded no state: its state is the one before.
        Assert.Equal(new NodeAtCursor("B", 5, 3, "B1", 3), timeline.At(5)[1]);
    }

    [Fact]
    public void PathOfAnEvent_RunsFromTheEventThatStartedIt_ThroughEveryMessage()
    {
        var timeline = TwoNodes();
        Assert.Equal([2, 3, 4], timeline.PathOf(4));
        Assert.Equal([2, 3, 4], timeline.PathOf(2));
        Assert.Equal([5], timeline.PathOf(5));
        Assert.Equal(2, timeline.Find("tick"));
        Assert.Equal(5, timeline.Find("tick", 3));
        Assert.Equal(-1, timeline.Find("nothing"));
    }

    [Fact]
    public async Task TextDebugger_StepsThroughTwoRealNodes_ShowingStateAndPaths()
    {
        var (first, second, _, _) = await TracedPair.RunAsync(_folder, "Ping", "PeerResponded", ["--trace-level", "High"]);
        var text = await TextDebuggerAsync([Path.Combine(_folder, "first.macelog"), Path.Combine(_folder, "second.macelog")],
            $"n\nn\ns\nf PongMsg\ne\npath\np {second}\nn nowhere\nfrobnicate\nq\n");
        Assert.Contains("step 1 of ", text, StringComparison.Ordinal);
        Assert.Contains("step 2 of ", text, StringComparison.Ordinal);
        Assert.Contains($"{first}: ", text, StringComparison.Ordinal);
        Assert.Contains("Ping state=", text, StringComparison.Ordinal);
        // The pong's event names the ping delivery on the other node, and its path crosses both.
        Assert.Matches(@"step \d+ of \d+: \+[\d.]+ ms \S+ Ping\.Deliver\(PongMsg\)  \(message from step \d+ on \S+\)", text);
        Assert.Matches(@"\d+ events on 2 nodes:", text);
        Assert.Contains("no node nowhere", text, StringComparison.Ordinal);
        Assert.Contains("unknown command 'frobnicate'", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task WebDebugger_InHeadlessChromium_StepsShowsStateFindsAndHighlightsThePath()
    {
        var chromium = Chromium();
        Skip.If(chromium is null, "needs a Chromium: apt-get install chromium (or set MACE_CHROMIUM)");
        var (_, second, _, _) = await TracedPair.RunAsync(_folder, "Ping", "PeerResponded", ["--trace-level", "High"]);
        using var mdb = MaceProcess.Start(["mdb", Path.Combine(_folder, "first.macelog"), Path.Combine(_folder, "second.macelog"), "--port", "0"]);
        var url = await PageAddressAsync(mdb);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var timeline = await http.GetFromJsonAsync<JsonElement>("api/timeline");
        var events = timeline.GetProperty("events").GetArrayLength();

        await using var browser = await Headless(chromium!);
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.GoToAsync(url);
        await page.WaitForSelectorAsync("circle.event");
        Assert.Equal(events <= 800 ? events : 400, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('circle.event').length"));
        Assert.Equal($"before step 1 of {events}", await Text(page, "#step-label"));

        // Three steps forward, one back: the cursor and the run events follow.
        for (var i = 1; i <= 3; i++)
        {
            await page.ClickAsync("#next");
            await WaitForLabel(page, $"step {i} of {events}");
        }
        await page.ClickAsync("#prev");
        await WaitForLabel(page, $"step 2 of {events}");
        Assert.Equal(2, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('circle.event.run').length"));
        Assert.Contains("Ping state=", await Text(page, "#nodes-panel"), StringComparison.Ordinal);

        // Find the first pong: its contents, and its path over both nodes highlighted in the diagram.
        await page.TypeAsync("#find", "PongMsg");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('event-panel').textContent.includes('Deliver(PongMsg)')");
        await page.WaitForFunctionAsync("() => document.getElementById('path-count') !== null");
        Assert.Contains("src=", await Text(page, "#event-panel"), StringComparison.Ordinal);
        Assert.Matches(@"^\d+ events on 2 nodes, 2 hops", await Text(page, "#path-count"));
        var onPath = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('circle.event.on-path').length");
        Assert.True(onPath >= 3, $"{onPath} events highlighted on the path");
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('line.message.on-path').length") >= 2);

        // Step one node: the cursor lands where the server's timeline says that node's next event is.
        var cursor = int.Parse((await Text(page, "#step-label")).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) - 1;
        var expected = (await http.GetFromJsonAsync<JsonElement>($"api/step?cursor={cursor}&direction=next&node={second}")).GetProperty("cursor").GetInt32();
        await page.SelectAsync("#node-select", second.ToString());
        await page.ClickAsync("#node-next");
        await WaitForLabel(page, $"step {expected + 1} of {events}");

        // Clicking an event moves the cursor to it (the diagram redraws as the cursor moves, so the click is dispatched on the element as found).
        await page.EvaluateExpressionAsync("document.querySelector(\"circle.event[data-step='0']\").dispatchEvent(new MouseEvent('click', { bubbles: true }))");
        await WaitForLabel(page, $"step 1 of {events}");
        Assert.Empty(errors);
        Assert.Null(await page.QuerySelectorAsync("#error"));
    }

    private async Task<string> CounterexampleAsync()
    {
        var file = Path.Combine(_folder, "two-leaders.counterexample.json");
        using var check = MaceProcess.Start(["check", "Election.VoteTwice", "--seed", "7", "-o", file, "--no-progress"]);
        Assert.True(await check.WaitForExitAsync() == 1, check.Output);
        return file;
    }

    [Fact]
    public async Task Counterexample_ReplaysAsATraceLog_ForLogToolsAndShiViz()
    {
        var file = await CounterexampleAsync();
        var log = Path.Combine(_folder, "two-leaders.macelog");
        using (var replay = MaceProcess.Start(["replay", file, "--trace-log", log]))
        {
            Assert.True(await replay.WaitForExitAsync() == 0, replay.Output);
        }
        var (records, cut) = TraceLogReader.ReadAll(log);
        Assert.False(cut);
        Assert.Contains(records, r => r.Service == "Checker" && r.Details is { } d && d.StartsWith("step 6: n0 deliver tcp n1->n0 Vote", StringComparison.Ordinal) && r.CauseNode == "sim:1");
        var shiviz = Path.Combine(_folder, "two-leaders.shiviz");
        using var export = MaceProcess.Start(["log", "export", log, "--format", "shiviz", "--out", shiviz]);
        Assert.True(await export.WaitForExitAsync() == 0, export.Output);
        Assert.Equal(2 + (2 * 9), File.ReadLines(shiviz).Count());
    }

    [Fact]
    public async Task TextDebugger_OnACounterexample_DivergesAndComesBack()
    {
        var file = await CounterexampleAsync();
        var text = await TextDebuggerAsync([file], "g 4\noptions\ndiverge 1 3\nback\ndiverge 7\ndiverge x\nq\n");
        Assert.Contains("counterexample Election.VoteTwice: violation: safety property 'OneLeader' does not hold", text, StringComparison.Ordinal);
        Assert.Matches(@"\d+ events enabled after checker step 1:\n  0: ", text);
        Assert.Contains("branch: diverged after step 1 with choice 1 (seed 3): ", text, StringComparison.Ordinal);
        Assert.Contains("back on the counterexample", text, StringComparison.Ordinal);
        Assert.Contains("choice 7 is not one of the", text, StringComparison.Ordinal);
        Assert.Contains("diverge takes a choice number", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task WebDebugger_InHeadlessChromium_DivergesFromACounterexample_AndShowsTheBranch()
    {
        var chromium = Chromium();
        Skip.If(chromium is null, "needs a Chromium: apt-get install chromium (or set MACE_CHROMIUM)");
        var file = await CounterexampleAsync();
        using var mdb = MaceProcess.Start(["mdb", file, "--port", "0"]);
        var url = await PageAddressAsync(mdb);

        await using var browser = await Headless(chromium!);
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.GoToAsync(url);
        await page.WaitForSelectorAsync("circle.event");
        Assert.Contains("counterexample Election.VoteTwice", await Text(page, "#summary"), StringComparison.Ordinal);
        for (var i = 1; i <= 4; i++)
        {
            await page.ClickAsync("#next");
            await WaitForLabel(page, $"step {i} of 9");
        }
        await page.ClickAsync("#diverge");
        await page.WaitForFunctionAsync("() => !document.getElementById('diverge-panel').hidden && document.querySelectorAll('#diverge-choice option').length > 2");
        Assert.Contains("after checker step 1", await Text(page, "#diverge-where"), StringComparison.Ordinal);
        await page.SelectAsync("#diverge-choice", "1");
        await page.ClickAsync("#diverge-run");
        await page.WaitForFunctionAsync("() => !document.getElementById('branch').hidden");
        Assert.StartsWith("diverged after step 1 with choice 1 (seed 1): ", await Text(page, "#branch-verdict"), StringComparison.Ordinal);
        // The cursor is on the diverged step, and the page shows the branch's events.
        await page.WaitForFunctionAsync("() => document.getElementById('step-label').textContent.startsWith('step 5 of ')");
        Assert.Contains("Election.", await Text(page, "#event-panel"), StringComparison.Ordinal);
        await page.ClickAsync("#restore");
        await page.WaitForFunctionAsync("() => document.getElementById('branch').hidden");
        await WaitForLabel(page, "step 5 of 9");
        Assert.Empty(errors);
    }

    // Runs `mace mdb ARGUMENTS --text` with INPUT on standard input; its output, once it exits 0.
    private static async Task<string> TextDebuggerAsync(string[] arguments, string input)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", MaceProcess.MaceDll, "mdb", "--text", .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var mdb = Process.Start(start)!;
        var output = mdb.StandardOutput.ReadToEndAsync();
        var error = mdb.StandardError.ReadToEndAsync();
        await mdb.StandardInput.WriteAsync(input);
        mdb.StandardInput.Close();
        await mdb.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var text = await output;
        Assert.True(mdb.ExitCode == 0, text + await error);
        return text;
    }

    // The address `mace mdb` prints once it serves its page.
    private static async Task<string> PageAddressAsync(MaceProcess mdb)
    {
        var line = await mdb.WaitForLineAsync("open http://127.0.0.1:");
        return line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0];
    }

    private static Task<IBrowser> Headless(string chromium) =>
        Puppeteer.LaunchAsync(new LaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });

    private static string? Chromium() =>
        new[] { Environment.GetEnvironmentVariable("MACE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private static Task<string> Text(IPage page, string selector) => page.EvaluateExpressionAsync<string>($"document.querySelector(\"{selector}\").textContent");

    private static Task WaitForLabel(IPage page, string text) =>
        page.WaitForFunctionAsync($"() => document.getElementById('step-label').textContent === '{text}'", new WaitForFunctionOptions { Timeout = 30_000 });

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
