"""The offline voice: words each move from the question bank plus retrieved guidance.

No model, no network. It says only what the move and its grounding allow: card facts
appear only in answers to clarifying questions (and only the facts grounding selected),
declines name nothing hidden, and probes/hints quote public guidance or the candidate.
"""

from __future__ import annotations

from collections.abc import Iterator

from agent.content.phases import Phase
from agent.decide.budget import CONCISE
from agent.decide.moves import DEFENDED, DEFERRED, MoveKind, SteerKind, moving_on
from agent.decide.rules import RECAP_SIGNAL
from agent.read.freshness import STALENESS
from agent.read.reading import MetaTopic
from agent.settings import Settings, get_settings
from agent.speak import clarification, variation
from agent.speak.base import SpeakContext, SpeechMeta, Utterance
from agent.speak.choosing import QuestionChooser
from agent.speak.placeholders import ChallengeLookup, misconception_challenge, placeholder_values
from agent.speak.proposals import proposes
from agent.speak.question_bank import QuestionBank, load_question_bank

# Time may be mentioned as short only with this many minutes left or fewer.
LATE_MINUTES = 10.0
# Lines the interviewer said this recently are not said again (nor a near copy of them).
RECENT_LINES = 4


# Moves that may open with a short "yes, that works" when the candidate asked to confirm.
_ACKNOWLEDGED = {MoveKind.PROBE, MoveKind.ADVANCE, MoveKind.HINT}


def stream_words(text: str) -> Iterator[str]:
    """Yield the text word by word (each chunk keeps its trailing space)."""
    words = text.split(" ")
    for i, word in enumerate(words):
        yield word if i == len(words) - 1 else word + " "


