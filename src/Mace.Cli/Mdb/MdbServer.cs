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
    public static async Task<int> RunAsync(DebugTimeline timeline, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        var app = builder.Build();
        Map(app, timeline);
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
        Console.WriteLine($"mdb: {timeline.Steps.Count:N0} events on {timeline.Nodes.Count} nodes; open {address}/ in a browser (Ctrl+C stops)");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static void Map(WebApplication app, DebugTimeline timeline)
    {
        var page = Page();
        var origin = timeline.Steps.Count == 0 ? default : timeline.Steps[0].Time;
        var events = timeline.Steps.Select((e, i) => new
        {
            e.Node,
            e.Id,
            e.Name,
            TimeMs = (e.Time - origin).TotalMilliseconds,
            Cause = timeline.CauseOf(i),
        }).ToArray();
        var summary = new { timeline.Nodes, Events = events, Messages = timeline.Messages().Count(), timeline.HasState };
        IResult Bad(string message) => Results.Text(message, statusCode: StatusCodes.Status400BadRequest);
        bool IsStep(int step) => step >= 0 && step < timeline.Steps.Count;

        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/timeline", () => Results.Json(summary));
        app.MapGet("/api/at/{cursor:int}", (int cursor) =>
            cursor < -1 || cursor >= timeline.Steps.Count ? Bad($"cursor {cursor} is outside -1..{timeline.Steps.Count - 1}") : Results.Json(new { Cursor = cursor, Nodes = timeline.At(cursor) }));
        app.MapGet("/api/step", (int cursor, string direction, string? node) =>
        {
            if (cursor < -1 || cursor >= timeline.Steps.Count) return Bad($"cursor {cursor} is outside -1..{timeline.Steps.Count - 1}");
            if (node is not null && !timeline.Nodes.Contains(node)) return Bad($"no node {node} in the logs");
            return direction switch
            {
                "next" => Results.Json(new { Cursor = timeline.Next(cursor, node) }),
                "previous" => Results.Json(new { Cursor = timeline.Previous(cursor, node) }),
                _ => Bad($"direction must be next or previous, not '{direction}'"),
            };
        });
        app.MapGet("/api/event/{step:int}", (int step) =>
        {
            if (!IsStep(step)) return Bad($"no step {step}");
            var e = timeline.Steps[step];
            return Results.Json(new
            {
                e.Node,
                e.Id,
                TimeMs = (e.Time - origin).TotalMilliseconds,
                Cause = timeline.CauseOf(step),
                Records = e.Records.Select(r => new { r.Service, r.Event, r.Details, r.State }),
            });
        });
        app.MapGet("/api/path/{step:int}", (int step) =>
        {
            if (!IsStep(step)) return Bad($"no step {step}");
            var path = timeline.PathOf(step);
            var hops = new Dictionary<int, int>();
            foreach (var s in path) hops[s] = timeline.CauseOf(s) is var c && c >= 0 && hops.TryGetValue(c, out var h) ? h + 1 : 0;
            return Results.Json(new { Steps = path, Nodes = path.Select(s => timeline.Steps[s].Node).Distinct(StringComparer.Ordinal).Count(), Hops = hops.Values.Max() });
        });
        app.MapGet("/api/find", (string text, int from) => Results.Json(new { Step = timeline.Find(text, from) }));
    }

    private static string Page()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mace.Cli.Mdb.mdb.html")
            ?? throw new InvalidOperationException("mdb.html is not embedded in mace");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
