"""Questions about the interview or the job rather than the problem: the time left, the
team or the pay (the recruiter's to answer), an invitation to ask ("any questions for me?"),
a scope call only the interviewer can make ("should I cover push as well?").

The lexicon's phrases name the interview's own topics (time left, phase, repeat, move on);
the rest is read by meaning: a question is about the job, an invitation or scope when its
nearest example in the lexicon (MiniLM cosine) is at least EXAMPLE_SIMILARITY and beats its
best card fact by EXAMPLE_MARGIN, so "is it shown on the mobile app too?" (a card question)
is not taken for a scope call.
"""

from __future__ import annotations

import re
import threading

import numpy as np

from agent.content.problems import ProblemCard
from agent.read.facts import card_facts
from agent.read.lexicon import ReaderLexicon
from agent.read.reading import MetaTopic
from agent.understanding import Understanding
from agent.understanding.sentences import normalise

# chosen on the question sentences of the dev interviews (tests/fidelity dev..test8): the
# team, pay, office, stack and hiring-process questions there score 0.5-0.98 against their
# nearest example; the card questions that come as close ("how many riders near me?") are
# nearer a card fact, which the margin requires them not to be
EXAMPLE_SIMILARITY = 0.5
EXAMPLE_MARGIN = 0.1
# a question of at most this many words right after one about the problem continues it
FRAGMENT_WORDS = 4
_WORDS = re.compile(r"[\w'-]+")
# words that name the interview's clock
_CLOCK = re.compile(r"\b(?:time|minutes?|clock|left|remaining|long|end|over)\b")


# "this/these/that/those <thing>" in a question, pointing at something named before it
_POINTED = re.compile(r"\b(?:this|these|that|those)\s+([a-z][a-z'-]{3,})\b")
STEM = 5  # letters two words must share to name the same thing ("weights", "weighted")


def refers_back(question: str, before: str) -> bool:
    """The (normalised) question points at something the message named before it ("...a
    weighted sum of the heads. Who decides these weights?"): it asks about the candidate's
    own design, not about the job."""
    said = {w[:STEM] for w in _WORDS.findall(before.lower()) if len(w) >= STEM}
    return any(m.group(1)[:STEM] in said for m in _POINTED.finditer(question))


class InterviewQuestions:
    def __init__(self, lexicon: ReaderLexicon, understanding: Understanding) -> None:
        self.lexicon = lexicon
        self.understanding = understanding
        self._topics: list[MetaTopic] = []
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def _examples(self) -> np.ndarray:
        with self._lock:
            if self._vectors is None:
                pairs = [(t, e) for t, es in self.lexicon.examples.items() for e in es]
                self._topics = [t for t, _ in pairs]
                self._vectors = np.asarray(self.understanding.embed([e for _, e in pairs]))
            return self._vectors

    def topics(
        self,
        sentences: list[str],
        card: ProblemCard,
        before: list[str] | None = None,
        after: list[str] | None = None,
    ) -> list[MetaTopic | None]:
        """Per question, the interview topic it asks about, if any: a lexicon phrase first,
        then the nearest example by meaning (`before`: per question, what the message said
        before it; `after`: the sentence right after it, which may say why it is asked)."""
        said_before = before or ["" for _ in sentences]
        said_after = after or ["" for _ in sentences]
        out: list[MetaTopic | None] = [self.lexicon.meta_topic(normalise(s)) for s in sentences]
        rest = [i for i, t in enumerate(out) if t is None]
        if not rest or self.understanding.embedder is None or not self.lexicon.examples:
            return out
        examples = self._examples()
        vectors = np.asarray(self.understanding.embed([sentences[i] for i in rest]))
        facts, embedder = card_facts(card), self.understanding.embedder
        for i, vector in zip(rest, vectors, strict=True):
            if not vector.any():
                continue
            sims = examples @ vector
            best = int(np.argmax(sims))
            fact = float(np.max(facts.meaning(vector, embedder))) if facts.topics else -1.0
            if sims[best] >= EXAMPLE_SIMILARITY and sims[best] - fact >= EXAMPLE_MARGIN:
                out[i] = self._by_meaning(
                    self._topics[best], sentences, i, out, said_before[i], said_after[i]
                )
        return out

    def _by_meaning(
        self,
        topic: MetaTopic,
        sentences: list[str],
        i: int,
        so_far: list[MetaTopic | None],
        before: str = "",
        after: str = "",
    ) -> MetaTopic | None:
        """The topic a question's nearest example gives, read in its place: "who carries the
        pager for this service?" names the system being designed, and "who decides these
        weights?" after a message that set them out points back to the design, so each
        asks a design question however near it is to one about the job, and so does one the
        next sentence ties to the system ("Who answers pages at night? That
        decides how noisy the alerting may be."); a
        fragment after a question about the problem ("Who can read the raw logs? Only the
        risk teams?") goes on asking that one."""
        text = normalise(sentences[i])
        if topic is MetaTopic.TIME_LEFT and not _CLOCK.search(text):
            # "how many months of history do we have?" is near "how much time do we have?"
            # in meaning, but asks about the data: the clock is named when it is asked about
            return None
        if i > 0 and so_far[i - 1] is None and len(_WORDS.findall(text)) <= FRAGMENT_WORDS:
            return None
        # the system is named in the question, pointed back to, or in the sentence after it
        # that says why the question matters ("Who is on call? It decides who the alerts go
        # to.")
        about_system = (
            self.lexicon.design_object_re.search(text)
            or refers_back(text, before)
            or self.lexicon.design_object_re.search(normalise(after))
        )
        if (
            topic is MetaTopic.JOB
            and about_system
            and not self.lexicon.about_the_job_re.search(text)
        ):
            return MetaTopic.DESIGN
        return topic
