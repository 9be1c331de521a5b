"""The offline interviewer's question bank (prompts/question_bank.yaml).

Every interviewer line the offline voice can say is a template in that file, with several
variants per situation so a conversation does not sound canned. Templates name their
placeholders in braces ({fact_answer}, {anchor}, ...); a template is only used when every
placeholder it names can be filled for the move at hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from agent.content.files import ContentError, content_hash, load_cached, load_model
from agent.content.phases import Phase
from agent.decide.moves import SteerKind
from agent.read.reading import MetaTopic
from agent.speak.push_tags import ONLY, strip_pushes, strip_tags
from agent.speak.template_names import PLACEHOLDERS, placeholders_of

Variants = list[str]

# The parts of a problem kind's wording whose lines may carry tags
_TAGGED = ("deepen_questions", "signal_questions")
# The parts of the bank a problem kind may reword (see `for_tags` in the bank).
_OVERLAYS = ("phase_names", "advance", "phase_questions", "signal_questions", "deepen_questions")


class QuestionBank(BaseModel):
    version: str
    phase_names: dict[Phase, str]
    open: Variants = Field(min_length=1)
    clarification: Variants = Field(min_length=1)  # frames {fact_answer}
    time_note: Variants = Field(min_length=1)  # after an answer, when the phase ran long
    assume_rest: Variants = Field(min_length=1)  # after answers, for the part not covered
    one_at_a_time: Variants = Field(min_length=1)  # more facts were asked than one answer gives
    unanswerable: Variants = Field(min_length=1)  # the card has no answer: assume and state
    unanswerable_assumed: Variants = Field(min_length=1)  # ...and the candidate assumed already
    # a question answered part by part: a part the card does not cover ({part}), several in
    # a row ({parts}), the same when the candidate assumed already, a part all of whose
    # answer was said before, and the parts past the message's cap
    open_part: Variants = Field(default_factory=list)
    open_parts: Variants = Field(default_factory=list)
    open_part_assumed: Variants = Field(default_factory=list)
    told_part: Variants = Field(default_factory=list)
    beyond_part: Variants = Field(default_factory=list)  # past a fact given: {fact_subject}
    held_parts: Variants = Field(default_factory=list)
    numbers: Variants = Field(min_length=1)  # {said} contradicts the {given} figure
    # the same, where the candidate never heard {given} (its fact answered in other pieces)
    numbers_unheard: Variants = Field(default_factory=list)
    # {said} again after it was queried: the right figure, said plainly, once more
    numbers_again: Variants = Field(min_length=1)
    # {said} contradicts {given} in a message that asks to move on: said before the move on,
    # as a note to carry, not a question that holds the candidate back
    numbers_moving_on: Variants = Field(default_factory=list)
    # a design figure that lets data get staler than a requirement allows ({said}, {given}:
    # the two clauses, quoted)
    numbers_requirement: Variants = Field(min_length=1)
    correct_assumption: Variants = Field(min_length=1)  # an assumed figure the card contradicts
    already_given: Variants = Field(min_length=1)  # asked again mid-design: point back
    # how {fact_subject} names a card fact's topic ("latency" -> "the latency budget");
    # a topic not listed reads as "the <topic words>"
    fact_subjects: dict[str, str] = Field(default_factory=dict)
    acknowledge: Variants = Field(min_length=1)  # "does that match?": yes, before the follow-up
    meta: dict[MetaTopic, Variants]
    probe: Variants = Field(min_length=1)  # frames {signal_question}
    deepen: Variants = Field(min_length=1)  # frames {anchor} and {deepen_question}
    revisit: Variants = Field(min_length=1)  # before the wrap-up, back to a gap
    # an early "I'm done" with most of the time left: said before the question that uses it
    time_still: Variants = Field(default_factory=list)
    follow: Variants = Field(min_length=1)  # going with the candidate to a later phase
    signal_questions: dict[str, Variants]  # rubric signal id -> probe questions
    deepen_questions: dict[str, Variants]  # rubric signal id -> pushes on what was said
    # claim part ("figure", "ruled_out", "reason") -> follow-ups worded from it
    claim_pushes: dict[str, Variants] = Field(default_factory=dict)
    deepen_any: Variants = Field(min_length=1)  # pushes that fit whatever choice was made
    # pushes on a statement of how things are (a fact, an observation, a constraint), not a
    # choice: what it means for the design, never "what would change your mind?"
    deepen_observation: Variants = Field(min_length=1)
    # pushes that name the decision the quoted words make ({decision}), one angle each
    decision_pushes: Variants = Field(default_factory=list)
    phase_questions: dict[Phase, Variants]  # fallback probes when a signal has none
    steer: dict[SteerKind, Variants]
    firm_off_topic: Variants = Field(min_length=1)  # off topic repeatedly
    # off topic while the part the candidate was on is covered: back to the design
    off_topic_covered: Variants = Field(min_length=1)
    # a wrong claim challenged on the candidate's own statement of it ({claim_quote}), just
    # said or said earlier (a question took that turn)
    challenge_quoted: Variants = Field(min_length=1)
    challenge_earlier: Variants = Field(min_length=1)
    challenge_defended: Variants = Field(min_length=1)
    hint: Variants = Field(min_length=1)
    # a hint about a subject no retrieved guidance sentence speaks to: a question on it
    hint_question: Variants = Field(min_length=1)
    # a hint resting on a fact the candidate was told ({told_point}), on a pitfall of this
    # problem ({pitfall_point}), or, the second time on a subject, on what a strong answer
    # to this problem covers ({pointer_point})
    hint_told: Variants = Field(min_length=1)
    hint_pitfall: Variants = Field(min_length=1)
    hint_pointer: Variants = Field(min_length=1)
    # a request about something of its own that no hint point is near: a narrowing
    # question on their words ({stuck_quote}), not a point that is not theirs
    hint_narrow: Variants = Field(min_length=1)
    # the same where their words describe a difficulty rather than a plan of theirs
    hint_narrow_problem: Variants = Field(default_factory=list)
    decline: Variants = Field(min_length=1)
    advance: dict[Phase, Variants]  # intros for entering each phase
    advance_continue: Variants = Field(min_length=1)  # entering a phase already begun
    advance_earlier: Variants = Field(min_length=1)  # entering a phase touched earlier
    advance_wrap_up_time: Variants = Field(min_length=1)  # into the wrap-up, clock nearly out
    # into the wrap-up after the candidate already summarised: not "give me a summary"
    advance_wrap_up_summarised: Variants = Field(min_length=1)
    # a follow-up after long answers in a row, with the one note to keep answers tight
    deepen_concise: Variants = Field(min_length=1)
    # a follow-up on {anchor} when the candidate already covered every angle on it: said so,
    # and the candidate goes on (never a question they just answered)
    deepen_done: Variants = Field(min_length=1)
    # all covered again right after a bare "go on": the phase's next gap ({signal_question})
    deepen_done_gap: Variants = Field(min_length=1)
    # a follow-up that quotes the candidate itself, said without another quote in front
    deepen_own: Variants = Field(min_length=1)
    # the candidate offered to go deeper anywhere: the interviewer takes the offer on a
    # place among what they said ({anchor}), with an angle on it, or, every angle on it
    # covered, asks for the next level of detail there (never "covered, go on")
    deepen_offer: Variants = Field(min_length=1)
    deepen_offer_open: Variants = Field(min_length=1)
    wrap_up: Variants = Field(min_length=1)
    wrap_up_time: Variants = Field(min_length=1)  # the clock ran out
    # card tag -> part of the bank -> key -> wording that replaces the shared one there
    for_tags: dict[str, dict[str, dict[str, Variants | str]]] = Field(default_factory=dict)
    # push -> the angle it takes (from the "[angle]" tags; untagged pushes fit any message),
    # and ONLY + push -> the condition it needs ("[risk|online]")
    angles: dict[str, str] = Field(default_factory=dict)

    def subject_of(self, topics: list[str]) -> str:
        """How {fact_subject} names these card facts ("the latency budget and the labels")."""
        named = [self.fact_subjects.get(t, f"the {t.replace('_', ' ')}") for t in topics]
        return " and ".join(dict.fromkeys(named)) or "that"

    def condition_of(self, push: str) -> str | None:
        """The condition of knowledge/follow_ups.yaml a push needs, if any."""
        return self.angles.get(f"{ONLY}{push}")

    @model_validator(mode="before")
    @classmethod
    def _angle_tags(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        angles: dict[str, str] = dict(data.get("angles") or {})
        parts = (
            ("deepen_any", strip_tags),
            ("deepen_observation", strip_tags),
            ("decision_pushes", strip_tags),
            ("deepen_questions", strip_pushes),
            ("claim_pushes", strip_pushes),
            ("signal_questions", strip_pushes),
        )
        for part, strip in parts:
            if part in data:
                data[part] = strip(data[part], angles)
        tags = data.get("for_tags")
        if isinstance(tags, dict):  # a problem kind's own pushes carry tags too
            data["for_tags"] = {
                tag: {**parts, **{k: strip_pushes(parts[k], angles) for k in _TAGGED if k in parts}}
                if isinstance(parts, dict)
                else parts
                for tag, parts in tags.items()
            }
        data["angles"] = angles
        return data

    @field_validator(
        "meta", "steer", "phase_questions", "advance", "signal_questions", "deepen_questions"
    )
    @classmethod
    def _non_empty_lists(cls, v: dict) -> dict:
        empty = [str(k) for k, templates in v.items() if not templates]
        if empty:
            raise ValueError(f"no templates for {empty}")
        return v

    @model_validator(mode="after")
    def _check(self) -> QuestionBank:
        missing_names = set(Phase) - set(self.phase_names)
        missing_meta = set(MetaTopic) - set(self.meta)
        missing_steer = set(SteerKind) - set(self.steer)
        later_phases = set(Phase) - {Phase.CLARIFY}
        missing_advance = later_phases - set(self.advance)
        missing_phase_q = set(Phase) - {Phase.WRAP_UP} - set(self.phase_questions)
        problems = []
        for label, missing in (
            ("phase_names", missing_names),
            ("meta", missing_meta),
            ("steer", missing_steer),
            ("advance", missing_advance),
            ("phase_questions", missing_phase_q),
        ):
            if missing:
                problems.append(f"{label} lacks {sorted(str(m) for m in missing)}")
        for template in self.all_templates():
            unknown = placeholders_of(template) - PLACEHOLDERS
            if unknown:
                problems.append(f"unknown placeholder(s) {sorted(unknown)} in {template!r}")
        for tag, parts in self.for_tags.items():
            unknown_parts = set(parts) - set(_OVERLAYS)
            if unknown_parts:
                problems.append(f"for_tags.{tag} names {sorted(unknown_parts)}")
            elif parts:
                try:
                    self.with_tags([tag])
                except ValueError as error:
                    problems.append(f"for_tags.{tag}: {error}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def with_tags(self, tags: list[str] | tuple[str, ...]) -> QuestionBank:
        """The bank as worded for a problem with these card tags (itself when no tag has
        wording of its own)."""
        chosen = [t for t in tags if t in self.for_tags]
        if not chosen:
            return self
        data = self.model_dump(mode="json")
        for tag in chosen:
            for part, entries in self.for_tags[tag].items():
                data[part] = {**data[part], **entries}
        data["for_tags"] = {}
        return QuestionBank.model_validate(data)

    def all_templates(self) -> list[str]:
        """Every template of the bank in its parts' order, then each problem kind's wording
        not among those (in order, once)."""
        out: list[str] = []
        for key, value in self.model_dump().items():
            if key in ("phase_names", "for_tags", "angles"):
                continue
            if isinstance(value, list):
                out.extend(value)
            elif isinstance(value, dict):
                for templates in value.values():
                    out.extend(templates)
        # a set beside the list: about a thousand templates were each looked for in the
        # list, some 6 ms of every process's start (the bank is checked when it loads)
        seen = set(out)
        for tag in self.for_tags:
            for template in self.with_tags([tag]).all_templates():
                if template not in seen:
                    seen.add(template)
                    out.append(template)
        return out

    @property
    def hash(self) -> str:
        return content_hash(self.model_dump(mode="json"))


def _load(path: Path) -> QuestionBank:
    if not path.exists():
        raise ContentError(f"{path}: question bank not found")
    return load_model(path, QuestionBank)


def load_question_bank(path: Path) -> QuestionBank:
    """The question bank at `path`, parsed once while the file is unchanged."""
    return load_cached(_load, path)
