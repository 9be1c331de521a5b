"""A guidance sentence the interviewer reads out (a hint's point, a probe's angle) must make
sense on its own and be about the design: not one that leans on the sentence before it, nor
advice on how to behave in an interview. Expectations written by hand."""

from __future__ import annotations

from agent.speak.variation import guidance_sentences

CHUNK = """## Offline and online metrics

Log loss rewards calibrated probabilities and punishes confident mistakes heavily.
It pairs with a sigmoid output and is the usual objective for a yes-or-no target.
These are the standard choices for click prediction on sparse features.
Mention that teams often compare offline gains with past A/B results before trusting them.
Interviewers listen for a metric that matches how the score is consumed downstream.
Say why you picked one rather than naming it without reasons.
A holdback group of a few percent shows long-term effects that a two-week test cannot see.
"""


def test_only_sentences_that_stand_alone_and_are_about_the_design_are_spoken() -> None:
    said = guidance_sentences(CHUNK)
    assert said == [
        "Log loss rewards calibrated probabilities and punishes confident mistakes heavily.",
        "A holdback group of a few percent shows long-term effects that a two-week test "
        "cannot see.",
    ]


def test_a_design_sentence_that_only_names_an_interview_stays_out() -> None:
    # the interview itself is never a hint's subject, wherever the word stands
    said = guidance_sentences("In the interview, name the metric before the model, always.")
    assert said == []


def test_words_that_merely_start_like_a_pronoun_are_kept() -> None:
    said = guidance_sentences(
        "Items with no history need content features until interactions arrive. "
        "Thresholds chosen on validation data must be re-checked after every retrain."
    )
    assert len(said) == 2
