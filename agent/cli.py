"""`mlsd` console script: one sub-command per module in agent/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from agent.content.files import ContentError
from agent.record.transcript import TranscriptError

# Each module defines register(subparsers) and sets `func` on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "problems",
    "ui",
    "index",
    "vectors",
    "thresholds",
    "search",
    "chat",
    "replay",
    "evaluate",
    "retrain",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlsd", description="Mock interviewer for ML system design interviews."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"agent.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (ContentError, TranscriptError) as e:
        print(f"mlsd: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nmlsd: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `mlsd search ... | head`): stop quietly, like cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
