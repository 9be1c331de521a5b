"""Where a knowledge store lives, in a module that imports no chromadb: the store keys its
shared instances by it and words its messages with it before Chroma is ever opened."""

from __future__ import annotations

from typing import Literal

from agent.settings import Settings

Mode = Literal["persistent", "server"]


def server_address(settings: Settings) -> str:
    return f"http://{settings.chroma_host}:{settings.chroma_port}"
