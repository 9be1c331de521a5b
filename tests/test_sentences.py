"""The one sentence splitter (agent/understanding/sentences.py) the reader and grader share."""

from agent.understanding.sentences import split_sentences


def test_sentences_are_verbatim_spans() -> None:
    text = "Hi there.  I'd use XGBoost (fast! cheap) e.g. for 0.1% positives;  then\n\n* a ranker?"
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Hi there.",
        "I'd use XGBoost (fast! cheap) e.g. for 0.1% positives;",
        "then",
        "a ranker?",
    ]
    quoted = split_sentences('He said "stop." Then we go.')
    assert [s.text for s in quoted] == ['He said "stop."', "Then we go."]
    assert all(text[s.start : s.end] == s.text for s in spans)
    long = "we add features, " * 60
    assert all(len(s.text) <= 300 and s.text in long for s in split_sentences(long))
