"""`mlsd thresholds`: choose the sentence model's cosine thresholds on dev (build time).

Run it with MLSD_SENTENCE_MODEL set to the model to choose for, from a source checkout (it
reads the dev answers under tests/); it writes knowledge/vectors/<embedding id>.thresholds.json
(agent/knowledge/threshold_choice.py). The reference model's file was chosen by hand and is
only checked; `--check` only checks that the configured model has its file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "thresholds", help="choose the sentence model's cosine thresholds on dev (build time)"
    )
    p.add_argument("--check", action="store_true", help="only check that they are there")
    p.add_argument(
        "--repo", type=Path, default=None, help="source checkout with the dev answers in tests/"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from agent.knowledge.cosine_thresholds import read_thresholds, thresholds_path
    from agent.knowledge.model_files import EmbeddingUnavailable
    from agent.knowledge.threshold_choice import write_thresholds
    from agent.settings import PACKAGE_DIR, get_settings

    knowledge = get_settings().knowledge_dir
    try:
        if args.check:
            found = read_thresholds(thresholds_path(knowledge))
            print(f"{thresholds_path(knowledge)}: {found.chosen}: {found.thresholds}")
            return 0
        path, found = write_thresholds(args.repo or PACKAGE_DIR.parent, knowledge)
    except (EmbeddingUnavailable, FileNotFoundError) as e:
        print(f"mlsd thresholds: {e}", file=sys.stderr)
        return 2
    print(f"{path}: {found.chosen}")
    print(f"  {found.thresholds}")
    for k, v in found.agreement.items():
        print(f"  {k}: {v}")
    return 0