class OfflineVoice:
    name = "offline"

    def __init__(
        self,
        bank: QuestionBank | None = None,
        *,
        settings: Settings | None = None,
        challenge_lookup: ChallengeLookup | None = None,
    ) -> None:
        settings = settings or get_settings()
        self._settings = settings
        self.bank = bank or load_question_bank(settings.prompts_dir / "question_bank.yaml")
        self.questions = QuestionChooser(self.bank, settings)
        self._challenge = challenge_lookup or misconception_challenge
        self._worded: dict[tuple[str, ...], OfflineVoice] = {}

    def speak(self, context: SpeakContext) -> Utterance:
        text = self.render(context)
        return Utterance(stream_words(text), SpeechMeta(backend=self.name))

    # -- wording -------------------------------------------------------------------------

    def render(self, context: SpeakContext) -> str:
        tags = tuple(t for t in context.card.tags if t in self.bank.for_tags)
        if tags:  # a kind of problem with wording of its own (e.g. images, not users)
            return self._worded_for(tags).render(context)
        text = self._render(context)
        reading, move = context.reading, context.move
        # "does that match?" is not answered "that works for me" when a figure in it is wrong
        if (
            reading is not None
            and reading.checks_in
            and move.kind in _ACKNOWLEDGED
            and move.number is None
        ):
            ack = self.say(self.bank.acknowledge, {}, context, key="acknowledge")
            return f"{ack} {text}"
        return text

    def _worded_for(self, tags: tuple[str, ...]) -> OfflineVoice:
        if tags not in self._worded:
            self._worded[tags] = OfflineVoice(
                self.bank.with_tags(tags),
                settings=self._settings,
                challenge_lookup=self._challenge,
            )
        return self._worded[tags]

    def _render(self, context: SpeakContext) -> str:
        text = self._render_move(context)
        deferred = (context.move.rule or "").startswith(f"end_request.{DEFERRED}")
        if deferred and self.bank.time_still and "minutes" not in text:
            # "Done." with most of the time left: the time left, then the question
            values = placeholder_values(self.bank, self.questions, self._challenge, context)
            lead = self.say(self.bank.time_still, values, context, key="time_still")
            return f"{lead} {text}"
        return text

    def _render_move(self, context: SpeakContext) -> str:
        move = context.move
        if moving_on(move) and self.bank.numbers_moving_on:
            # a request to move on that also said a wrong figure: the note, then the move
            values = placeholder_values(self.bank, self.questions, self._challenge, context)
            note = self.say(self.bank.numbers_moving_on, values, context, key="moving_on")
            plain = move.model_copy(update={"number": None, "more_numbers": []})
            return f"{note} {self._render_move(context.model_copy(update={'move': plain}))}"
        values = placeholder_values(self.bank, self.questions, self._challenge, context)
        kind = move.kind
        if kind == MoveKind.OPEN:
            return self.say(self.bank.open, values, context)
        if kind == MoveKind.ANSWER_CLARIFICATION:
            return clarification.answer(self, values, context)
        if kind == MoveKind.ANSWER_META:
            topic = MetaTopic(move.target) if move.target in set(MetaTopic) else MetaTopic.OTHER
            return self.with_meta(
                self.say(self.bank.meta[topic], values, context), values, context, topic
            )
        if kind == MoveKind.PROBE:
            if move.number is not None and {"said", "given"} <= set(values):
                return self.numbers(values, context)
            if (move.rule or "").endswith(".revisit") and "signal_question" in values:
                return self.say(self.bank.revisit, values, context, key="revisit")
            offered = context.reading is not None and context.reading.offers_depth
            if offered and "anchor" in values and move.anchor and move.number is None:
                # "happy to go deeper on any part": take the offer where they said something
                if "deepen_question" in values:
                    return self.say(self.bank.deepen_offer, values, context, key="offer")
                return self.say(self.bank.deepen_offer_open, values, context, key="offer_open")
            if {"anchor", "deepen_question"} <= set(values):
                if (move.rule or "").endswith(CONCISE):
                    return self.say(self.bank.deepen_concise, values, context, key="concise")
                if '"' in values["deepen_question"]:  # it quotes their words itself
                    return self.say(self.bank.deepen_own, values, context, key="deepen_own")
                return self.say(self.bank.deepen, values, context, key="deepen")
            if "anchor" in values and move.anchor and move.number is None:
                # every angle on their words is covered: no question they just answered,
                # and not a second bare "go on" in a row (the phase's next gap instead)
                gap = self.questions.gap_after_done(context) if self._done_last(context) else None
                if gap:
                    return self.say(
                        self.bank.deepen_done_gap, {**values, "signal_question": gap}, context
                    )
                return self.say(self.bank.deepen_done, values, context, key="deepen_done")
            return self.say(self.bank.probe, values, context)
        if kind == MoveKind.STEER:
            steer = move.steer or SteerKind.OFF_TOPIC
            if move.rule == "off_topic.firm":  # the policy decided to be firmer
                return self.say(self.bank.firm_off_topic, values, context, key="firm_off_topic")
            if move.rule == "off_topic.covered":  # back to the design, not to covered ground
                return self.say(self.bank.off_topic_covered, values, context, key="off_covered")
            if steer == SteerKind.WRONG_CLAIM and {"claim_quote", "challenge"} <= set(values):
                if (move.rule or "").endswith("earlier"):
                    return self.say(self.bank.challenge_earlier, values, context, key="earlier")
                if (move.rule or "").endswith(DEFENDED) and "correction" in values:
                    return self.say(self.bank.challenge_defended, values, context, key="defended")
                return self.say(self.bank.challenge_quoted, values, context, key="quoted")
            return self.say(self.bank.steer[steer], values, context)
        if kind == MoveKind.HINT:
            return self._hint(values, context)
        if kind == MoveKind.DECLINE:
            return self.say(self.bank.decline, values, context)
        if kind == MoveKind.ADVANCE:
            if (move.rule or "").startswith("follow") and {"anchor", "deepen_question"} <= set(
                values
            ):
                return self.say(self.bank.follow, values, context, key="follow")
            if "signal_question" in values:  # the candidate is already into the new phase
                now = context.reading is not None and move.phase in context.reading.phases
                if now:
                    return self.say(self.bank.advance_continue, values, context)
                return self.say(self.bank.advance_earlier, values, context, key="earlier")
            if move.phase == Phase.WRAP_UP and RECAP_SIGNAL in context.state.signals_mentioned:
                return self.say(
                    self.bank.advance_wrap_up_summarised, values, context, key="summarised"
                )
            if move.phase == Phase.WRAP_UP and context.state.minutes_left <= LATE_MINUTES:
                return self.say(self.bank.advance_wrap_up_time, values, context, key="late")
            phase = move.phase if move.phase in self.bank.advance else Phase.WRAP_UP
            return self.say(self.bank.advance[phase], values, context)
        if move.rule == "closed.time_up":
            return self.say(self.bank.wrap_up_time, values, context, key="wrap_up_time")
        return self.say(self.bank.wrap_up, values, context)

    def say(
        self, templates: list[str], values: dict[str, str], context: SpeakContext, key: str = ""
    ) -> str:
        # `key` names the list (its variant order); the count of earlier turns in the same
        # situation picks the next variant, so sub-lists (e.g. unanswerable) rotate too.
        situation = variation.situation(context.move)
        occurrence = variation.occurrences(context.history, situation)
        recent = [t.text for t in context.history if t.role == "interviewer"][-RECENT_LINES:]
        first: str | None = None
        for offset in range(len(templates)):
            template = variation.pick(
                templates,
                set(values),
                seed=context.seed,
                key=key or situation,
                occurrence=occurrence + offset,
            )
            if template is None:  # the bank guarantees placeholder-free variants
                template = next((t for t in templates if "{" not in t), templates[0])
            said = " ".join(template.format_map(values).split())
            first = first or said
            if not variation.near_repeat(said, recent):
                return said
        return first or ""

    def _done_last(self, context: SpeakContext) -> bool:
        """The interviewer's last line was a bare "okay, go on" (deepen_done)."""
        said = [t.text for t in context.history if t.role == "interviewer"][-1:]
        return bool(said) and said[0] in set(self.bank.deepen_done)

    def numbers(self, values: dict[str, str], context: SpeakContext) -> str:
        """A contradicted figure queried; one said again after that, corrected plainly."""
        number = context.move.number
        if number is not None and number.kind == STALENESS:
            return self.say(
                self.bank.numbers_requirement, values, context, key="numbers_requirement"
            )
        if (
            number is not None
            and number.again
            and not any(c for c in context.move.more_numbers if not c.again)
        ):
            return self.say(self.bank.numbers_again, values, context, key="numbers_again")
        if number is not None and not number.heard and self.bank.numbers_unheard:
            return self.say(self.bank.numbers_unheard, values, context, key="numbers_unheard")
        return self.say(self.bank.numbers, values, context, key="numbers")

    def _hint(self, values: dict[str, str], context: SpeakContext) -> str:
        """A hint rests on the line chosen for what the candidate is stuck on (a principle of
        the guidance, a fact they were told, a pitfall of this problem, or, for a second hint
        on the subject, what a strong answer covers); with none, a smaller question on that
        subject; only a hint about nothing named talks of the phase's goal (which, for a
        subject elsewhere in the design, would be off it)."""
        bank = self.bank
        for key, templates, name in (
            ("told_point", bank.hint_told, "hint_told"),
            ("pitfall_point", bank.hint_pitfall, "hint_pitfall"),
            ("pointer_point", bank.hint_pointer, "hint_pointer"),
            ("stuck_quote", bank.hint_narrow, "hint_narrow"),
        ):
            if key in values:
                if name == "hint_narrow" and not proposes(values[key]) and bank.hint_narrow_problem:
                    # their words describe a difficulty, not a plan: no "the simplest version
                    # of that you could defend" (agent/speak/proposals.py)
                    templates, name = bank.hint_narrow_problem, "hint_narrow_problem"
                return self.say(templates, values, context, key=name)
        point = [t for t in bank.hint if "{guidance_point}" in t]
        if "guidance_point" in values and point:
            return self.say(point, values, context, key="hint")
        if "signal_question" in values:
            return self.say(bank.hint_question, values, context, key="hint_question")
        goal = [t for t in bank.hint if "{guidance_point}" not in t]
        return self.say(goal or bank.hint, values, context, key="hint_goal")

    def with_meta(
        self, text: str, values: dict[str, str], context: SpeakContext, said: MetaTopic | None
    ) -> str:
        """The answer plus a line for each other question about the interview the message
        asked ("...and how much time is left?"), so no part of it goes unanswered."""
        reading = context.reading
        if reading is None:
            return text
        asked = [reading.meta] if said is None and reading.meta is not None else []
        for topic in dict.fromkeys([*asked, *reading.more_meta]):
            if topic != said and topic in _RIDING:
                text += " " + self.say(self.bank.meta[topic], values, context, key=f"meta.{topic}")
        return text


# the questions about the interview answered beside another answer in the same turn
_RIDING = frozenset(
    {MetaTopic.TIME_LEFT, MetaTopic.JOB, MetaTopic.SCOPE, MetaTopic.DESIGN, MetaTopic.CURRENT_PHASE}
)
