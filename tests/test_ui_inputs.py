"""What the Interview page does with what a candidate sends and where they come back from,
through streamlit.testing.v1.AppTest (no browser): blank messages are not sent, the input
box knows the record's limit, the interview stays in the address, a fresh visit offers the
interview in progress, and the way back from a broken model backend starts the interview."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from agent.interview import Interview
from agent.read.candidate_input import MAX_RECORDED_CHARS
from agent.record.transcript import load_transcript
from tests.support.app_session import chat_texts, fresh_app


def _started(problem: str = "fraud-detection") -> AppTest:
    at = fresh_app()
    at.sidebar.selectbox(key="problem_choice").set_value(problem).run()
    at.button(key="start").click().run()
    assert not at.exception, at.exception
    return at


def test_a_blank_message_is_not_sent_and_nothing_is_lost(_isolated_data_dir: Path) -> None:
    at = _started()
    before = chat_texts(at)
    for blank in ["   ", "\n\n\t "]:
        at.chat_input(key="chat").set_value(blank).run()
        assert not at.exception, at.exception
        assert chat_texts(at) == before  # no empty bubble, no reply to it
        assert any("Nothing was sent" in i.value for i in at.info)
    [path] = sorted((_isolated_data_dir / "interviews").glob("*.json"))
    assert [t.text for t in load_transcript(path).turns] == before
    at.chat_input(key="chat").set_value("How many payments per second at peak?").run()
    assert len(chat_texts(at)) == len(before) + 2  # the next real message is answered as usual


def _candidate_turns(data_dir: Path) -> list[str]:
    [path] = sorted((data_dir / "interviews").glob("*.json"))
    return [t.text for t in load_transcript(path).turns if t.role == "candidate"]


def test_a_message_too_long_to_record_is_held_until_the_candidate_says(
    _isolated_data_dir: Path,
) -> None:
    at = _started()
    before = chat_texts(at)
    essay = "Features: per-card velocity counts over the last hour and day. " * 700
    at.chat_input(key="chat").set_value(essay).run()
    assert not at.exception, at.exception
    assert chat_texts(at) == before and _candidate_turns(_isolated_data_dir) == []
    [notice] = at.warning
    assert f"{len(essay):,} characters" in notice.value and "Not sent yet" in notice.value

    at.button(key="drop_long").click().run()  # dropped: nothing recorded, notice gone
    assert not at.warning and _candidate_turns(_isolated_data_dir) == []

    at.chat_input(key="chat").set_value(essay).run()
    at.button(key="send_cut").click().run()
    assert not at.exception, at.exception
    assert _candidate_turns(_isolated_data_dir) == [essay[:MAX_RECORDED_CHARS]]
    assert not at.warning and len(chat_texts(at)) == len(before) + 2


def test_a_message_that_fits_is_sent_as_typed(_isolated_data_dir: Path) -> None:
    at = _started()
    fits = "x" * (MAX_RECORDED_CHARS - 10) + " latency?"
    at.chat_input(key="chat").set_value(fits).run()
    assert not at.warning and _candidate_turns(_isolated_data_dir) == [fits]


def test_the_interview_stays_in_the_address_on_every_page(_isolated_data_dir: Path) -> None:
    at = _started()
    interview_id = at.session_state["interview"].transcript.id
    for page in ["views/replay.py", "views/history.py", "views/evaluate.py"]:
        at.query_params.clear()  # what a page link does to the address
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert at.query_params["interview"] == interview_id


def test_a_fresh_visit_offers_the_interview_in_progress(_isolated_data_dir: Path) -> None:
    waiting = Interview("eta-prediction")
    waiting.start()
    waiting.respond("What is the latency budget for an ETA request?")
    finished = Interview("fraud-detection")
    finished.start()
    finished.finish()

    at = fresh_app()  # the app's base address: nothing in the URL
    offer = "\n".join(i.value for i in at.info)
    assert "in progress" in offer and "ETA" in offer and "1 answer so far" in offer
    at.button(key="resume").click().run()
    assert not at.exception, at.exception
    assert chat_texts(at) == [t.text for t in waiting.transcript.turns]
    assert at.query_params["interview"] == waiting.transcript.id
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert f"**Problem now:** {waiting.card.title}" in sidebar  # not "Random problem"


def test_nothing_to_resume_offers_nothing(_isolated_data_dir: Path) -> None:
    finished = Interview("fraud-detection")
    finished.start()
    finished.finish()
    at = fresh_app()
    assert not at.info and not [b for b in at.button if b.key == "resume"]


def test_use_the_offline_interviewer_starts_the_interview_asked_for(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["OPENAI_API_KEY", "MLSD_API_KEY", "OPENAI_BASE_URL", "MLSD_BASE_URL"]:
        monkeypatch.delenv(name, raising=False)
    at = fresh_app()
    at.sidebar.radio(key="backend_choice").set_value("openai").run()
    at.sidebar.selectbox(key="problem_choice").set_value("eta-prediction").run()
    at.button(key="start").click().run()
    assert any("API key" in e.value for e in at.error)
    at.button(key="go_offline").click().run()
    assert not at.exception, at.exception
    assert len(chat_texts(at)) == 1  # the opening question, without a second Start
    interview = at.session_state["interview"]
    assert interview.transcript.problem_id == "eta-prediction"
    assert interview.transcript.backend == "offline"
    assert at.sidebar.radio(key="backend_choice").value == "offline"


def _finished_interview() -> Interview:
    interview = Interview("video-recommendation")
    interview.start()
    interview.respond("How many daily active users are there?")
    interview.respond("I would use watch time as the label and log impressions.")
    interview.finish()
    return interview


def test_replay_opens_whole_however_it_is_opened(_isolated_data_dir: Path) -> None:
    interview = _finished_interview()
    turns = len(interview.transcript.turns)
    at = fresh_app()
    at.switch_page("views/replay.py").run()  # from the page's own picker
    assert len(at.chat_message) == turns
    at.slider(key="replay_step").set_value(1).run()
    assert len(at.chat_message) == 1

    at.switch_page("views/history.py").run()  # leave, then come back from History
    at.button(key=f"replay-{interview.transcript.id}").click().run()
    assert not at.exception, at.exception
    assert len(at.chat_message) == turns and at.slider(key="replay_step").value == turns

    at.switch_page("views/replay.py").run()  # (AppTest stays on the page it was given)
    at.slider(key="replay_step").set_value(1).run()
    at.radio(key="replay_source").set_value("Upload a transcript").run()
    at.radio(key="replay_source").set_value("Saved interviews").run()
    assert len(at.chat_message) == turns


def test_history_offers_a_date_range_even_for_one_day(_isolated_data_dir: Path) -> None:
    _finished_interview()
    at = fresh_app()
    at.switch_page("views/history.py").run()
    assert not at.exception, at.exception
    assert at.date_input(key="hist_dates").label == "Dates"
