"""Twenty interviews at once through the Python API: no cross-talk, every transcript
intact and loadable."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from agent.record.transcript import load_transcript
from tests.support.interview_fixtures import new_interview, persona_turns

PROBLEMS = ("fraud-detection", "video-recommendation", "ad-click-prediction", "eta-prediction")
SCRIPTS = ("strong_fraud.txt", "jumper_video.txt", "wrongclaim_fraud.txt", "offtopic_video.txt")
N = 20


def _one(i: int, folder):
    marker = f"zebra{i:02d}marker"
    turns = [f"{text} ({marker})" for text in persona_turns(SCRIPTS[i % len(SCRIPTS)])[:3]]
    iv = new_interview(PROBLEMS[i % len(PROBLEMS)], seed=i, save_path=folder / f"{i}.json")
    iv.start()
    for text in turns:
        iv.respond(text)
    iv.finish()
    return i, marker, turns, iv


def test_twenty_parallel_interviews_do_not_mix(tmp_path):
    with ThreadPoolExecutor(max_workers=N) as pool:
        results = list(pool.map(lambda i: _one(i, tmp_path), range(N)))
    markers = [m for _, m, _, _ in results]
    for i, marker, turns, iv in results:
        saved = load_transcript(tmp_path / f"{i}.json")
        assert saved == iv.transcript
        assert saved.status == "finished" and saved.recap is not None
        assert saved.problem_id == PROBLEMS[i % len(PROBLEMS)]
        assert saved.candidate_texts() == turns
        raw = (tmp_path / f"{i}.json").read_text(encoding="utf-8")
        assert raw.count(marker) >= len(turns)
        assert not [m for m in markers if m != marker and m in raw]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{i}.json" for i in range(N))
