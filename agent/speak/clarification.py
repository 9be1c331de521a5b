"""The offline wording of an answer to a clarifying question: a correction of an assumed
figure, a question of several parts answered part by part (agent/speak/part_answers.py), a
pointer back to a fact given before, "not specified, state an assumption", or the card's
answer; then what rides along with it (a question about the interview, a push on the
candidate's words, a contradicted figure queried, a time note). Moved out of the offline
voice (agent/speak/offline.py), which keeps the lines of every other move.
"""

from __future__ import annotations

from typing import Protocol

from agent.decide.moves import SteerKind
from agent.read.reading import MetaTopic
from agent.speak import part_answers, variation
from agent.speak.base import SpeakContext
from agent.speak.question_bank import QuestionBank


class Voice(Protocol):
    """What the wording needs of the offline voice: its bank and its way of saying a line."""

    bank: QuestionBank

    def say(
        self, templates: list[str], values: dict[str, str], context: SpeakContext, key: str = ""
    ) -> str: ...

    def with_meta(
        self, text: str, values: dict[str, str], context: SpeakContext, said: MetaTopic | None
    ) -> str: ...

    def numbers(self, values: dict[str, str], context: SpeakContext) -> str: ...


def answer(voice: Voice, values: dict[str, str], context: SpeakContext) -> str:
    """The answer to a clarifying question, with what rides along with it."""
    text = voice.with_meta(_body(voice, values, context), values, context, None)
    bank = voice.bank
    move = context.move
    if move.anchor and {"anchor", "deepen_question"} <= set(values):
        quotes = '"' in values["deepen_question"]  # it quotes their words itself
        lines = bank.deepen_own if quotes else bank.deepen
        text += " " + voice.say(lines, values, context, key="deepen_own" if quotes else "deepen")
    elif move.claim and "challenge" in values:
        quoted = "claim_quote" in values  # the statement that makes it, when one does
        wrong = bank.challenge_quoted if quoted else bank.steer[SteerKind.WRONG_CLAIM]
        text += " " + voice.say(wrong, values, context, key="challenge_after_answer")
    elif move.number is not None and {"said", "given"} <= set(values):
        text += " " + voice.numbers(values, context)
    if move.steer == SteerKind.OVERRUN:
        text += " " + voice.say(bank.time_note, values, context, key="time_note")
    return text


def _body(voice: Voice, values: dict[str, str], context: SpeakContext) -> str:
    """The answer itself, before what rides along with it."""
    bank = voice.bank
    reading = context.reading
    move = context.move
    assumed = reading is not None and reading.assumed
    rule = move.rule or ""
    if rule.endswith(("numbers.assumption", ".corrects")) and "fact_answer" in values:
        text = voice.say(bank.correct_assumption, values, context, key="correction")
        asked = rule.endswith(".corrects")  # a question was asked
        if asked and reading is not None and reading.unanswerable:  # the rest is theirs
            rest = bank.unanswerable_assumed if assumed else bank.assume_rest
            text += " " + voice.say(rest, values, context, key="assume_rest")
        return text
    if part_answers.by_parts(move):
        # each part in the order asked: its pieces, said again, or named as open
        body = part_answers.answer(
            move,
            context.card,
            bank,
            values,
            lambda lines, vals, key: voice.say(lines, vals, context, key=key),
            assumed=assumed,
        )
        if "fact_answer" in values:
            return voice.say(bank.clarification, {**values, "fact_answer": body}, context)
        return body
    if rule.endswith("clarifying.given"):
        return voice.say(bank.already_given, values, context, key="already_given")
    if "fact_answer" not in values:
        lines, key = (
            (bank.unanswerable_assumed, "unanswerable_assumed")
            if assumed
            else (bank.unanswerable, "unanswerable")
        )
        return voice.say(lines, values, context, key=key)
    # an answer that goes on to query a wrong figure opens without "Sure."
    lines = bank.clarification
    if move.number is not None:
        lines = [t for t in lines if t.strip() == "{fact_answer}"] or lines
    text = voice.say(lines, values, context)
    if reading is not None and variation.held_back(reading.fact_topics, context):
        text += " " + voice.say(bank.one_at_a_time, values, context, key="one_at_a_time")
    if reading is not None and reading.unanswerable:
        rest = bank.unanswerable_assumed if assumed else bank.assume_rest
        text += " " + voice.say(rest, values, context, key="assume_rest")
    return text
