using Mace.Checking;
using Mace.CheckingServices;

namespace Mace.Checking.Tests;

public sealed class RegistryAndFormatTests
{
    [Fact]
    public void Registry_FromAssembly_FindsTestsByNameIgnoringCase()
    {
        var registry = CheckTestRegistry.FromAssemblies([typeof(SampleCheckTests).Assembly]);

        Assert.Same(SampleCheckTests.TreeFixed, registry.Find("tree"));
        Assert.Same(SampleCheckTests.ElectionTwoLeaders, registry.Find("Election.VoteTwice"));
        Assert.Null(registry.Find("NoSuchTest"));
    }

    [Fact]
    public void Registry_DuplicateName_Throws()
    {
        var registry = new CheckTestRegistry();
        registry.Add(SampleCheckTests.TreeFixed);

        Assert.Throws<InvalidOperationException>(() => registry.Add(SampleCheckTests.TreeFixed));
    }

    [Theory]
    [InlineData("crash,loss", FaultKinds.Crash | FaultKinds.Loss, "crash,loss")]
    [InlineData("none", FaultKinds.None, "none")]
    [InlineData(" Error , restart", FaultKinds.Error | FaultKinds.Restart, "restart,error")]
    public void FaultText_ParseThenFormat_RoundTrips(string text, FaultKinds expected, string formatted)
    {
        var faults = FaultText.Parse(text);

        Assert.Equal(expected, faults);
        Assert.Equal(formatted, FaultText.Format(faults));
    }

    [Fact]
    public void FaultText_UnknownName_Throws() => Assert.Throws<FormatException>(() => FaultText.Parse("crash,meteor"));

    [Fact]
    public void Counterexample_Json_RoundTripsEveryField()
    {
        var options = new CheckOptions { Seed = 42, Depth = 3, Walks = 5, MaxSteps = 6, Faults = FaultKinds.Crash | FaultKinds.Error, MaxCrashes = 2, Time = TimeMode.Advancing, RandDoubleBuckets = 8 };
        var violation = new Violation(ViolationKind.Liveness, "AllJoined", [1, 0, 2], 3, "not live") { CriticalStep = 2 };
        var original = new Counterexample("UdpJoin", options, violation);

        var parsed = Counterexample.Parse(original.ToJson());

        Assert.Equal(original.ToJson(), parsed.ToJson());
        Assert.Equal(2, parsed.Violation.CriticalStep);
        Assert.Equal(TimeMode.Advancing, parsed.Options.Time);
        Assert.Equal(FaultKinds.Crash | FaultKinds.Error, parsed.Options.Faults);
    }

    [Fact]
    public void Counterexample_OtherFormatVersion_Rejected() =>
        Assert.Throws<FormatException>(() => Counterexample.Parse("""{"format": 99}"""));
}
