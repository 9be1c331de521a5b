"""`mlsd retrain`: refit the understanding models from knowledge/corpus/ (needs `.[train]`)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "retrain",
        help="refit the understanding models (message kind, signals, wrong claims, ...) "
        "from the labelled corpus; needs scikit-learn: pip install -e '.[train]'",
    )
    p.add_argument("--corpus", type=Path, default=None, help="corpus folder (train/ and dev/)")
    p.add_argument("--out", type=Path, default=None, help="weights file to write")
    p.add_argument(
        "--fact-heads-only",
        action="store_true",
        help="refit only the fact heads (which card facts a question asks for) into the "
        "shipped weights; no other head reads their corpus",
    )
    p.add_argument(
        "--challenge-bar-only",
        action="store_true",
        help="choose only the bar at which a wrong claim is challenged, on dev, for the "
        "shipped weights (nothing refitted)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from agent.understanding.train import main

    argv: list[str] = []
    if args.corpus is not None:
        argv += ["--corpus", str(args.corpus)]
    if args.out is not None:
        argv += ["--out", str(args.out)]
    if args.fact_heads_only:
        argv.append("--fact-heads-only")
    if args.challenge_bar_only:
        argv.append("--challenge-bar-only")
    return main(argv)
