"""A figure a candidate used that contradicts one of the card's (numbers.py finds them): what
was said, what the card gives, and how the interviewer is to raise it."""

from __future__ import annotations

import re

from pydantic import BaseModel

_FIRST_FIGURE = re.compile(r"\d[\d,.]*\s*(?:k|m|b|million|billion|thousand)?\b")


class NumberConflict(BaseModel):
    said: str  # the candidate's figure, as written
    given: str  # the figure the interviewer gave, as written
    topic: str  # the card fact it contradicts
    # False: the fact was never given; the candidate assumed a figure the card contradicts
    told: bool = True
    kind: str = ""  # the kind of quantity ("ms", "per_second", "video"): one query per kind
    # said again after it was queried (a recap, a later answer): corrected plainly, once more
    again: bool = False
    # the message also says the card's figure ("300 ms instead of the 500 ms I had"): what
    # was queried once is not corrected again
    right_said: bool = False
    # False: the fact was answered, but not the piece that holds this figure ("the latency
    # budget" answered with the per-stage estimates, the page's target never said), so the
    # candidate never heard it: the query must not say "the figure I gave"
    heard: bool = True
    # of a figure never told, the card piece that holds the figure ("scale#1"): what the
    # answer to the assumption says
    piece: str = ""
    # the message builds on the figure: derives another from it ("25k QPS times 300
    # candidates is 7.5 million scores a second"); a figure already queried is corrected
    # once more only then, not when a summary merely restates it
    builds: bool = False
    # said as an order of magnitude ("billions of videos", "a few million players"): said
    # again after a correction, it is queried only where the design builds on it
    vague: bool = False
    # said back wrong in an acknowledgement ("Right, so we have 200 ms to play with" just
    # after 300 ms was given): the correction was misheard
    misheard: bool = False
    # the card's figure counts one place ("in our largest city") and the fact was not given
    # yet: the fact is the answer, but the candidate's figure (perhaps of the whole) is not
    # held to it afterwards (held_figures.py)
    placed: bool = False

    @property
    def kind_key(self) -> str:
        """A fact's quantity of one kind: one query per kind in a message."""
        return f"{self.topic}:{self.kind}" if self.kind else self.topic

    @property
    def key(self) -> str:
        """What was corrected: the card's figure of a fact, said once ("scale:per_second@
        400 queries per second"); another figure of the same kind (a stage's budget after the
        page's) is another correction."""
        return f"{self.kind_key}@{' '.join(self.given.lower().split())}"

    @property
    def restatement(self) -> str:
        """A figure said again after its kind was queried, as said: corrected once more per
        figure ("250 ms" restated in a recap after another latency took the first correction),
        known by its first number (a plan by its sum: "stages adding up to 80 ms (...)")."""
        figure = _FIRST_FIGURE.search(self.said.lower())
        return f"{self.kind_key}={figure.group(0).strip() if figure else self.said.lower()}"
