using System.Net;
using System.Reflection;
using Mace.Runtime.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Cli.Mdb;

/// <summary>
/// MDB's web debugger: one page (mdb.html, a space-time diagram with a cursor) and a small JSON API
/// over a <see cref="DebugTimeline"/>, on Kestrel bound to 127.0.0.1 only. The page keeps no logic
/// of its own: every step, state and path comes from the same timeline the terminal debugger uses.
/// </summary>
internal static class MdbServer
{
    public static async Task<int> RunAsync(MdbSession session, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        var app = builder.Build();
        Map(app, session);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"mace mdb: error: cannot listen on 127.0.0.1:{port}: {ex.Message}");
            return 1;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"mdb: {session.Title}: {session.Timeline.Steps.Count:N0} events on {session.Timeline.Nodes.Count} nodes; open {address}/ in a browser (Ctrl+C stops)");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static void Map(WebApplication app, MdbSession session)
    {
        var page = Page();
        IResult Bad(string message) => Results.Text(message, statusCode: StatusCodes.Status400BadRequest);
        DateTime Origin(DebugTimeline t) => t.Steps.Count == 0 ? default : t.Steps[0].Time;
        bool IsCursor(DebugTimeline t, int cursor) => cursor >= -1 && cursor < t.Steps.Count;
        bool IsStep(DebugTimeline t, int step) => step >= 0 && step < t.Steps.Count;

        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/timeline", () =>
        {
            var t = session.Timeline;
            var origin = Origin(t);
            return Results.Json(new
            {
                session.Title,
                session.Branch,
                session.CanDiverge,
                t.Nodes,
                Events = t.Steps.Select((e, i) => new { e.Node, e.Id, e.Name, TimeMs = (e.Time - origin).TotalMilliseconds, Cause = t.CauseOf(i) }),
                Messages = t.Messages().Count(),
                t.HasState,
            });
        });
        app.MapGet("/api/at/{cursor:int}", (int cursor) =>
        {
            var t = session.Timeline;
            return IsCursor(t, cursor) ? Results.Json(new { Cursor = cursor, Nodes = t.At(cursor) }) : Bad($"cursor {cursor} is outside -1..{t.Steps.Count - 1}");
        });
        app.MapGet("/api/step", (int cursor, string direction, string? node) =>
        {
            var t = session.Timeline;
            if (!IsCursor(t, cursor)) return Bad($"cursor {cursor} is outside -1..{t.Steps.Count - 1}");
            if (node is not null && !t.Nodes.Contains(node)) return Bad($"no node {node} in the logs");
            return direction switch
            {
                "next" => Results.Json(new { Cursor = t.Next(cursor, node) }),
                "previous" => Results.Json(new { Cursor = t.Previous(cursor, node) }),
                _ => Bad($"direction must be next or previous, not '{direction}'"),
            };
        });
        app.MapGet("/api/event/{step:int}", (int step) =>
        {
            var t = session.Timeline;
            if (!IsStep(t, step)) return Bad($"no step {step}");
            var e = t.Steps[step];
            return Results.Json(new
            {
                e.Node,
                e.Id,
                TimeMs = (e.Time - Origin(t)).TotalMilliseconds,
                Cause = t.CauseOf(step),
                Records = e.Records.Select(r => new { r.Service, r.Event, r.Details, r.State }),
            });
        });
        app.MapGet("/api/path/{step:int}", (int step) =>
        {
            var t = session.Timeline;
            if (!IsStep(t, step)) return Bad($"no step {step}");
            var path = t.PathOf(step);
            var hops = new Dictionary<int, int>();
            foreach (var s in path) hops[s] = t.CauseOf(s) is var c && c >= 0 && hops.TryGetValue(c, out var h) ? h + 1 : 0;
            return Results.Json(new { Steps = path, Nodes = path.Select(s => t.Steps[s].Node).Distinct(StringComparer.Ordinal).Count(), Hops = hops.Values.Max() });
        });
        app.MapGet("/api/find", (string text, int from) => Results.Json(new { Step = session.Timeline.Find(text, from) }));
        app.MapGet("/api/diverge/options", (int cursor) =>
        {
            if (!session.CanDiverge) return Bad("diverging needs a counterexample: mace mdb FILE.counterexample.json");
            if (!IsCursor(session.Timeline, cursor)) return Bad($"cursor {cursor} is outside -1..{session.Timeline.Steps.Count - 1}");
            return Results.Json(new { Steps = session.CheckerSteps(cursor), Options = session.Options(cursor) });
        });
        app.MapPost("/api/diverge", (int cursor, int? pick, ulong? seed) =>
        {
            if (!session.CanDiverge) return Bad("diverging needs a counterexample: mace mdb FILE.counterexample.json");
            if (!IsCursor(session.Timeline, cursor)) return Bad($"cursor {cursor} is outside -1..{session.Timeline.Steps.Count - 1}");
            try
            {
                var next = session.Diverge(cursor, pick, seed ?? 1);
                return Results.Json(new { Cursor = next, session.Branch });
            }
            catch (ArgumentOutOfRangeException ex)
            {
                return Bad(ex.Message.Split(" (Parameter", 2)[0]);
            }
        });
        app.MapPost("/api/restore", () =>
        {
            session.Restore();
            return Results.Json(new { Restored = true });
        });
    }

    private static string Page()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mace.Cli.Mdb.mdb.html")
            ?? throw new InvalidOperationException("mdb.html is not embedded in mace");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
