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


def test_a_list_of_bare_terms_sprinkled_into_prose_is_taken_out() -> None:
    from agent.understanding.sentences import without_term_lists

    assert (
        without_term_lists(
            "When a user opens the app, we send the posts to the model "
            "(GPU inference, dynamic batching, feature hydration), and return the sorted list."
        )
        == "When a user opens the app, we send the posts to the model, and return the sorted list."
    )
    assert (
        without_term_lists(
            "We retrain every week and check NDCG, with drift detection, PSI and alerts."
        )
        == "We retrain every week and check NDCG."
    )
    kept = [
        "We train with Huber loss and early stopping.",  # two terms led by "with": a decision
        "Guardrails: pickup time (because dispatch uses our ETA), revenue per trip.",  # a reason
        "GBDT on residual (cheap, tabular, debuggable).",  # a terse note: the bracket is its why
        "Popularity over 7 and 30 days (7/30/365d windows, 3%) is computed daily.",  # figures
    ]
    for text in kept:
        assert without_term_lists(text) == text


def test_a_sentence_that_joins_two_decisions_has_two_clauses() -> None:
    from agent.understanding.sentences import decision_clauses

    assert decision_clauses("First a popularity ranker, then a learned model if it wins.") == [
        "First a popularity ranker",
        "a learned model if it wins.",
    ]
    assert decision_clauses("Cache the head of the catalogue, but score the tail online.") == [
        "Cache the head of the catalogue",
        "score the tail online.",
    ]
    # one decision (or a clause too short to decide anything) is not split
    assert decision_clauses("I would use a GBDT because the features are tabular.") == []
    assert decision_clauses("Latency first, then cost.") == []


def test_milliseconds_and_line_breaks_end_sentences():
    """'under 100 ms.' ends a sentence (ms is not an abbreviation here), a blank line always
    ends one, and 'No.' is an answer unless a number follows it."""
    from agent.understanding.sentences import split_sentences

    def texts(t: str) -> list[str]:
        return [s.text for s in split_sentences(t)]

    assert texts("Serve it in under 100 ms.\n\nMetrics: NDCG for ranking.") == [
        "Serve it in under 100 ms.",
        "Metrics: NDCG for ranking.",
    ]
    assert texts("Scoring takes 20 ms. Then we rank.") == ["Scoring takes 20 ms.", "Then we rank."]
    assert texts("Do we need it? No. We skip it.") == ["Do we need it?", "No.", "We skip it."]
    assert texts("See item no. 3 in the list. Done.") == ["See item no. 3 in the list.", "Done."]
    assert texts("Use e.g. GBDT here.") == ["Use e.g. GBDT here."]
