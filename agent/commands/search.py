"""`mlsd search`: query the knowledge store (hybrid dense + BM25), optionally by phase/topic."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from agent.content.phases import Phase

_EXCERPT = 160


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the guidance and cheatsheets")
    p.add_argument("query", help="what to look for, in your own words")
    p.add_argument("-k", type=int, default=5, help="how many chunks to return (default 5)")
    p.add_argument("--phase", choices=[ph.value for ph in Phase], help="only this phase")
    p.add_argument(
        "--topic", action="append", dest="topics", metavar="T", help="only chunks with topic T"
    )
    p.add_argument(
        "--json", action="store_true", help="print a JSON list of {id, source, phase, ...}"
    )
    p.set_defaults(func=run)


def _notes_to_stderr() -> None:
    """Store warnings (a rebuilt store, a malformed file) as `mlsd: note: ...` lines."""
    log = logging.getLogger("agent.knowledge")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("mlsd: note: %(message)s"))
        log.addHandler(handler)


def run(args: argparse.Namespace) -> int:
    from agent.knowledge.store import KnowledgeStore, StoreUnavailable

    if args.k < 1:
        print("mlsd: error: -k must be at least 1", file=sys.stderr)
        return 2
    if not args.query.strip():
        print("mlsd: error: the search text is empty", file=sys.stderr)
        return 2
    _notes_to_stderr()
    try:
        store = KnowledgeStore.open()
        if store.count() == 0:
            print("mlsd: building the knowledge index first (once)...", file=sys.stderr)
        hits = store.search(
            args.query,
            k=args.k,
            phase=Phase(args.phase) if args.phase else None,
            topics=args.topics,
        )
    except StoreUnavailable as e:
        print(f"mlsd: error: {e}", file=sys.stderr)
        return 2
    if args.json:
        rows = [
            {
                "id": h.id,
                "source": h.source,
                "phase": h.phase.value if h.phase else None,
                "topics": h.topics,
                "text": h.text,
                "score": round(h.score, 4),
            }
            for h in hits
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("no matching chunks")
    for h in hits:
        excerpt = " ".join(h.text.split())
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[: _EXCERPT - 1].rstrip() + "…"
        print(f"{h.score:6.3f}  {h.id}\n        {excerpt}")
    return 0
