"""`mlsd vectors`: embed the shipped content once and write knowledge/vectors/ (build time).

Run it after changing guidance, cheatsheets or problem cards; `--check` only says whether
the file matches the content (the test suite checks the same). A stale file is never wrong,
only slower: changed texts are embedded at run time.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("vectors", help="rebuild the shipped vectors of knowledge/ (build time)")
    p.add_argument("--check", action="store_true", help="only check that they are current")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from agent.knowledge.shipped import build_vectors, vectors_current, vectors_path
    from agent.settings import get_settings

    knowledge = get_settings().knowledge_dir
    if args.check:
        current = vectors_current(knowledge)
        state = "current" if current else "stale or missing: run `mlsd vectors`"
        print(f"{vectors_path(knowledge)}: {state}")
        return 0 if current else 1
    path, count = build_vectors(knowledge)
    print(f"{path}: {count} texts embedded")
    return 0
