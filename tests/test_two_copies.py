"""One interview, two live copies: a reload or a second tab resumes an interview while the
first copy lives on (Streamlit keeps an old session running for a while), or two processes
open one file. The copy that goes on owns the file; the stale one refuses to write instead
of interleaving journal lines or compacting the other's turns away, and the Interview page
shows the interview as saved and continues from there. Nothing said in either copy is lost
or duplicated."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.record.autosave import TranscriptContinuedElsewhere
from agent.record.transcript import load_transcript
from tests.support.app_session import chat_texts, fresh_app
from tests.support.fixtures_store import shared_store
from tests.support.interview_fixtures import new_interview, run_cli


def _resume(path: Path) -> Interview:
    return Interview.resume(path, store=shared_store(), clock=SimulatedClock())


def _candidate(path: Path) -> list[str]:
    return [t.text for t in load_transcript(path).turns if t.role == "candidate"]


def test_the_stale_copy_refuses_to_write_and_the_file_keeps_the_other_copys_turns(
    tmp_path: Path,
) -> None:
    path = tmp_path / "iv.json"
    first = new_interview("fraud-detection", seed=3, save_path=path)
    first.start()
    first.respond("How many payments per second do we score at peak?")

    second = _resume(path)  # a reload, or a second tab
    second.respond("Labels: chargebacks, which arrive weeks after the payment.")
    assert first.continued_elsewhere and not second.continued_elsewhere
    saved = path.read_bytes(), (tmp_path / "iv.json.journal").read_bytes()

    with pytest.raises(TranscriptContinuedElsewhere, match="another copy"):
        first.respond("Model: gradient-boosted trees on velocity features.")
    assert (path.read_bytes(), (tmp_path / "iv.json.journal").read_bytes()) == saved
    with pytest.raises(TranscriptContinuedElsewhere):
        first.finish()  # its compaction would have dropped the second copy's turn
    assert (path.read_bytes(), (tmp_path / "iv.json.journal").read_bytes()) == saved

    second.respond("Split by time: train on older months, test on the latest one.")
    assert _candidate(path) == [
        "How many payments per second do we score at peak?",
        "Labels: chargebacks, which arrive weeks after the payment.",
        "Split by time: train on older months, test on the latest one.",
    ]
    again = _resume(path)  # what the stale tab does next: load the file and go on
    again.respond("Model: gradient-boosted trees on velocity features.")
    assert _candidate(path)[-1] == "Model: gradient-boosted trees on velocity features."
    assert len(_candidate(path)) == 4


def test_one_copy_never_sees_itself_as_another_through_compactions_and_the_recap(
    tmp_path: Path,
) -> None:
    path = tmp_path / "iv.json"
    iv = new_interview("eta-prediction", seed=5, save_path=path)
    iv._autosave.compact_floor_bytes = 0  # compact whenever the journal outgrows the snapshot
    iv.start()
    for i in range(12):
        iv.respond(f"Point {i}: the trip's distance and the hour of day as features.")
        assert not iv.continued_elsewhere
    assert iv._autosave.compactions > 1
    iv.finish()
    assert not iv.continued_elsewhere and load_transcript(path).status == "finished"


def test_the_page_of_a_stale_tab_shows_the_saved_interview_and_continues_it(
    _isolated_data_dir: Path,
) -> None:
    tab_a = fresh_app()
    tab_a.sidebar.selectbox(key="problem_choice").set_value("fraud-detection").run()
    tab_a.button(key="start").click().run()
    tab_a.chat_input(key="chat").set_value("What share of payments are fraud?").run()
    interview_id = tab_a.session_state["interview"].transcript.id

    tab_b = fresh_app()  # a new tab at the base address, resuming the interview offered
    tab_b.button(key="resume").click().run()
    assert tab_b.query_params["interview"] == interview_id
    tab_b.chat_input(key="chat").set_value("Do chargebacks arrive late?").run()
    assert not tab_b.exception, tab_b.exception

    tab_a.chat_input(key="chat").set_value("I would split the data by time.").run()
    assert not tab_a.exception, tab_a.exception
    assert any("another tab" in i.value for i in tab_a.info)
    path = _isolated_data_dir / "interviews" / f"{interview_id}.json"
    assert _candidate(path) == [
        "What share of payments are fraud?",
        "Do chargebacks arrive late?",
        "I would split the data by time.",
    ]
    saved = [t.text for t in load_transcript(path).turns]
    assert chat_texts(tab_a) == saved  # the stale tab now shows every turn, in order


def test_a_terminal_whose_interview_went_on_elsewhere_stops_with_one_line(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    save = tmp_path / "iv.json"
    typed = iter(["What is the latency budget?", "I would use gradient-boosted trees."])

    def typing(prompt: str = "") -> str:
        text = next(typed)
        if text.startswith("I would"):  # meanwhile, the app resumed it and went on
            _resume(save).respond("How rare is fraud?")
        return text

    monkeypatch.setattr(builtins, "input", typing)
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 2 and "Traceback" not in run.stderr
    [line] = [x for x in run.stderr.splitlines() if x.startswith("mlsd chat:") and "--resume" in x]
    assert "another copy" in line and str(save) in line
    assert _candidate(save) == ["What is the latency budget?", "How rare is fraud?"]


def test_ctrl_c_after_the_interview_went_on_elsewhere_writes_nothing_over_it(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    save = tmp_path / "iv.json"
    typed = iter(["What is the latency budget?"])

    def typing(prompt: str = "") -> str:
        try:
            return next(typed)
        except StopIteration:  # meanwhile the app went on with it; then Ctrl-C here
            _resume(save).respond("How rare is fraud?")
            raise KeyboardInterrupt from None

    monkeypatch.setattr(builtins, "input", typing)
    run = run_cli(capsys, "chat", "--problem", "fraud-detection", "--save", str(save))
    assert run.code == 2 and "Traceback" not in run.stderr and "--resume" in run.stderr
    assert _candidate(save) == ["What is the latency budget?", "How rare is fraud?"]
