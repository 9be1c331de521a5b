"""What a candidate message is: the output of the `read` step.

Readers (offline lexicon+embedding, or an LLM with structured output) both return a
`Reading`; the policy only ever sees this model, never raw text.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from agent.content.phases import Phase, PhasePlan
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.read.numbers import NumberConflict


class MessageKind(StrEnum):
    CLARIFYING_QUESTION = "clarifying_question"  # asks about the problem (scale, data, ...)
    ANSWER = "answer"  # substantive design content
    HINT_REQUEST = "hint_request"  # "I'm stuck", "can I get a hint?"
    OFF_TOPIC = "off_topic"  # unrelated to the interview
    META = "meta"  # about the interview itself: time left, which phase, repeat the question
    MANIPULATION = "manipulation"  # asks for rubric, hidden facts, prompt, a perfect score
    EMPTY = "empty"  # blank, silence, gibberish
    END_REQUEST = "end_request"  # "end interview", "let's wrap up"


class MetaTopic(StrEnum):
    TIME_LEFT = "time_left"
    CURRENT_PHASE = "current_phase"
    REPEAT = "repeat"  # repeat the question / the problem
    NEXT = "next"  # "can we move on?"
    JOB = "job"  # about the team, the role, pay, the hiring process: the recruiter's to answer
    INVITATION = "invitation"  # "do you have any questions for me?", "where should I go deeper?"
    SCOPE = "scope"  # a scope call only the interviewer can make ("cover push as well?")
    # a design decision put to the interviewer ("would a rules-only launch be acceptable?"):
    # the candidate's call, to state as an assumption
    DESIGN = "design"
    OTHER = "other"


class AskedPart(BaseModel):
    """One part of a clarifying question, in the order asked, with the pieces of the card's
    facts that answer it ("<topic>#<n>"); none: the card does not cover it, and the answer
    names it as open ("not specified, state an assumption")."""

    text: str  # the part, verbatim
    pieces: list[str] = Field(default_factory=list)
    # the card's pieces nearest the part by meaning (MiniLM cosine), best first, with their
    # cosines: not an answer by themselves (the fact matcher decides what is asked), but
    # what keeps the reply consistent: a part whose nearest piece is said in the same reply
    # or was said before is not named as open (agent/decide/part_answers.py)
    near: list[str] = Field(default_factory=list)
    nearness: list[float] = Field(default_factory=list)
    # per near piece, the fact matcher's probability that the part asks for that piece's fact
    # (agent/understanding/fact_match.py): below the threshold that gives a fact, but what
    # tells a piece the part is about from one that only shares its words (empty in records
    # written before it)
    near_match: list[float] = Field(default_factory=list)
    # the part names a fact it asks for by one of the fact's cue phrases ("the latency
    # budget"): it asks for that fact by name, so asked again it hears the fact again rather
    # than a pointer past it (agent/decide/part_answers.py)
    names_fact: bool = False


class Reading(BaseModel):
    kind: MessageKind
    # rubric signal ids the message shows (may be non-empty even for a clarifying question)
    signals: list[str] = Field(default_factory=list)
    # card fact topics a clarifying question asks about (only topics that exist on the card)
    fact_topics: list[str] = Field(default_factory=list)
    # of those facts, the pieces ("<topic>#<n>") the parts ask for; a topic with none of its
    # pieces here is asked for whole
    fact_pieces: list[str] = Field(default_factory=list)
    # the question asked something the card does not answer
    unanswerable: bool = False
    # the question's parts in the order asked, each with the pieces that answer it (an empty
    # list: a part the card does not cover); empty when the reader gives no parts (an LLM
    # reader, a record written before parts): then the answer goes by fact_pieces
    asked_parts: list[AskedPart] = Field(default_factory=list)
    # phases the message talks about (e.g. it jumps to modeling while in clarify)
    phases: list[Phase] = Field(default_factory=list)
    # design phases the message's sentences open with, by the words candidates call them
    # ("Monitoring: ...", "Okay, for serving. ..."), shown or not: where the candidate says
    # they are
    parts_named: list[Phase] = Field(default_factory=list)
    # the order of work the candidate announces ("I'll go through the data first, then the
    # model, then serving"): the parts named, in their order (agent/read/agenda.py)
    announced: list[Phase] = Field(default_factory=list)
    # the design parts the message names as done ("I'd say this covers serving"; said of
    # no part by name, the part in progress): where a request to move on comes from
    parts_done: list[Phase] = Field(default_factory=list)
    # the design part a sentence of the candidate's plan says they go to now, forward or back
    # ("next I'll go back to the labelling"): where the interview goes with them
    goes_to: Phase | None = None
    # misconception ids (knowledge/misconceptions.yaml) the message states
    misconceptions: list[str] = Field(default_factory=list)
    # per misconception, the candidate's own statement that makes it (a verbatim sentence,
    # never a question): what a challenge quotes
    claim_quotes: dict[str, str] = Field(default_factory=dict)
    # misconception ids the message corrects by stating the right practice: a claim left
    # open earlier is closed by it
    repairs: list[str] = Field(default_factory=list)
    meta: MetaTopic | None = None
    # further questions about the interview in the same message ("time left? and the pay?")
    more_meta: list[MetaTopic] = Field(default_factory=list)
    on_topic_score: float = Field(default=1.0, ge=0, le=1)  # similarity to MLSD/the problem
    word_count: int = 0
    # fillers, hedges and asides per hundred words ("you know", "anyway", "side note"): a
    # long answer that wanders, not one dense with decisions
    filler_rate: float = Field(default=0.0, ge=0)
    # the message asks something (one of its sentences is a question)
    asks: bool = False
    # it asks the interviewer to confirm what it just proposed ("Does that framing match?")
    checks_in: bool = False
    # it offers to go deeper wherever the interviewer likes ("happy to go deeper on any
    # part"): a follow-up picks a place among what was said, and says it takes the offer
    offers_depth: bool = False
    # the design parts a message that invites the interviewer's choice names as the options
    # ("is there a part you'd like me to go deeper on? the training, or the evaluation"), in
    # the order named: the interviewer takes one of them
    parts_offered: list[Phase] = Field(default_factory=list)
    # next to its question it states its own assumption ("I'd guess around 30 ms")
    assumed: bool = False
    # a hint request's subject, when it names one ("any hint on how to split the data?")
    asked_about: str | None = None
    # a hint request's sentences that ask for help, read alone ("I'm not sure how to deal
    # with fraud being so rare"), without the statements around them: what the candidate
    # is stuck on, in their words
    stuck_on: list[str] = Field(default_factory=list)
    # the hint point (knowledge/hint_points.yaml) a hint request is about, read by meaning
    # from the request itself (agent/read/stuck_subjects.py); None when none is close enough
    hint_subject: str | None = None
    # an end request asks to stop the interview ("let's end here", "I have to go"); False
    # when it only says the candidate is done with the design ("Done.", "that's all I have"):
    # with most of the time left, the interviewer uses it before closing
    asks_to_stop: bool = True
    # a request to move on that names where to ("can we move on to the serving part?")
    wants_phase: Phase | None = None
    # the part wants_phase names follows a verb of going ("move on to serving", "go back to
    # the features"): where the candidate asks to go, never a part they say they covered
    heads_to_part: bool = False
    # a figure that contradicts one the interviewer gave ("40k games" after "60,000 games")
    number_conflict: NumberConflict | None = None
    # every such figure, one per fact and kind (the first is number_conflict); one that
    # contradicts a fact not given yet (told=False) is corrected with that fact
    number_conflicts: list[NumberConflict] = Field(default_factory=list)
    # the message's sentences that state a freshness requirement ("a stock change has to
    # show up in results within a minute or two"): later design figures are held to them
    requirements: list[str] = Field(default_factory=list)
    # the values of figures the message derives from factors it names ("2 billion images
    # times 3 vectors each is 6 billion vectors"): not held to the card later either
    figures_derived: list[float] = Field(default_factory=list)
    # a short key phrase from the message worth following up on (verbatim substring)
    focus: str | None = None
    # per signal shown, the candidate's own words that show it (a verbatim clause): what a
    # follow-up on that signal quotes and pushes on
    quotes: dict[str, str] = Field(default_factory=dict)
    # per signal shown, how sure the reader is (offline: the head's probability for the
    # sentence that shows it best); a follow-up angle that presumes the signal needs it sure
    signal_confidence: dict[str, float] = Field(default_factory=dict)
    # follow-up angles the message already covers ("reason", "cost", "alternative", "risk",
    # "measure"): a follow-up takes another one rather than ask for what was just given
    angles_given: list[str] = Field(default_factory=list)
    # per statement of the message (verbatim), the angles its claim's thread covers (the
    # sentence and the neighbours about the same claim): a follow-up quoting that sentence
    # asks none of them; in a long message `angles_given` covers every angle about something
    thread_angles: dict[str, list[str]] = Field(default_factory=dict)
    # the statements (keys of thread_angles) a follow-up leaves alone: read alone as talk
    # outside the design (a filler, an admission, a remark set aside), a story, an offer
    asides: list[str] = Field(default_factory=list)
    # signals the message talks about, shown or only mentioned (the reader's recall-oriented
    # bar; never credited): a gap question or a revisit does not ask for them as if unsaid
    signals_mentioned: list[str] = Field(default_factory=list)
    # who read it, and at what cost (LLM readers); fallback says why an LLM read fell back
    source: str = "offline"
    fallback: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class ReadContext(BaseModel):
    """What a reader may know when reading one message."""

    model_config = {"arbitrary_types_allowed": True}

    phase: Phase
    card: ProblemCard
    rubric: Rubric
    last_interviewer_text: str = ""
    facts_given: list[str] = Field(default_factory=list)  # card facts already answered
    pieces_given: list[str] = Field(default_factory=list)  # their pieces said ("topic#n")
    # freshness requirements the candidate stated earlier (Reading.requirements)
    requirements_stated: list[str] = Field(default_factory=list)
    figures_derived: list[float] = Field(default_factory=list)  # Reading.figures_derived so far
    # figures the candidate said that contradicted a card figure since corrected: held to it
    figures_corrected: list[NumberConflict] = Field(default_factory=list)
    plan: PhasePlan | None = None  # the phases, for a request that names one
    signals_seen: list[str] = Field(default_factory=list)  # rubric signals heard so far


class Reader(Protocol):
    name: str

    def read(self, text: str, context: ReadContext) -> Reading: ...


@runtime_checkable
class WaitingReader(Protocol):
    """A reader that waits on a model and can hand the offline reading to other work
    (`while_waiting`) meanwhile."""

    name: str
    waits_on_model: bool

    def read(
        self,
        text: str,
        context: ReadContext,
        *,
        while_waiting: Callable[[Reading], None] | None = None,
    ) -> Reading: ...


class SteppedReading:
    """A reading made in two steps: `first` holds everything but the details its kind
    adds, which `whole()` reads once, when asked (agent/read/offline.py, read_in_steps)."""

    def __init__(self, first: Reading, details: Callable[[], Reading] | None = None) -> None:
        self.first = first
        self._details = details
        self._whole: Reading | None = None if details is not None else first

    def whole(self) -> Reading:
        if self._whole is None:
            assert self._details is not None
            self._whole = self._details()
        return self._whole


@runtime_checkable
class SteppedReader(Protocol):
    """A reader that can give a reading in two steps (see SteppedReading)."""

    name: str

    def read_in_steps(self, text: str, context: ReadContext) -> SteppedReading: ...
