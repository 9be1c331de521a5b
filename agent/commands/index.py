"""`mlsd index`: build or refresh the retrieval store (only what changed is re-embedded)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="build or refresh the knowledge retrieval store")
    p.add_argument("--rebuild", action="store_true", help="drop the collection and embed all")
    p.add_argument("--json", action="store_true", help="print the index report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from agent.knowledge.store import KnowledgeStore, StoreUnavailable, quiet_store_log

    quiet_store_log()
    try:
        report = KnowledgeStore.open().ensure_index(rebuild=args.rebuild)
    except StoreUnavailable as e:
        print(f"mlsd: error: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(report.model_dump_json(indent=2))
        return 0
    for note in report.notes:
        print(f"note: {note}")
    print(
        f"{report.collection} ({report.mode}): {report.chunks} chunks; "
        f"added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged}; embedded {report.embedded}"
        + (f" (reused {report.reused})" if report.reused else "")
        + f" in {report.seconds:.2f} s"
    )
    return 0
