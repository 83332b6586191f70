// One coordinator, two participants, one transaction: the protocol of
// samples/Mace.CheckingServices/Services/TwoPhaseCommit.mace and bench/p/TwoPhaseCommit/PSrc/TwoPhaseCommit.p,
// as Coyote state machines. Each participant votes yes or no (RandomBoolean, a choice of the test engine);
// the coordinator commits only if every vote is yes. With Bug = true it commits on the first yes, as
// CommitOnFirstYes does. Same machines (coordinator + 2 participants), same messages (Begin, 2 Prepare,
// 2 Vote, 2 Decision), same choices (one boolean per participant) as the Mace and P versions.
using Microsoft.Coyote;
using Microsoft.Coyote.Actors;
using Microsoft.Coyote.Specifications;

namespace Coyote.TwoPhaseCommit;

/// <summary>The coordinator's configuration: its participants and whether the seeded bug is on.</summary>
public sealed class Config(IReadOnlyList<ActorId> participants, bool bug) : Event
{
    public IReadOnlyList<ActorId> Participants { get; } = participants;
    public bool Bug { get; } = bug;
}

/// <summary>Starts the transaction (the driver's application event).</summary>
public sealed class Begin : Event;

/// <summary>Coordinator to participant: vote on the transaction.</summary>
public sealed class Prepare(ActorId coordinator) : Event
{
    public ActorId Coordinator { get; } = coordinator;
}

/// <summary>Participant to coordinator: the vote.</summary>
public sealed class Vote(ActorId participant, bool yes) : Event
{
    public ActorId Participant { get; } = participant;
    public bool Yes { get; } = yes;
}

/// <summary>Coordinator to participant: the outcome.</summary>
public sealed class Decision(bool commit) : Event
{
    public bool Commit { get; } = commit;
}

/// <summary>Announced to the <see cref="Atomic"/> monitor: a participant voted.</summary>
public sealed class Voted(bool yes) : Microsoft.Coyote.Specifications.Monitor.Event
{
    public bool Yes { get; } = yes;
}

/// <summary>Announced to the <see cref="Atomic"/> monitor: the coordinator decided.</summary>
public sealed class Decided(bool commit) : Microsoft.Coyote.Specifications.Monitor.Event
{
    public bool Commit { get; } = commit;
}

public sealed class Coordinator : StateMachine
{
    private IReadOnlyList<ActorId> participants = [];
    private bool bug;
    private int yesVotes;
    private int replies;

    [Start]
    [OnEntry(nameof(OnIdle))]
    [OnEventGotoState(typeof(Begin), typeof(Waiting))]
    private sealed class Idle : State;

    [OnEntry(nameof(OnWaiting))]
    [OnEventDoAction(typeof(Vote), nameof(OnVote))]
    private sealed class Waiting : State;

    [IgnoreEvents(typeof(Vote))]
    private sealed class Done : State;

    private void OnIdle(Event e)
    {
        var config = (Config)e;
        participants = config.Participants;
        bug = config.Bug;
    }

    private void OnWaiting()
    {
        foreach (var p in participants) SendEvent(p, new Prepare(Id));
    }

    private void OnVote(Event e)
    {
        var vote = (Vote)e;
        replies++;
        if (vote.Yes) yesVotes++;
        if (bug && vote.Yes)
        {
            Decide(true);
        }
        else if (replies == participants.Count)
        {
            Decide(yesVotes == participants.Count);
        }
    }

    private void Decide(bool commit)
    {
        Monitor<Atomic>(new Decided(commit));
        foreach (var p in participants) SendEvent(p, new Decision(commit));
        RaiseGotoStateEvent<Done>();
    }
}

public sealed class Participant : StateMachine
{
    [Start]
    [OnEventDoAction(typeof(Prepare), nameof(OnPrepare))]
    [IgnoreEvents(typeof(Decision))]
    private sealed class Ready : State;

    private void OnPrepare(Event e)
    {
        var yes = RandomBoolean();
        Monitor<Atomic>(new Voted(yes));
        SendEvent(((Prepare)e).Coordinator, new Vote(Id, yes));
    }
}

/// <summary>Atomic: no commit once any participant voted no (the .mace service's safety property).</summary>
public sealed class Atomic : Microsoft.Coyote.Specifications.Monitor
{
    private bool anyNo;
    private bool committed;

    [Start]
    [OnEventDoAction(typeof(Voted), nameof(OnVoted))]
    [OnEventDoAction(typeof(Decided), nameof(OnDecided))]
    private sealed class Watching : State;

    private void OnVoted(Event e)
    {
        if (!((Voted)e).Yes) anyNo = true;
        Assert(!(anyNo && committed), "committed although a participant voted no");
    }

    private void OnDecided(Event e)
    {
        if (((Decided)e).Commit) committed = true;
        Assert(!(anyNo && committed), "committed although a participant voted no");
    }
}

/// <summary>The test entry points: <see cref="Run"/> plays P's driver machine (creates the machines, sends Begin).</summary>
public static class Tests
{
    /// <summary>One execution: the atomicity monitor, two participants, the coordinator, then Begin.</summary>
    public static void Run(IActorRuntime runtime, bool bug)
    {
        runtime.RegisterMonitor<Atomic>();
        ActorId[] participants = [runtime.CreateActor(typeof(Participant)), runtime.CreateActor(typeof(Participant))];
        var coordinator = runtime.CreateActor(typeof(Coordinator), new Config(participants, bug));
        runtime.SendEvent(coordinator, new Begin());
    }

    /// <summary>The correct protocol, as a [Test] method for the `coyote test` CLI (not used by Program.cs).</summary>
    [Microsoft.Coyote.SystematicTesting.Test]
    public static void Fixed(IActorRuntime runtime) => Run(runtime, bug: false);

    /// <summary>The seeded bug, as a [Test] method for the `coyote test` CLI (not used by Program.cs).</summary>
    [Microsoft.Coyote.SystematicTesting.Test]
    public static void Buggy(IActorRuntime runtime) => Run(runtime, bug: true);
}
