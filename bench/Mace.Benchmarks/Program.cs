using BenchmarkDotNet.Running;

// Runs the suites named on the command line, e.g. `--filter *Serialization*`; see docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
