"""Index build time over knowledge/: cold (empty store, nothing embedded yet in this process)
and unchanged (a second run, which only compares content hashes). `python -m bench.index`

A fresh install's cold build copies the shipped vectors (knowledge/vectors/, built by
`mlsd vectors`) into the store without running the model; the line "no shipped vectors"
is the same build from a copy of the corpus without that file, every text embedded.

Wall-clock figures depend on how busy the machine is; the CPU seconds of the cold build
(summed over the ONNX threads) are the steadier figure to compare between runs.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from agent.knowledge.chunking import CORPUS_DIRS
from agent.knowledge.embedding import get_embedder
from agent.knowledge.record_vectors import MEMO
from agent.knowledge.store import KnowledgeStore
from agent.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def main() -> dict:
    started = time.perf_counter()
    get_embedder()  # model load is reported on its own line, not hidden in "cold"
    load_s = time.perf_counter() - started
    MEMO.clear()
    with tempfile.TemporaryDirectory(prefix="mlsd-bench-index-") as tmp:
        settings = Settings(data_dir=Path(tmp), knowledge_dir=REPO / "knowledge", chroma_host=None)
        store = KnowledgeStore.open(settings)
        t0, c0 = time.perf_counter(), time.process_time()
        cold = store.ensure_index()
        cold_s, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        warm = store.ensure_index()
        warm_s = time.perf_counter() - t0
        # A fresh process opening the same store: new client, hashes compared, no embedding.
        store.close()
        t0 = time.perf_counter()
        reopened = KnowledgeStore.open(settings).ensure_index()
        reopen_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        KnowledgeStore.open(settings).search("very few positive examples", k=5)
        search_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        KnowledgeStore.open(settings).search("labels arrive weeks after the event", k=5)
        search_again_ms = (time.perf_counter() - t0) * 1000
        # The same cold build without shipped vectors: every text through the model.
        bare = Path(tmp) / "knowledge"
        for name in CORPUS_DIRS:
            shutil.copytree(REPO / "knowledge" / name, bare / name)
        MEMO.clear()
        scratch = Settings(data_dir=Path(tmp) / "scratch", knowledge_dir=bare, chroma_host=None)
        t0 = time.perf_counter()
        embedded = KnowledgeStore.open(scratch).ensure_index()
        scratch_s = time.perf_counter() - t0
    assert warm.embedded == reopened.embedded == 0
    assert embedded.embedded == embedded.chunks
    return {
        "chunks": cold.chunks,
        "model load s": round(load_s, 3),
        "cold index s": round(cold_s, 3),
        "cold index cpu s (all threads)": round(cold_cpu, 3),
        "cold embedded (texts through the model)": cold.embedded,
        "cold index s (no shipped vectors)": round(scratch_s, 3),
        "cold vectors (chunks + asks)": cold.vectors,
        "unchanged index s": round(warm_s, 3),
        "unchanged index s (reopened store)": round(reopen_s, 3),
        "search ms (first query: reads the vectors)": round(search_ms, 1),
        "search ms (next query)": round(search_again_ms, 1),
    }


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key:<36} {value}")
