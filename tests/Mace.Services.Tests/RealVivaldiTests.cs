using Mace.Runtime;
using Mace.Runtime.Hosting;

namespace Mace.Services.Tests;

/// <summary>Vivaldi over real UDP on 127.0.0.1: four nodes probe each other and settle on loopback-sized distances.</summary>
public sealed class RealVivaldiTests
{
    private const int Nodes = 4;
    private const int UpdatesEach = 20;

    [Fact]
    public async Task FourNodesOverUdp_EachMovesTwentyTimes_PredictedRttsStayLoopbackSized()
    {
        var nodes = new List<(Node Node, Vivaldi Vivaldi, Counter Moves)>();
        try
        {
            for (var i = 0; i < Nodes; i++)
            {
                var node = new Node(new RealNodeEnvironment(new RealNodeOptions { Seed = 100 + i }));
                var moves = new Counter(UpdatesEach);
                var vivaldi = await node.InvokeAsync(() =>
                {
                    var service = Vivaldi.Create(node, ProbePeriod: TimeSpan.FromMilliseconds(20));
                    service.RegisterCoordinateStatus(1, moves);
                    return service;
                });
                await node.StartAsync().WaitAsync(RealDhtNode.Timeout);
                nodes.Add((node, vivaldi, moves));
            }
            foreach (var (node, vivaldi, _) in nodes)
            {
                await node.InvokeAsync(() =>
                {
                    foreach (var other in nodes.Where(n => n.Node != node)) vivaldi.AddNeighbor(other.Node.Address);
                });
            }

            await Task.WhenAll(nodes.Select(n => n.Moves.Reached.Task.WaitAsync(RealDhtNode.Timeout)));

            foreach (var (node, vivaldi, _) in nodes)
            {
                var (x, y, height, error) = await node.InvokeAsync(() => (vivaldi.X, vivaldi.Y, vivaldi.Height, vivaldi.LocalError));
                Assert.True(double.IsFinite(x) && double.IsFinite(y), $"{node.Address}: ({x}, {y})");
                Assert.InRange(height, 0.1, 10);
                Assert.InRange(error, double.Epsilon, 1.5);
            }
            // Loopback RTTs are well under a millisecond; predictions may carry the height floor
            // (0.1 ms per node) and jitter, never the tens of milliseconds of a broken update.
            var a = nodes[0].Vivaldi;
            foreach (var (node, b, _) in nodes.Skip(1))
            {
                var predicted = await node.InvokeAsync(() => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y))) + a.Height + b.Height);
                Assert.InRange(predicted, 0.2, 20);
            }
        }
        finally
        {
            foreach (var (node, _, _) in nodes) await node.StopAsync();
        }
    }

    private sealed class Counter(int target) : ICoordinateStatus
    {
        private int _count;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void CoordinateMoved(double x, double y, double height, double error)
        {
            if (Interlocked.Increment(ref _count) >= target) Reached.TrySetResult();
        }
    }
}
