"""The offline grader: deterministic rubric grading from the candidate's own words.

Evidence is only ever what the candidate said (never interviewer text, never a message that
tried to manipulate the interviewer or the grader). Same input -> byte-identical Recap.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace

from agent.content.files import one_pass
from agent.content.phases import PHASE_ORDER
from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading.echoes import echoed
from agent.grading.evidence import (
    Sentence,
    evidence_rules,
    evidence_sentences,
    named_anywhere,
    visible_sentences,
)
from agent.grading.headings import heading_subjects
from agent.grading.inputs import strip_front_matter
from agent.grading.interview_end import (
    ended_on_clock,
    phases_not_reached,
    signals_said,
    turns_off_the_problem,
)
from agent.grading.interviewer_moves import InterviewerMoves, interviewer_moves
from agent.grading.misconception_check import MisconceptionFinder, SharedMisconceptions
from agent.grading.parts import weigh_by_part, without_bare_names
from agent.grading.quotable import overlaps
from agent.grading.recap import Recap
from agent.grading.recap_assembly import assemble_recap
from agent.grading.relevance import Relevance, problem_relevance
from agent.grading.scoring import Evidence, Misstep
from agent.grading.whole_sentences import clause_cut
from agent.read.reading import MessageKind
from agent.record.transcript import Transcript
from agent.understanding import shared_understanding
from agent.understanding.vectors import CACHE_SIZE

MAX_QUOTE_CHARS = 300
# A list label opening a sentence ("Point 2:", "3.", "(b)", "Step 4)"): a pasted paragraph
# numbered over and over is still the same statement.
_LIST_LABEL = re.compile(r"^\W*(?:[a-z]+\s+)?(?:\d+|[a-z])[.):]\s+")
MIN_REPEAT_WORDS = 6  # a shorter sentence inside a longer one may be a new statement


def repeat_key(text: str) -> str:
    """What makes two sentences the same statement: the words, case and spacing aside, with
    a leading list label dropped."""
    return _LIST_LABEL.sub("", " ".join(text.lower().split()))


def is_repeat(key: str, seen: set[str], said: list[str]) -> bool:
    """Said before: the same statement, or (for one of MIN_REPEAT_WORDS words or more) a
    piece of one already said, as a paste cut short leaves it."""
    if key in seen:
        return True
    return len(key.split()) >= MIN_REPEAT_WORDS and any(key in s for s in said)


def at_challenged_statements(
    missteps: list[Misstep], sentences: list[Sentence], moves: InterviewerMoves
) -> list[Misstep]:
    """Each wrong claim the interviewer challenged, anchored on the statement the challenge
    quoted (the grader may otherwise only know the turn the reader recorded it on)."""
    quoted = dict(reversed(moves.challenged))  # the first challenge of each claim
    out = []
    for m in missteps:
        quote = quoted.get(m.misconception_id, "").strip()
        if quote and not overlaps(m.sentence.text, [quote]):
            said = next((s for s in sentences if overlaps(s.text, [quote])), None)
            if said is not None:
                m = replace(m, sentence=said)
        out.append(m)
    return out


def _asks(sentence: Sentence) -> bool:
    return sentence.findings is not None and sentence.findings.question


def _relevance(sentences: list[Sentence], card: ProblemCard) -> Relevance | None:
    from agent.content.bundle import load_content

    return problem_relevance(sentences, card, load_content().problems)


class OfflineGrader:
    """Grader protocol, offline: the understanding layer's findings plus fixed scoring rules.

    Evidence is what the trained models (agent/understanding) find in each candidate
    sentence, the same findings the reader acted on during the interview; the scoring rule
    (agent/grading/scoring.py) turns it into levels and recap_assembly.py into a Recap.
    Same input -> byte-identical Recap.
    """

    name = "offline"
    model: str | None = None

    def __init__(self, misconceptions: MisconceptionFinder | None = None) -> None:
        self._hashes: dict[int, tuple[Rubric, str]] = {}
        self._lock = threading.Lock()
        self._misconceptions = misconceptions

    # -- protocol ---------------------------------------------------------------------

    def prepare(self, texts: list[str]) -> None:
        """Embed the sentences of many inputs in one pass before grading them one by one:
        grouped by length across inputs, in fewer and fuller model calls."""
        spans = [s.text for t in texts for s in visible_sentences(strip_front_matter(t))]
        # no more than the vector cache keeps: the rest is embedded as it is graded
        shared_understanding().prepare(list(dict.fromkeys(spans))[: CACHE_SIZE // 2])

    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        with one_pass():  # content files are stat-ed once per grade, not on every read
            return self._grade_answer(text, card, rubric)

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        with one_pass():
            return self._grade_transcript(transcript, card, rubric)

    def _grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        body = strip_front_matter(text)
        sentences, injections = evidence_sentences([(0, body)])
        evidence = self._evidence(sentences, rubric)
        missteps = self._missteps(sentences, evidence, rubric, {}, card)
        return assemble_recap(
            rubric,
            evidence,
            missteps,
            grader=self.name,
            model=self.model,
            rubric_hash=self.rubric_hash(rubric),
            card=card,
            relevance=_relevance(sentences, card),
            hints={},
            hints_used=0,
            manipulation=1 if injections else 0,
            minutes={},
            sources={0: body},
            mentioned=named_anywhere(sentences),
        )

    def _grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        texts: list[tuple[int, str]] = []
        recorded: dict[int, list[str]] = {}
        asked: dict[int, str] = {}  # the interviewer's line before each candidate turn
        manipulative_turns = 0
        last = ""
        for i, turn in enumerate(transcript.turns):
            if turn.role != "candidate":
                last = turn.text
                continue
            asked[i] = last
            if turn.kind == MessageKind.MANIPULATION:
                manipulative_turns += 1  # the manipulator's text is not evidence
                continue
            texts.append((i, turn.text))
            if turn.misconceptions:
                recorded[i] = list(turn.misconceptions)
        sentences, injections = evidence_sentences(texts)
        # the interviewer's words said back (an answer from the card pasted in) are not the
        # candidate's design: never evidence, never in the summary
        repeated = echoed(sentences, transcript)
        # a question in a turn the interview did not take as about the problem (off topic,
        # the job, a hint request) is no evidence: the reader and the grader agree on it
        elsewhere = turns_off_the_problem(transcript)
        sentences = [
            s
            for s in sentences
            if s.order not in repeated and not (s.turn in elsewhere and _asks(s))
        ]
        evidence = self._evidence(sentences, rubric)
        moves = interviewer_moves(transcript, rubric)
        missteps = at_challenged_statements(
            self._missteps(sentences, evidence, rubric, recorded, card, asked), sentences, moves
        )
        state = transcript.state
        minutes = {
            p.value: round(state.minutes_per_phase[p], 1)
            for p in PHASE_ORDER
            if p in state.minutes_per_phase
        }
        return assemble_recap(
            rubric,
            evidence,
            missteps,
            grader=self.name,
            model=self.model,
            rubric_hash=self.rubric_hash(rubric),
            card=card,
            relevance=_relevance(sentences, card),
            hints=moves.hints,
            challenged_quotes=[quote for _, quote in moves.challenged],
            hints_used=max(state.hints_given, moves.hint_count),
            manipulation=max(state.manipulation_attempts, manipulative_turns + injections),
            minutes=minutes,
            turn_phase={i: t.phase.value for i, t in enumerate(transcript.turns)},
            sources=dict(texts),
            said=signals_said(transcript),
            mentioned=named_anywhere(sentences),
            on_clock=ended_on_clock(transcript),
            not_reached=phases_not_reached(transcript, evidence, rubric),
            # the questions the turns read and answered, so the summary never says a phase
            # was not discussed where the candidate asked about it
            asked_turns={
                i: t.phase
                for i, t in enumerate(transcript.turns)
                if t.role == "candidate" and t.kind == MessageKind.CLARIFYING_QUESTION
            },
        )

    # -- evidence ---------------------------------------------------------------------

    def rubric_hash(self, rubric: Rubric) -> str:
        """Rubric.hash re-serialises the whole rubric; remember it per rubric object."""
        with self._lock:
            known = self._hashes.get(id(rubric))
            if known is None or known[0] is not rubric:
                known = (rubric, rubric.hash)
                self._hashes[id(rubric)] = known
            return known[1]

    def _evidence(self, sentences: list[Sentence], rubric: Rubric) -> list[Evidence]:
        """One Evidence per (sentence, signal) the model found; a repeated statement counts
        once (pasted again, renumbered, or cut short: repeat_key, is_repeat)."""
        known = {s.id for d in rubric.dimensions for s in d.signals}
        rules = evidence_rules()
        ends = set(rules.end_signals)
        seen: set[str] = set()
        said: list[str] = []
        out: list[Evidence] = []
        for sentence in sentences:
            found = sentence.findings
            key = repeat_key(sentence.text)
            if found is None or not found.signals or is_repeat(key, seen, said):
                continue
            seen.add(key)
            said.append(key)
            for sid in sorted(found.signals):
                if sid not in known:
                    continue
                if sid in ends and not rules.near_end(sentence, sentences):
                    continue  # a recap is a recap when it closes the design
                # a long one is cut where a clause ends, not mid-clause (verbatim still)
                quote = clause_cut(sentence.text, MAX_QUOTE_CHARS)
                out.append(
                    Evidence(
                        signal_id=sid,
                        dimension_id=rubric.dimension_of_signal(sid).id,
                        sentence=sentence,
                        quote=quote,
                        strength=max(0.0, min(1.0, found.signals[sid])),
                        deep=found.deep,
                    )
                )
        named = heading_subjects([s.heading for s in sentences], rubric)
        parts = len({s.region for s in sentences})
        names: dict[int, set[str]] = {}
        for sentence in sentences:
            found = sentence.findings
            if found is not None:
                ids = [*found.signals, *found.mentions]
                dims = {rubric.dimension_of_signal(i).id for i in ids if i in known}
                names.setdefault(sentence.region, set()).update(dims)
        return weigh_by_part(without_bare_names(out, named, parts, names), named)

    def _missteps(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
        asked: dict[int, str] | None = None,
    ) -> list[Misstep]:
        with self._lock:
            if self._misconceptions is None:
                self._misconceptions = SharedMisconceptions()
            finder = self._misconceptions
        return finder.find(sentences, evidence, rubric, recorded, card, asked)
