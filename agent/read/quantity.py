"""A figure read from text: its value, what it counts, over which period, of which part of
the whole, and how it was said (agent/read/quantities.py reads them)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Quantity(BaseModel):
    value: float  # the figure; for a range or an order of magnitude, its upper end
    kind: str  # "ms", "per_second", "daily_users", ... or a singular noun ("game", "view/day")
    text: str  # as written
    low: float = 0.0  # a range's lower end ("500 to 1,000"; "hundreds of millions": 1e8)
    high: float = 0.0  # an order of magnitude's open upper end ("hundreds of millions": 1e9)
    scope: list[str] = Field(default_factory=list)  # the part counted: "request", "largest"
    limit: bool = False  # a cap ("a pool of 64 GPUs"), not an amount in use
    # the content words of the figure's clause, and of the few words around it: which of a
    # fact's figures a candidate's figure is about ("40 ms for scoring": the scoring budget)
    words: list[str] = Field(default_factory=list)
    near: list[str] = Field(default_factory=list)
    # a rate's statistic, read from the words next to the figure: "peak" ("20k at peak",
    # "peak is around 3,000 per second"), "average" ("5k per second on average") or ""
    stat: str = ""
    percentile: bool = False  # stated at a percentile ("100 ms at p99"): a service's budget
    stage: str = ""  # of a latency, the stage or scope it is said of (agent/read/stages.py)
    # an anecdote: said of a past job, an earlier system or the speaker's own life ("I have
    # like two hundred unplayed games"), not of this design
    past: bool = False
    supposed: bool = False  # said under a supposed scale-up ("at ten times the scale, ...")
    # the content words of the figure's whole sentence: which of a card's figures of the
    # same quantity it is about ("a random sample of 20k posts a day": the random-review
    # budget, not the upload volume)
    sentence: list[str] = Field(default_factory=list)
    # other kinds the figure also counts: "50,000 reviews a week of randomly sampled posts"
    # counts posts too; "moderators review 2 million items a day" counts reviews too
    also: list[str] = Field(default_factory=list)
    # said back in an acknowledgement ("OK, a few hundred cases per day"): a restatement of
    # the card's figure, not a share of it the design chose (agent/read/numbers.py)
    restated: bool = False
    seconds: bool = False  # a latency said in seconds ("0.2 s", "half a second"), in ms

    @property
    def vague(self) -> bool:
        return self.high > 0
