"""What is read of a sentence besides the sentence itself: the sentence without its bare term
lists, and the clauses of a sentence that joins two decisions (see `parts_to_read`)."""

from __future__ import annotations

from agent.understanding.sentences import decision_clauses, without_term_lists


def parts_to_read(
    texts: list[str],
) -> tuple[list[int], list[str], list[tuple[int, str]], list[str]]:
    """What is read besides each sentence itself: (rows with a bare term list, those rows'
    sentences without it ("" for a sentence that was nothing but a list), (row, clause) of
    the sentences that join two decisions, those clauses without their term lists).

    A term only named in a list ("... (drift detection, PSI, canary releases)") is not
    evidence, and the list does not make the sentence deep: signals and depth must hold
    without the sentence's bare term lists too. A sentence that joins two decisions ("start
    with a baseline, then move to GBDT because ...") is read clause by clause as well: a
    clause's own signals are the sentence's too (past its most likely label a sentence's
    labels need a much stricter threshold, so the second decision was lost).
    """
    cores = [without_term_lists(t) for t in texts]
    listed = [r for r, t in enumerate(texts) if cores[r] != t]
    joined = [(r, c) for r in range(len(texts)) for c in decision_clauses(cores[r])]
    clause_texts = [without_term_lists(c) or "." for _, c in joined]
    return listed, [cores[r] for r in listed], joined, clause_texts
