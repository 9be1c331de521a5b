"""`mlsd problems`: list the problem cards (bundled and user-supplied)."""

from __future__ import annotations

import argparse
import json

from agent.content.bundle import load_content


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("problems", help="list the interview problems")
    p.add_argument("--json", action="store_true", help="print a JSON list of {id, title}")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    library = load_content().problems
    rows = [
        {"id": c.id, "title": c.title} for c in sorted(library.cards.values(), key=lambda c: c.id)
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        width = max(len(r["id"]) for r in rows)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['title']}")
    return 0
