"""The interview's running state: everything the pure policy needs to decide a move.

It is saved inside the transcript after every turn so an interview can be resumed.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agent.content.phases import Phase
from agent.decide.moves import MoveKind
from agent.read.numbers import NumberConflict


class InterviewState(BaseModel):
    phase: Phase = Phase.CLARIFY
    elapsed_minutes: float = 0.0  # interview clock
    total_minutes: float = 45.0
    phase_started_minute: float = 0.0
    # minutes of the current phase the candidate spent talking about other phases: a phase
    # only runs long on the time actually spent on it
    minutes_elsewhere: float = 0.0
    turns_in_phase: int = 0  # candidate turns in the current phase
    candidate_turns: int = 0
    phases_visited: list[Phase] = Field(default_factory=lambda: [Phase.CLARIFY])
    minutes_per_phase: dict[Phase, float] = Field(default_factory=dict)
    signals_seen: list[str] = Field(default_factory=list)  # ordered, unique
    # signals talked about at all, shown or only mentioned: never asked for as if unsaid
    signals_mentioned: list[str] = Field(default_factory=list)
    fact_topics_asked: list[str] = Field(default_factory=list)
    fact_topics_given: list[str] = Field(default_factory=list)  # card facts already answered
    # the pieces of them said ("<topic>#<n>"): the record later answers agree with
    fact_pieces_given: list[str] = Field(default_factory=list)
    probed_targets: list[str] = Field(default_factory=list)
    # missing signals a question has asked for (a gap on entering a phase): not asked again
    asked_for: list[str] = Field(default_factory=list)
    # signals a question asked about (`last_asked`) that the candidate then answered, in any
    # words the reader may not credit ("Nightly, offline." after "batch or at request
    # time?"): talked about, never asked for again
    asks_answered: list[str] = Field(default_factory=list)
    challenged: list[str] = Field(default_factory=list)  # misconception ids already raised
    # challenged claims the candidate then defended by stating them again: answered once
    # with the correction, never argued a third time
    claims_pressed: list[str] = Field(default_factory=list)
    # misconceptions stated but not yet challenged (a question took that turn): kept open
    claims_open: list[str] = Field(default_factory=list)
    # the candidate's own statement of each claim stated and not yet challenged: what the
    # challenge quotes when it comes later
    claim_quotes: dict[str, str] = Field(default_factory=dict)
    # card figures already corrected (queried, or answered as a wrong assumption), one key
    # per fact, kind of quantity and figure ("scale:per_second@400 queries per second")
    numbers_raised: list[str] = Field(default_factory=list)
    # figures said again after their kind was queried (a recap that restates them), one per
    # figure as said ("latency:ms=250 ms"): corrected once more, plainly, with the right
    # figure; never a third time
    numbers_restated: list[str] = Field(default_factory=list)
    # the card figures the interviewer's last move corrected (keys as numbers_raised): a
    # figure said again in the very next message was said before the correction sank in
    numbers_just_raised: list[str] = Field(default_factory=list)
    # figures contradicting the card while another move took the turn: raised later, once
    numbers_open: list[NumberConflict] = Field(default_factory=list)
    # every figure that contradicted the card when said, one per card figure and figure as
    # said: once its card figure is corrected (numbers_raised), the correction holds, and a
    # design that rests on the old figure again is corrected again (agent/read/held_figures.py)
    numbers_said: list[NumberConflict] = Field(default_factory=list)
    # freshness requirements the candidate stated ("stock changes show within a minute"):
    # design figures are held to them as to the card's
    requirements_stated: list[str] = Field(default_factory=list)
    # figures the candidate derived from factors they named (Reading.figures_derived): their
    # own arithmetic, not held to the card's figures when said again
    figures_derived: list[float] = Field(default_factory=list)
    # the rubric signal the interviewer's last question was about (a probe's, a hint's, a
    # gap asked on entering a phase): what a candidate who then asks for help is stuck on
    last_asked: str | None = None
    # the part of the design that signal belongs to (None: the phase the interview is in):
    # a reply that talks about another part does not answer the question
    last_asked_phase: Phase | None = None
    # the signals of the candidate's last answer about the design: what a request for help
    # that names nothing is about when no question was pending
    last_answer_signals: list[str] = Field(default_factory=list)
    # those of the answer before it: with the last one, what the last messages are about
    earlier_answer_signals: list[str] = Field(default_factory=list)
    hints_given: int = 0
    hints_in_phase: int = 0
    steers_in_phase: int = 0
    probes_in_phase: int = 0  # follow-ups asked in the current phase (depth before moving on)
    order_steered: bool = False  # the one "requirements first" steer has been used
    # the order of work the candidate announced ("data first, then the model, then
    # serving"), their latest announcement: the interview follows it
    announced_order: list[Phase] = Field(default_factory=list)
    long_answers: int = 0  # consecutive answers of at least LONG_ANSWER_WORDS
    long_wandering: bool = False  # one of those wandered (fillers, hedges, asides)
    concise_asked: bool = False  # the one "lead with the decision" note has been made
    overrun_warned: bool = False  # the candidate was told this phase ran long
    # an early "I'm done" was answered with the time left and a question (asked again, the
    # interview closes)
    end_deferred: bool = False
    off_topic_streak: int = 0
    empty_streak: int = 0
    skip_attempts: int = 0  # times the candidate jumped ahead of the current phase
    manipulation_attempts: int = 0
    last_moves: list[MoveKind] = Field(default_factory=list)  # most recent last
    finished: bool = False

    @property
    def minutes_left(self) -> float:
        return max(0.0, self.total_minutes - self.elapsed_minutes)

    @property
    def minutes_in_phase(self) -> float:
        return self.elapsed_minutes - self.phase_started_minute

    @property
    def minutes_on_phase(self) -> float:
        """Minutes of the current phase spent on it (not on other phases' ground)."""
        return max(0.0, self.minutes_in_phase - self.minutes_elsewhere)
