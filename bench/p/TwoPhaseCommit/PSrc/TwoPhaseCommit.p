// One coordinator, two participants, one transaction: the protocol of TwoPhaseCommit.mace.
// Each participant votes yes or no ($, a nondeterministic choice); the coordinator commits only if
// every vote is yes. With bug = true it commits on the first yes, as CommitOnFirstYes does.

type tVote = (participant: Participant, yes: bool);
type tConfig = (participants: seq[Participant], bug: bool);

event eBegin;
event ePrepare: Coordinator;
event eVote: tVote;
event eDecision: bool;
event eVoted: bool;
event eDecided: bool;

machine Coordinator {
  var participants: seq[Participant];
  var bug: bool;
  var yesVotes: int;
  var replies: int;

  start state Idle {
    entry (config: tConfig) {
      participants = config.participants;
      bug = config.bug;
    }
    on eBegin goto Waiting;
  }

  state Waiting {
    entry {
      var i: int;
      while (i < sizeof(participants)) {
        send participants[i], ePrepare, this;
        i = i + 1;
      }
    }
    on eVote do (vote: tVote) {
      replies = replies + 1;
      if (vote.yes) { yesVotes = yesVotes + 1; }
      if (bug && vote.yes) {
        Decide(true);
        goto Done;
      } else if (replies == sizeof(participants)) {
        Decide(yesVotes == sizeof(participants));
        goto Done;
      }
    }
  }

  state Done {
    ignore eVote;
  }

  fun Decide(commit: bool) {
    var i: int;
    announce eDecided, commit;
    while (i < sizeof(participants)) {
      send participants[i], eDecision, commit;
      i = i + 1;
    }
  }
}

machine Participant {
  start state Ready {
    on ePrepare do (coordinator: Coordinator) {
      var yes: bool;
      yes = $;
      announce eVoted, yes;
      send coordinator, eVote, (participant = this, yes = yes);
    }
    ignore eDecision;
  }
}

// Atomic: no commit once any participant voted no (the .mace service's safety property).
spec Atomic observes eVoted, eDecided {
  var anyNo: bool;
  var committed: bool;

  start state Watching {
    on eVoted do (yes: bool) {
      if (!yes) { anyNo = true; }
      assert !(anyNo && committed), "committed although a participant voted no";
    }
    on eDecided do (commit: bool) {
      if (commit) { committed = true; }
      assert !(anyNo && committed), "committed although a participant voted no";
    }
  }
}

machine Driver {
  var bug: bool;
  start state Init {
    entry (withBug: bool) {
      var participants: seq[Participant];
      var coordinator: Coordinator;
      participants += (0, new Participant());
      participants += (1, new Participant());
      coordinator = new Coordinator((participants = participants, bug = withBug));
      send coordinator, eBegin;
    }
  }
}

machine BuggyDriver {
  start state Init {
    entry { new Driver(true); }
  }
}

machine FixedDriver {
  start state Init {
    entry { new Driver(false); }
  }
}

test tcBuggy [main=BuggyDriver]: assert Atomic in { BuggyDriver, Driver, Coordinator, Participant };
test tcFixed [main=FixedDriver]: assert Atomic in { FixedDriver, Driver, Coordinator, Participant };
