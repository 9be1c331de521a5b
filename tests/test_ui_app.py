"""Page logic of the Streamlit app through streamlit.testing.v1.AppTest (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from agent.content.bundle import load_content
from agent.interview import Interview
from agent.record.transcript import load_transcript
from tests.support.app_session import APP, TIMEOUT, chat_texts, fresh_app


def _saved(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "interviews").glob("*.json"))


def test_interview_page_plays_to_recap(_isolated_data_dir: Path) -> None:
    at = fresh_app()
    at.sidebar.selectbox(key="problem_choice").set_value("fraud-detection").run()
    at.button(key="start").click().run()
    assert not at.exception, at.exception
    opening = chat_texts(at)
    assert len(opening) == 1 and opening[0]

    # the sidebar names the running problem; the picker is for the next interview
    at.sidebar.selectbox(key="problem_choice").set_value("eta-prediction").run()
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "**Problem now:** Payment fraud detection" in sidebar
    assert at.sidebar.selectbox(key="problem_choice").label == "Problem for a new interview"

    question = "How many transactions per second do we need to score, and how fast?"
    at.chat_input(key="chat").set_value(question).run()
    assert not at.exception, at.exception
    texts = chat_texts(at)
    assert texts[1] == question and len(texts) == 3 and texts[2]

    at.button(key="hint").click().run()
    assert len(chat_texts(at)) == 5

    [path] = _saved(_isolated_data_dir)
    on_disk = load_transcript(path)
    assert [t.text for t in on_disk.turns] == chat_texts(at)  # autosaved every turn

    at.button(key="end").click().run()
    assert not at.exception, at.exception
    assert "Recap" not in [s.value for s in at.subheader]  # End asks first
    assert load_transcript(path).status == "in_progress"
    at.button(key="end_yes").click().run()
    assert not at.exception, at.exception
    assert "Recap" in [s.value for s in at.subheader]
    assert {m.label for m in at.metric} >= {"Overall", "Recommendation", "Hints used"}
    shown = "\n".join(m.value for m in at.markdown)
    assert "**Your design, summarised**" in shown and "coverage" not in shown
    assert shown.index("**Clarify the problem:**") < shown.index("**Data and labels:**")
    finished = load_transcript(path)
    assert finished.status == "finished" and finished.recap is not None
    assert finished.recap.hints_used >= 1


def test_when_the_interviewer_wraps_up_the_recap_follows_and_the_chat_closes(
    _isolated_data_dir: Path,
) -> None:
    at = fresh_app()
    at.sidebar.selectbox(key="problem_choice").set_value("fraud-detection").run()
    at.button(key="start").click().run()
    at.chat_input(key="chat").set_value("I'd like to stop the interview here, please.").run()
    assert not at.exception, at.exception
    assert "Recap" in [s.value for s in at.subheader]  # no End press needed
    assert at.chat_input(key="chat").disabled  # nothing more to answer
    [path] = _saved(_isolated_data_dir)
    assert load_transcript(path).status == "finished"


def test_a_recap_that_cannot_be_made_says_so_in_one_line_and_loses_nothing(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_finish = Interview.finish

    def broken(self: Interview) -> object:
        raise OSError("No space left on device")

    at = fresh_app()
    at.sidebar.selectbox(key="problem_choice").set_value("fraud-detection").run()
    at.button(key="start").click().run()
    at.chat_input(key="chat").set_value("How many transactions per second at peak?").run()
    monkeypatch.setattr(Interview, "finish", broken)
    at.chat_input(key="chat").set_value("I'd like to stop the interview here, please.").run()
    assert not at.exception, at.exception  # no traceback
    [error] = [e.value for e in at.error]
    assert "No space left on device" in error and "answers are saved" in error
    assert at.chat_input(key="chat").disabled  # the closing words are said
    assert at.button(key="hint").disabled and not at.button(key="end").disabled
    [path] = _saved(_isolated_data_dir)
    said = [t.text for t in load_transcript(path).turns if t.role == "candidate"]
    assert said[0] == "How many transactions per second at peak?"  # nothing lost

    monkeypatch.setattr(Interview, "finish", real_finish)  # the disk has room again
    at.button(key="end").click().run()
    at.button(key="end_yes").click().run()
    assert not at.exception, at.exception
    assert "Recap" in [s.value for s in at.subheader] and not at.error
    assert load_transcript(path).status == "finished"


def test_reload_resumes_interview_from_url(_isolated_data_dir: Path) -> None:
    interview = Interview("eta-prediction")
    interview.start()
    interview.respond("What is the latency budget for an ETA request?")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["interview"] = interview.transcript.id
    at.run()
    assert not at.exception, at.exception
    assert chat_texts(at) == [t.text for t in interview.transcript.turns]


def test_bad_interview_id_in_url_starts_fresh(_isolated_data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["interview"] = "../../etc/passwd"
    at.run()
    assert not at.exception
    assert at.button(key="start")  # nothing resumed, nothing read outside the data dir


def test_sessions_are_isolated(_isolated_data_dir: Path) -> None:
    first, second = fresh_app(), fresh_app()
    first.button(key="start").click().run()
    first.chat_input(key="chat").set_value("Who are the users of this system?").run()
    second.run()
    assert chat_texts(second) == []
    assert second.button(key="start")


def test_replay_page_steps_and_rejects_bad_upload(_isolated_data_dir: Path) -> None:
    interview = Interview("video-recommendation")
    interview.start()
    interview.respond("How many daily active users are there?")
    interview.respond("I would use watch time as the label and log impressions.")
    interview.finish()

    at = fresh_app()
    at.switch_page("views/replay.py").run()
    assert not at.exception, at.exception
    turns = interview.transcript.turns
    assert len(at.chat_message) == len(turns)
    captions = " ".join(c.value for c in at.caption)
    assert "open" in captions and turns[1].text in chat_texts(at)
    assert "Recap" in [s.value for s in at.subheader]
    # annotations in words: the phase's title and the move spaced, never their ids
    assert "Clarify the problem · **open**" in captions
    kinds = {t.move.kind.value for t in turns if t.move is not None}
    assert any("_" in k for k in kinds), kinds  # the test means something
    assert not any(k in captions for k in kinds if "_" in k), captions
    assert "signals:" not in captions
    assert any(t.signals for t in turns) and "showed: " in captions  # in the rubric's words

    at.slider(key="replay_step").set_value(2).run()
    assert len(at.chat_message) == 2

    at.radio(key="replay_source").set_value("Upload a transcript").run()
    assert not at.exception


def test_history_page_charts_finished_interviews(_isolated_data_dir: Path) -> None:
    for problem in ("fraud-detection", "search-ranking"):
        interview = Interview(problem)
        interview.start()
        interview.respond("What scale and latency should we design for?")
        interview.finish()
    at = fresh_app()
    at.switch_page("views/history.py").run()
    assert not at.exception, at.exception
    shown = {m.value for m in at.markdown}
    titles = {load_content().problems.get(p).title for p in ("fraud-detection", "search-ranking")}
    assert titles <= shown
    assert {"strong_hire", "lean_no_hire", "no_hire", "None"}.isdisjoint(shown)
    assert len(at.button) == 2  # each finished interview opens in Replay
    assert len(at.get("vega_lite_chart")) == 1  # one heatmap of the scores


def test_evaluate_page_grades_uploads(_isolated_data_dir: Path, tmp_path: Path) -> None:
    from agent.settings import get_settings
    from ui.components import evaluation

    interview = Interview("fraud-detection")
    interview.start()
    interview.respond("Fraud is rare, so I would look at precision and recall, not accuracy.")
    interview.finish()
    files = [
        ("interview.json", interview.transcript.model_dump_json().encode()),
        (
            "answer.md",
            b"---\nproblem: eta-prediction\n---\nI would predict travel time with "
            b"gradient boosted trees and measure MAE on a time-based split.",
        ),
        ("broken.json", b"{ not json"),
    ]
    uploads = [evaluation.screen(name, data) for name, data in files]
    report = evaluation.grade_uploads(uploads, {}, "offline", get_settings())
    assert report.graded == 2 and report.failed == 1
    assert [name for name, _ in evaluation.failures(report)] == ["broken.json"]
    table = evaluation.score_table(report)
    titles = [load_content().problems.get(p).title for p in ("fraud-detection", "eta-prediction")]
    assert list(table["problem"]) == titles
    assert json.loads(evaluation.render(report, "json"))["rubric_hash"] == report.rubric_hash
    assert "<html" in evaluation.render(report, "html").lower()

    at = fresh_app()
    at.switch_page("views/evaluate.py").run()
    assert not at.exception, at.exception
    assert at.button(key="eval_go").disabled  # nothing uploaded yet


@pytest.fixture(autouse=True)
def _repo_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(APP).parent.parent))


def test_twenty_live_sessions_never_cross_talk(_isolated_data_dir: Path) -> None:
    """20 browser sessions open at once, interleaved turn by turn: each sees only its own
    interview, and every transcript on disk holds exactly its own candidate's words."""
    sessions = [fresh_app() for _ in range(20)]
    for at in sessions:
        at.button(key="start").click().run()
    for round_ in range(2):
        for i, at in enumerate(sessions):
            at.chat_input(key="chat").set_value(f"Session {i} asks question {round_}: what scale?")
            at.run()
            assert not at.exception, at.exception
    saved = {load_transcript(p).id: load_transcript(p) for p in _saved(_isolated_data_dir)}
    assert len(saved) == 20
    for i, at in enumerate(sessions):
        mine = [t for t in chat_texts(at) if t.startswith("Session ")]
        assert mine == [f"Session {i} asks question {r}: what scale?" for r in range(2)]
        transcript = saved[at.session_state["interview"].transcript.id]
        assert [t.text for t in transcript.turns] == chat_texts(at)
