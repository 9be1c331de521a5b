"""A small hand-built rubric, phase plan and problem card for policy and progress tests,
so those tests do not depend on the content files in knowledge/; and, for the tests of a
policy against the shipped content, a problem card from knowledge/ and an offline interview
on it with the interviewer's reply and move to each message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent.content.phases import Phase, PhasePlan, PhaseSpec
from agent.content.problems import Fact, ProblemCard
from agent.content.rubric import Dimension, Rubric, Signal
from agent.decide import policy
from agent.decide.moves import Move
from agent.decide.progress import apply_move, apply_reading
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, Reading

if TYPE_CHECKING:
    from agent.interview import Interview

LEVELS = {1: "weak", 2: "mixed", 3: "solid", 4: "strong"}

# dimension id -> (home phase, [(signal id, weight)])
DIMENSIONS: dict[str, tuple[Phase, list[tuple[str, float]]]] = {
    "problem_framing": (
        Phase.CLARIFY,
        [
            ("asks_scale", 1.0),
            ("asks_latency", 1.0),
            ("asks_business_goal", 1.2),
            ("states_assumptions", 0.8),
        ],
    ),
    "data": (
        Phase.DATA,
        [("label_source", 1.2), ("handles_imbalance", 1.0), ("data_sources", 0.8)],
    ),
    "features": (Phase.FEATURES, [("feature_groups", 1.0), ("embedding_features", 1.0)]),
    "modeling": (Phase.MODELING, [("baseline_model", 1.0), ("model_choice", 1.0)]),
    "metrics": (Phase.MODELING, [("offline_metric", 1.2)]),
    "training": (Phase.TRAINING, [("time_split", 1.0), ("retraining", 1.0)]),
    "evaluation": (Phase.EVALUATION, [("ab_test", 1.0), ("slices", 0.8)]),
    "deployment": (Phase.DEPLOYMENT, [("serving", 1.0), ("monitoring", 1.0), ("drift", 0.8)]),
    "communication": (Phase.WRAP_UP, [("summarises", 1.0)]),
}

# phase -> (minutes, max_turns, min_turns); 45 minutes in all
BUDGETS: dict[Phase, tuple[float, int, int]] = {
    Phase.CLARIFY: (5, 6, 2),
    Phase.DATA: (6, 6, 1),
    Phase.FEATURES: (6, 5, 1),
    Phase.MODELING: (7, 6, 1),
    Phase.TRAINING: (5, 5, 1),
    Phase.EVALUATION: (5, 5, 1),
    Phase.DEPLOYMENT: (7, 6, 1),
    Phase.WRAP_UP: (4, 2, 0),
}

MISCONCEPTIONS = ["accuracy_on_imbalanced", "random_split_on_time_data"]


def make_rubric() -> Rubric:
    dims = [
        Dimension(
            id=dim_id,
            title=dim_id.replace("_", " "),
            phase=phase,
            levels=LEVELS,
            signals=[
                Signal(id=sid, description=sid.replace("_", " "), cues=[sid], weight=w)
                for sid, w in signals
            ],
        )
        for dim_id, (phase, signals) in DIMENSIONS.items()
    ]
    return Rubric(version="test-1", dimensions=dims)


def make_plan() -> PhasePlan:
    return PhasePlan(
        phases=[
            PhaseSpec(id=p, title=p.value, minutes=m, max_turns=mx, min_turns=mn, goal=f"{p} goal")
            for p, (m, mx, mn) in BUDGETS.items()
        ]
    )


def make_card() -> ProblemCard:
    topics = ["scale", "latency", "data", "labels", "constraints", "imbalance"]
    return ProblemCard(
        id="toy-problem",
        title="Toy problem",
        opening="Design a system that flags toy orders.",
        facts=[Fact(topic=t, cues=[t], answer=f"The {t} answer.") for t in topics],
    )


RUBRIC = make_rubric()
PLAN = make_plan()
CARD = make_card()


def answer(*signals: str, phases: tuple[Phase, ...] = (), **kw: object) -> Reading:
    """An answer showing `signals`, each with the candidate's words for it (as a reader
    quotes them)."""
    quotes = {s: f"what I said about {s.replace('_', ' ')}" for s in signals}
    kw.setdefault("quotes", quotes)
    return Reading(kind=MessageKind.ANSWER, signals=list(signals), phases=list(phases), **kw)


def reading(kind: MessageKind, **kw: object) -> Reading:
    return Reading(kind=kind, **kw)


def fresh(**kw: object) -> InterviewState:
    return InterviewState(**kw)  # type: ignore[arg-type]


def state_in(phase: Phase, **kw: object) -> InterviewState:
    """A state already in `phase` (earlier phases visited)."""
    from agent.content.phases import PHASE_ORDER, phase_index

    visited = list(PHASE_ORDER[: phase_index(phase) + 1])
    return InterviewState(phase=phase, phases_visited=visited, **kw)


def decide(state: InterviewState, r: Reading) -> Move:
    return policy.decide(state, r, PLAN, RUBRIC, CARD)


def turn(state: InterviewState, r: Reading, minutes: float) -> tuple[Move, InterviewState]:
    """One full candidate turn: record the reading, decide, record the move."""
    after_reading = apply_reading(state, r, minutes)
    move = decide(after_reading, r)
    return move, apply_move(after_reading, move)


def decide_after(state: InterviewState, r: Reading, minutes: float | None = None) -> Move:
    """Decide as the interview would: on the state after the reading was recorded."""
    clock = state.elapsed_minutes if minutes is None else minutes
    return decide(apply_reading(state, r, clock), r)


def shipped_card(problem: str) -> ProblemCard:
    """A problem card as shipped in knowledge/problems."""
    from agent.content.bundle import load_content

    return load_content().problems.get(problem)


def interview_on(problem: str, *messages: str) -> Interview:
    """An offline interview on a shipped problem, opened and given `messages` in turn."""
    from tests.support.interview_fixtures import new_interview

    iv = new_interview(problem)
    iv.start()
    for message in messages:
        iv.respond(message)
    return iv


def reply_to(iv: Interview, message: str) -> tuple[str, Move]:
    """What the interviewer says to `message`, and the move it made."""
    reply = iv.respond(message)
    move = iv.transcript.turns[-1].move
    assert move is not None
    return reply, move
