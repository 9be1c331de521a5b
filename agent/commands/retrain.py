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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from agent.understanding.train import main

    argv: list[str] = []
    if args.corpus is not None:
        argv += ["--corpus", str(args.corpus)]
    if args.out is not None:
        argv += ["--out", str(args.out)]
    return main(argv)
