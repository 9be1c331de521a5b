"""What the understanding layer finds in candidate text: one contract for reader and grader.

A message is cut into sentences (verbatim spans, so every finding has its quote); each
sentence gets the rubric signals it is evidence for, the wrong claims it makes, how likely it
is a manipulation attempt, whether it asks something, and whether it carries depth. The
message as a whole gets a kind. The reader turns this into a `Reading`; the grader turns the
same findings into evidence, so a turn and its recap never disagree about a sentence.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class SentenceFindings(BaseModel):
    text: str  # verbatim sentence of the input
    start: int
    end: int
    question: bool = False  # asks the interviewer something
    # probability it is a question to the interviewer about the problem (the kind head's
    # clarifying-question score for the sentence alone): high for "how many impressions a
    # day do we log?", low for a self-posed "why not an off-the-shelf detector?"
    asking: float = 0.0
    signals: dict[str, float] = Field(default_factory=dict)  # evidence: signal -> probability
    wrong_claims: dict[str, float] = Field(default_factory=dict)  # claim id -> probability
    manipulation: float = 0.0  # probability the sentence is a manipulation attempt
    # read alone, the sentence is talk outside the design more than anything else (the kind
    # head's off-topic label is its most likely one): a personal admission ("I haven't done
    # much monitoring myself"), a story, a filler ("I keep coming back to it, I know") or a
    # remark the candidate sets aside ("anyway, that's a side point"); a follow-up leaves it
    aside: bool = False
    depth: float = 0.0  # probability it gives a reason, a number, a trade-off or a tie-in
    manipulative: bool = False  # manipulation at or above the shipped threshold
    deep: bool = False  # depth at or above the shipped threshold
    # follow-up angles the sentence already covers about its decision (model.ANGLES)
    angles: list[str] = Field(default_factory=list)
    # the angles its claim's thread covers (the sentence with the neighbours that talk about
    # the same claim, understanding/threads.py): what a follow-up quoting it must not ask
    thread_angles: list[str] = Field(default_factory=list)
    # signals the sentence talks about, at the signal head's recall-oriented threshold (a
    # superset of `signals`, listed terms included): never evidence, but said
    mentions: list[str] = Field(default_factory=list)


def statements(sentences: list[SentenceFindings]) -> list[SentenceFindings]:
    """The sentences that state something: a question or a manipulative sentence gives no
    angle and talks about nothing the interviewer may count as said."""
    return [s for s in sentences if not (s.manipulative or s.question)]


class MessageFindings(BaseModel):
    text: str
    kind: str  # a MessageKind value
    kind_scores: dict[str, float] = Field(default_factory=dict)
    sentences: list[SentenceFindings] = Field(default_factory=list)
    model_version: str = ""
    # follow-up angles the message's statements give as a whole: a reason is often spread
    # over sentences ("Two reasons. Quality: ..., so ...") that alone give none
    message_angles: list[str] = Field(default_factory=list)

    @property
    def signal_confidence(self) -> dict[str, float]:
        """Per signal shown anywhere in the message, the probability of the sentence that
        shows it best (manipulative sentences show nothing)."""
        best: dict[str, float] = {}
        for s in self.sentences:
            if s.manipulative:
                continue
            for sid, p in s.signals.items():
                best[sid] = max(best.get(sid, 0.0), p)
        return best

    @property
    def signals(self) -> list[str]:
        """Signals shown anywhere in the message, strongest first."""
        best = self.signal_confidence
        return sorted(best, key=lambda k: (-best[k], k))

    @property
    def angles(self) -> list[str]:
        """Follow-up angles the message already covers (a question or a manipulative
        sentence covers none), in the order first given; then those only the statements
        together give."""
        out: list[str] = []
        for s in statements(self.sentences):
            out += [a for a in s.angles if a not in out]
        return out + [a for a in self.message_angles if a not in out]

    @property
    def mentioned(self) -> list[str]:
        """Signals the message talks about, shown or only mentioned (its questions and
        manipulative sentences excluded): what a follow-up must not ask for as if unsaid."""
        out = list(self.signals)
        for s in statements(self.sentences):
            out += [m for m in s.mentions if m not in out]
        return out

    @property
    def wrong_claims(self) -> list[str]:
        out: list[str] = []
        for s in self.sentences:
            out += [c for c in s.wrong_claims if c not in out]
        return out
