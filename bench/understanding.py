"""How well the understanding models read candidate language, per split.

    python -m bench.understanding            # dev and blind test figures
    python -m bench.understanding --train    # also the training split (a training figure)
    python -m bench.understanding --breakdown  # signal recall per style and per signal, over
                                               # every scored sentences-a* batch (dev now)

Splits: `train` (knowledge/corpus/train: fitted on), `dev` (knowledge/corpus/dev: thresholds
and settings were chosen on it) and the blind test batches in tests/blind/ (written by
helpers who never saw the code, the corpus or the other batches; scored once and frozen).
Every figure names its split and batch and the number of items; rates carry a 95% Wilson
interval.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "blind"
CORPUS = ROOT / "knowledge" / "corpus"


def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    z = 1.96
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    r = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (round((c - r) / d, 3), round((c + r) / d, 3))


def rate(k: int, n: int) -> dict[str, object]:
    return {"value": round(k / n, 3) if n else None, "k": k, "n": n, "ci95": wilson(k, n)}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def message_figures(items: list[dict]) -> dict[str, object]:
    from agent.understanding import shared_understanding

    u = shared_understanding()
    per: dict[str, list[int]] = {}
    correct = 0
    confusions: dict[str, int] = {}
    for it in items:
        got = u.message(it["text"]).kind
        ok = got == it["kind"]
        correct += ok
        per.setdefault(it["kind"], [0, 0])
        per[it["kind"]][0] += ok
        per[it["kind"]][1] += 1
        if not ok:
            key = f"{it['kind']}->{got}"
            confusions[key] = confusions.get(key, 0) + 1
    out: dict[str, object] = {"kind accuracy": rate(correct, len(items))}
    for kind, (k, n) in sorted(per.items()):
        out[f"kind recall {kind}"] = rate(k, n)
    top = sorted(confusions.items(), key=lambda kv: -kv[1])[:6]
    out["top confusions"] = ", ".join(f"{k} x{v}" for k, v in top)
    return out


def honest_figures(items: list[dict]) -> dict[str, object]:
    from agent.understanding import shared_understanding

    u = shared_understanding()
    kept = sum(u.message(it["text"]).kind != "manipulation" for it in items)
    return {"honest text not read as manipulation (precision proxy)": rate(kept, len(items))}


def sentence_figures(items: list[dict]) -> dict[str, object]:
    from agent.understanding import shared_understanding
    from agent.understanding.sentences import Span

    u = shared_understanding()
    spans = [Span(0, len(it["text"]), it["text"]) for it in items]
    found = []
    for i in range(0, len(spans), 64):
        found += u.sentence_findings(spans[i : i + 64])
    tp = fp = fn = 0
    named = named_fired = 0
    ctp = cfp = cfn = 0
    atp = afp = afn = 0
    bare = bare_fired = 0
    on_card = _on_card(items, found)
    for it, f in zip(items, found, strict=True):
        if it.get("angles") is not None:
            # as the reader reads a message: its sentences, and its statements together
            gold_a, got_a = set(it["angles"]), set(u.message(it["text"]).angles)
            atp += len(gold_a & got_a)
            afp += len(got_a - gold_a)
            afn += len(gold_a - got_a)
            if not gold_a:
                bare += 1
                bare_fired += bool(got_a)
        if it.get("signals") is not None:
            gold = set(it["signals"])
            got = set(f.signals)
            tp += len(gold & got)
            fp += len(got - gold)
            fn += len(gold - got)
            names = set(it.get("names") or []) - gold
            named += len(names)
            named_fired += len(names & got)
        if it.get("wrong_claims") is not None:
            gold_c, got_c = set(it["wrong_claims"]), set(f.wrong_claims)
            ctp += len(gold_c & got_c)
            cfp += len(got_c - gold_c)
            cfn += len(gold_c - got_c)
    angles = {
        "angle recall (an angle given is seen: no follow-up asks for it again)": rate(
            atp, atp + afn
        ),
        "angle precision": rate(atp, atp + afp),
        "bare decision read as covering an angle": rate(bare_fired, bare),
    }
    if not atp + afn + bare:
        angles = {}
    if tp + fn + ctp + cfn == 0 and angles:
        return angles
    return angles | {
        "signal recall": rate(tp, tp + fn),
        "signal precision": rate(tp, tp + fp),
        "named-only (keyword, dismissal, negation) read as evidence": rate(named_fired, named),
        "wrong-claim recall": rate(ctp, ctp + cfn),
        "wrong-claim precision": rate(ctp, ctp + cfp),
        **on_card,
    }


def _on_card(items: list[dict], found: list) -> dict[str, object]:
    """Wrong claims as the interviewer takes them on the item's problem: the catalog's
    `applies_when` and `read_from` applied (accuracy for a duration is the metric-for-numbers
    mistake; cold start does not apply to fraud scoring), as agent/understanding/claims.py
    does. Only items labelled with their problem."""
    from agent.content.bundle import load_content
    from agent.content.misconceptions import default_misconceptions
    from agent.understanding import MessageFindings
    from agent.understanding.claims import applicable_claims

    problems = load_content().problems
    catalog = default_misconceptions()
    tp = fp = fn = 0
    for it, f in zip(items, found, strict=True):
        card = problems.cards.get(it.get("problem") or "")
        if it.get("wrong_claims") is None or card is None:
            continue
        message = MessageFindings(text=f.text, kind="answer", sentences=[f])
        gold, got = set(it["wrong_claims"]), set(applicable_claims(message, catalog, card=card))
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    if not tp + fp + fn:
        return {}
    return {
        "wrong-claim recall on the item's problem (catalog applied)": rate(tp, tp + fn),
        "wrong-claim precision on the item's problem (catalog applied)": rate(tp, tp + fp),
    }


def signal_breakdown(items: list[dict]) -> dict[str, dict[str, object]]:
    """Where signal evidence is missed: recall and precision per writer style, and per signal
    its recall, how many misses the model still read as mentioned, and its false positives."""
    from agent.understanding import shared_understanding
    from agent.understanding.sentences import Span

    u = shared_understanding()
    items = [it for it in items if it.get("signals") is not None]
    found = []
    for i in range(0, len(items), 64):
        found += u.sentence_findings(
            [Span(0, len(it["text"]), it["text"]) for it in items[i : i + 64]]
        )
    style: dict[str, list[int]] = {}  # style -> [tp, fp, fn, items]
    signal: dict[str, list[int]] = {}  # signal -> [tp, fn, fn read as mentioned, fp]
    for it, f in zip(items, found, strict=True):
        gold, got = set(it["signals"]), set(f.signals)
        counts = style.setdefault(it.get("style") or "?", [0, 0, 0, 0])
        counts[3] += 1
        counts[0] += len(gold & got)
        counts[1] += len(got - gold)
        counts[2] += len(gold - got)
        for sid in gold | got:
            row = signal.setdefault(sid, [0, 0, 0, 0])
            row[0] += sid in gold and sid in got
            row[1] += sid in gold and sid not in got
            row[2] += sid in gold and sid not in got and sid in f.mentions
            row[3] += sid in got and sid not in gold
    by_style: dict[str, object] = {}
    for name, (tp, fp, fn, n) in sorted(style.items(), key=lambda kv: -kv[1][2]):
        if tp + fn:
            by_style[f"{name}: recall"] = rate(tp, tp + fn)
            by_style[f"{name}: precision"] = rate(tp, tp + fp)
        else:
            by_style[f"{name} (no evidence): signals read"] = f"{fp} over {n} texts"
    by_signal: dict[str, object] = {
        sid: f"recall {tp}/{tp + fn}, missed {fn} (mentioned {mentioned}), false positives {fp}"
        for sid, (tp, fn, mentioned, fp) in sorted(signal.items(), key=lambda kv: -kv[1][1])
    }
    return {"per style": by_style, "per signal": by_signal}


def split_figures(folder: Path) -> dict[str, object]:
    sentences: list[dict] = []
    messages: list[dict] = []
    for path in sorted(folder.glob("*.jsonl")):
        for it in read_jsonl(path):
            (messages if "kind" in it else sentences).append(it)
    out = {}
    out.update(message_figures(messages))
    out.update(sentence_figures(sentences))
    return out


def corpus_texts() -> set[str]:
    """Every text of the corpus (train and dev)."""
    return {it["text"] for path in CORPUS.rglob("*.jsonl") for it in read_jsonl(path)}


def blind_figures() -> dict[str, dict[str, object]]:
    import yaml

    manifest = yaml.safe_load((BLIND / "manifest.yaml").read_text(encoding="utf-8"))
    seen = corpus_texts()
    out: dict[str, dict[str, object]] = {}
    for batch in manifest["batches"]:
        path = BLIND / batch["file"]
        if batch.get("kind") == "graded_answers":
            continue  # graded answers: bench/calibration.py
        # a text an independent writer of the corpus also wrote word for word (stock phrases
        # such as "Calibration doesn't matter for us.") is not held out: it is left out here
        every = read_jsonl(path)
        items = [it for it in every if it["text"] not in seen]
        name = f"test:{batch['file']}"
        if len(items) < len(every):
            name += f" (without {len(every) - len(items)} texts also in the corpus)"
        if batch["kind"] == "messages":
            out[name] = message_figures(items)
        elif batch["kind"] == "honest":
            out[name] = honest_figures(items)
        else:
            out[name] = sentence_figures(items)
    return out


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="also report the training split")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="only signal recall per style and per signal over the sentences-a* batches",
    )
    args = parser.parse_args(argv if argv is not None else [])
    results: dict[str, object] = {}
    if args.breakdown:
        items = [it for p in sorted(BLIND.glob("sentences-a*.jsonl")) for it in read_jsonl(p)]
        for name, figures in signal_breakdown(items).items():
            results[f"sentences-a* (dev: all scored), {name}"] = figures
        return results
    if args.train:
        results["train (fitted on: a training figure)"] = split_figures(CORPUS / "train")
    results["dev (thresholds chosen here: a tuning figure)"] = split_figures(CORPUS / "dev")
    results.update(blind_figures())
    return results


def _print(results: dict[str, object]) -> None:
    for split, figures in results.items():
        print(f"\n== {split}")
        for name, value in figures.items():  # type: ignore[union-attr]
            if isinstance(value, dict) and "value" in value:
                print(
                    f"  {name}: {value['value']} ({value['k']}/{value['n']}, ci95 {value['ci95']})"
                )
            else:
                print(f"  {name}: {value}")


if __name__ == "__main__":
    _print(main(sys.argv[1:]))
