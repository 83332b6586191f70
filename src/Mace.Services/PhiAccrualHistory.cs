using Mace.Runtime;

namespace Mace.Services;

/// <summary>
/// The phi accrual failure detector's arithmetic (Hayashibara et al., SRDS 2004), as Akka and
/// Akka.NET configure it: per peer, a sliding window of heartbeat inter-arrival times; phi is how
/// unlikely the current silence is under a normal distribution fitted to the window, with the
/// mean stretched by an acceptable pause and the deviation floored. The window starts with two
/// samples around a first estimate, as Akka's does, so that a peer watched but never heard from
/// is still judged. Running sums make <see cref="Phi"/> O(1).
/// </summary>
public sealed class PhiAccrualHistory(TimeSpan firstEstimate, TimeSpan minStdDeviation, TimeSpan acceptablePause, int maxSamples = 1000)
{
    private readonly Dictionary<NodeAddress, Window> _peers = [];

    /// <summary>Starts timing <paramref name="peer"/> as if it had been heard from at <paramref name="now"/>.</summary>
    public void Start(NodeAddress peer, DateTime now)
    {
        var window = new Window(maxSamples);
        var mean = firstEstimate.TotalMilliseconds;
        var deviation = mean / 4;
        window.Add(mean - deviation);
        window.Add(mean + deviation);
        window.Last = now;
        _peers[peer] = window;
    }

    /// <summary>Records a heartbeat from <paramref name="peer"/> at <paramref name="now"/> (starting it if unknown).</summary>
    public void Heartbeat(NodeAddress peer, DateTime now)
    {
        if (!_peers.TryGetValue(peer, out var window))
        {
            Start(peer, now);
            return;
        }
        window.Add((now - window.Last).TotalMilliseconds);
        window.Last = now;
    }

    /// <summary>Forgets <paramref name="peer"/>.</summary>
    public void Forget(NodeAddress peer) => _peers.Remove(peer);

    /// <summary>Forgets every peer.</summary>
    public void Clear() => _peers.Clear();

    /// <summary>Phi for <paramref name="peer"/> at <paramref name="now"/>; 0 for a peer not started.</summary>
    public double Phi(NodeAddress peer, DateTime now)
    {
        if (!_peers.TryGetValue(peer, out var window)) return 0;
        var elapsed = (now - window.Last).TotalMilliseconds;
        var mean = window.Mean + acceptablePause.TotalMilliseconds;
        var deviation = Math.Max(window.StandardDeviation, minStdDeviation.TotalMilliseconds);
        return Phi(elapsed, mean, deviation);
    }

    /// <summary>
    /// -log10 of the probability that a heartbeat arrives later than <paramref name="elapsed"/> ms,
    /// using the logistic approximation of the normal CDF (error below 0.01%).
    /// </summary>
    public static double Phi(double elapsed, double mean, double deviation)
    {
        var y = (elapsed - mean) / deviation;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        return elapsed > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    private sealed class Window(int capacity)
    {
        private readonly double[] _samples = new double[capacity];
        private int _next;
        private int _count;
        private double _sum;
        private double _sumOfSquares;

        public DateTime Last { get; set; }

        public double Mean => _sum / _count;

        public double StandardDeviation => Math.Sqrt(Math.Max(0, (_sumOfSquares / _count) - (Mean * Mean)));

        public void Add(double interval)
        {
            if (_count == _samples.Length)
            {
                var old = _samples[_next];
                _sum -= old;
                _sumOfSquares -= old * old;
            }
            else
            {
                _count++;
            }
            _samples[_next] = interval;
            _sum += interval;
            _sumOfSquares += interval * interval;
            _next = (_next + 1) % _samples.Length;
        }
    }
}
