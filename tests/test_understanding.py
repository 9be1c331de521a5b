"""The understanding layer: shipped weights, the contract, and its figures on the dev split.

The floors below are DEV figures (thresholds were chosen on dev, so they are tuning figures):
they guard against a retrain that makes things worse. The honest figures are the blind test
batches', printed by `python -m bench.understanding`, never asserted here so that no test
steers the model towards a test batch.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from agent.understanding import Understanding, default_model, shared_understanding
from agent.understanding.corpus import files_sha256, load_split
from agent.understanding.features import build_vocabulary, tokens
from agent.understanding.model import ModelUnavailable, load_model

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "knowledge" / "corpus"


@pytest.fixture(scope="module")
def u() -> Understanding:
    return shared_understanding()


def test_shipped_weights_match_the_corpus_they_were_trained_on() -> None:
    model = default_model()
    files = [*(CORPUS / "train").glob("*.jsonl"), *(CORPUS / "dev").glob("*.jsonl")]
    assert model.meta.corpus_sha256 == files_sha256(files), (
        "the corpus changed since the weights were trained: run `mlsd retrain`"
    )
    from agent.knowledge.embedding import EMBEDDING_ID

    assert model.meta.embedder == EMBEDDING_ID, (
        "the weights were trained on another sentence model's vectors: run `mlsd retrain`"
    )
    assert set(model.heads) == {
        "kind",
        "signals",
        "wrong_claims",
        "manipulation",
        "depth",
        "angles",
        "fact_topics",
        "fact_match",
    }
    weights = ROOT / "knowledge" / "models" / "understanding.npz"
    assert weights.stat().st_size < 3_000_000  # small enough to ship in the wheel


def test_corpus_labels_use_known_ids() -> None:
    from agent.content.bundle import load_content
    from agent.content.misconceptions import default_misconceptions

    signals = {s.id for d in load_content().rubric.dimensions for s in d.signals}
    claims = {m.id for m in default_misconceptions().misconceptions}
    kinds = set(default_model().head("kind").labels)
    for split in ("train", "dev"):
        corpus = load_split(CORPUS / split)
        assert len(corpus.sentences) > 300 and len(corpus.messages) > 150
        for s in corpus.sentences:
            assert set(s.signals or []) <= signals, s.text
            assert set(s.names) <= signals, s.text
            assert set(s.wrong_claims or []) <= claims, s.text
        assert {m.kind for m in corpus.messages} <= kinds


def test_findings_quote_the_input_verbatim(u: Understanding) -> None:
    text = "We need labels.  I'd split by time: train on Jan-Mar, test on April!\n- monitor drift"
    found = u.message(text)
    assert found.sentences
    for s in found.sentences:
        assert text[s.start : s.end] == s.text


def test_empty_text_is_empty_without_the_model(u: Understanding) -> None:
    assert u.message("  ?!  ").kind == "empty"
    assert u.message("").sentences == []


def test_huge_text_is_bounded(u: Understanding) -> None:
    found = u.message("We monitor drift and retrain weekly. " * 3000)
    assert len(found.sentences) <= 64


def _dev(kind: str) -> list[dict]:
    out = []
    for path in sorted((CORPUS / "dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if (kind == "messages") == ("kind" in item):
                out.append(item)
    return out


def test_dev_message_kinds(u: Understanding) -> None:
    items = _dev("messages")
    got = [u.message(it["text"]).kind for it in items]
    acc = np.mean([g == it["kind"] for g, it in zip(got, items, strict=True)])
    assert acc >= 0.85, f"dev kind accuracy {acc:.3f}"
    pairs = zip(got, items, strict=True)
    manip = [g == "manipulation" for g, it in pairs if it["kind"] == "manipulation"]
    assert np.mean(manip) >= 0.8


def test_dev_signals_and_non_evidence(u: Understanding) -> None:
    from agent.understanding.sentences import Span

    items = [it for it in _dev("sentences") if it.get("signals") is not None]
    found = u.sentence_findings([Span(0, len(it["text"]), it["text"]) for it in items][:64])
    for i in range(64, len(items), 64):
        found += u.sentence_findings(
            [Span(0, len(it["text"]), it["text"]) for it in items[i : i + 64]]
        )
    tp = fp = fn = named = named_hit = 0
    for it, f in zip(items, found, strict=True):
        gold, got = set(it["signals"]), set(f.signals)
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
        names = set(it.get("names") or []) - gold
        named, named_hit = named + len(names), named_hit + len(names & got)
    assert tp / (tp + fp) >= 0.7, "dev signal precision"
    assert tp / (tp + fn) >= 0.5, "dev signal recall"
    # a keyword, a dismissal or a negation is not evidence
    assert named_hit / named <= 0.25, "dev: named-only mentions read as evidence"


def test_bag_of_words_tokens_keep_polarity_pairs() -> None:
    toks = tokens("We don't need a baseline?")
    assert "don't need" in toks and "<ends?>" in toks and "<first>we" in toks


def test_words_under_a_negation_are_their_own_tokens_up_to_the_end_of_the_clause() -> None:
    toks = tokens("We report MAE in minutes, not accuracy; a random split is fine.")
    assert "not:accuracy" in toks and "accuracy" in toks
    assert "not:random" not in toks and "random" in toks  # the next clause is stated
    assert "not:split" in tokens("Test on the last week, never a random split.")


def test_a_note_that_defines_or_leads_somewhere_has_its_own_shape_tokens() -> None:
    # the marks word tokens drop: what a terse definition, an arrow or a headed note states
    assert "<eq>" in tokens("label = purchase within 7 days of the impression")
    assert "<eq>" in tokens("target := minutes from pickup to dropoff")
    assert "<arrow>" in tokens("PSI over 0.2 -> retrain on the last month")
    assert "<arrow>" in tokens("cold item \u2192 content embedding")
    assert "<head:>" in tokens("loss: huber, a few broken GPS traces must not dominate")
    # comparisons are not definitions, and a colon late in prose heads nothing
    for text in ("if p >= 0.5 we block", "score == 1 means spam", "x <= 3"):
        assert "<eq>" not in tokens(text) and "<arrow>" not in tokens(text)
    assert "<head:>" not in tokens("We would then look at something else entirely: the cost")
    assert not {"<eq>", "<arrow>", "<head:>"} & set(tokens("label source, loss, metrics"))


def test_negated_words_never_push_plain_words_out_of_the_vocabulary() -> None:
    texts = ["never a random split", "not a random split", "a random split", "random split"]
    vocab = build_vocabulary(texts, size=3, negated_size=2)
    plain = build_vocabulary(texts, size=3, negated_size=0)
    assert len(plain) == 3 and not any(t.startswith("not:") for t in plain)
    assert [t for t in vocab if not t.startswith("not:")] == plain
    assert len([t for t in vocab if t.startswith("not:")]) == 2


def test_a_broken_weights_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "understanding.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelUnavailable, match=r"understanding\.npz"):
        load_model(bad)
    with pytest.raises(ModelUnavailable, match="mlsd retrain"):
        load_model(tmp_path / "missing.npz")


def test_sparse_rows_predict_what_the_wide_rows_predict(u: Understanding) -> None:
    texts = [
        "We train a gradient boosted tree on last month's transactions.",
        "Accuracy is fine here?",
        "ok",
        "",
    ]
    f = u.model.featurizer
    vectors = u.embed(texts)
    wide, sparse = f.rows(texts, vectors), f.sparse_rows(texts, vectors)
    assert np.array_equal(sparse.toarray(), wide)
    for name in ("kind", "signals", "wrong_claims", "manipulation", "depth"):
        head = u.model.head(name)
        np.testing.assert_allclose(head.predict(sparse), head.predict(wide), atol=1e-5)


def test_sprinkled_corpus_items_are_current_and_keep_their_sentences_labels(tmp_path) -> None:
    """generated_sprinkled.jsonl is what `python -m agent.understanding.sprinkled` writes from
    the writers' sentences (deterministic), and each item keeps its source sentence's signals
    and depth: the sprinkled terms add nothing."""
    import shutil

    from agent.understanding.sprinkled import FILE, write

    for split in ("train", "dev"):
        (tmp_path / split).mkdir()
        for path in (CORPUS / split).glob("writer_*.jsonl"):
            shutil.copy(path, tmp_path / split / path.name)
    write(tmp_path)
    for split in ("train", "dev"):
        shipped = (CORPUS / split / FILE).read_text(encoding="utf-8")
        assert (tmp_path / split / FILE).read_text(encoding="utf-8") == shipped, (
            "the sprinkled items are stale: run `python -m agent.understanding.sprinkled`"
        )
    sources = load_split(CORPUS / "dev").sentences
    for line in shipped.splitlines()[:40]:
        item = json.loads(line)
        assert item["wrong_claims"] is None and item["names"] == []
        head = item["text"].split()[0]
        assert any(
            s.text.split()[0] == head
            and s.problem == item["problem"]
            and s.signals == item["signals"]
            and s.depth == item["depth"]
            for s in sources
            if s.source.startswith("writer_")
        ), item["text"]


def test_a_sentence_joining_two_decisions_shows_both(u: Understanding) -> None:
    """A sentence's labels past its most likely one need a much stricter threshold; a
    sentence that joins two decisions is also read clause by clause, so the second decision
    is not lost behind the first."""
    found = u.sentences(
        "We begin with a plain logistic regression as the baseline, then switch to boosted trees "
        "since they pick up interactions between the tabular inputs."
    )
    assert {"baseline_first", "model_family_choice"} <= found[0].signals.keys()


def test_generated_lists_and_dismissals_are_current_and_never_evidence(tmp_path) -> None:
    """generated_keyword_lists.jsonl and generated_dismissals.jsonl are what their modules
    write (deterministic); every item shows no signal and no depth, a dismissal names the
    signal it rejects, and no dev item repeats a train item."""
    from agent.understanding import dismissals, keyword_lists

    for split in ("train", "dev"):
        (tmp_path / split).mkdir()
    keyword_lists.write(tmp_path)
    dismissals.write(tmp_path)
    texts: dict[str, set[str]] = {}
    for name in ("generated_keyword_lists.jsonl", dismissals.FILE):
        for split in ("train", "dev"):
            shipped = (CORPUS / split / name).read_text(encoding="utf-8")
            assert (tmp_path / split / name).read_text(encoding="utf-8") == shipped, (
                f"{split}/{name} is stale: run its module (agent/understanding/)"
            )
            items = [json.loads(line) for line in shipped.splitlines()]
            assert all(i["signals"] == [] and i["depth"] is False for i in items)
            texts.setdefault(split, set()).update(i["text"] for i in items)
            if name == dismissals.FILE:
                assert all(len(i["names"]) == 1 for i in items)
    assert not texts["train"] & texts["dev"]
