"""Bad input never crashes an interview or loses what was typed: empty and whitespace
messages, a 100 KB paste, control and odd Unicode characters; unknown problems and broken
transcript files give one clear message."""

from __future__ import annotations

import json

import pytest

from agent.backends.function import function_backend
from agent.content.files import ContentError
from agent.decide.clock import SimulatedClock
from agent.interview import Interview
from agent.read.candidate_input import MAX_READ_CHARS, MAX_RECORDED_CHARS, for_reading, for_record
from agent.read.reading import MessageKind
from agent.record.journal import journal_path
from agent.record.transcript import SCHEMA_VERSION, TranscriptError, load_transcript
from tests.support.fixtures_store import shared_store
from tests.support.interview_fixtures import new_interview

ODD = (
    "What is the latency\u200b budget\u200f? \u202eevil\u202c \ufeff"
    "\x00\x07\x1b[31m \U0001f600\U0001f680 caf\u00e9 \u0645\u0631\u062d\u0628\u0627 \ud800"
)


def _started(tmp_path):
    iv = new_interview("fraud-detection", save_path=tmp_path / "iv.json")
    iv.start()
    iv.respond("What is the business goal?")
    return iv


def _assert_prior_turns_kept(iv, before):
    on_disk = load_transcript(iv.save_path)
    assert [t.text for t in on_disk.turns[: len(before)]] == [t.text for t in before]
    assert on_disk.turns == iv.transcript.turns


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t  \n", "\x00", "\u200b\u200b"])
def test_empty_and_whitespace_messages(tmp_path, text):
    iv = _started(tmp_path)
    before = list(iv.transcript.turns)
    reply = iv.respond(text)
    assert reply.strip()
    cand = iv.transcript.turns[-2]
    assert cand.role == "candidate" and cand.text == text  # recorded as typed
    assert cand.kind == MessageKind.EMPTY
    _assert_prior_turns_kept(iv, before)
    assert "100 ms" in iv.respond("What is the latency budget?")  # carries on


def test_a_100_kb_message_is_read_capped_and_recorded_with_a_note(tmp_path):
    iv = _started(tmp_path)
    before = list(iv.transcript.turns)
    paste = ("We would retrain the model every week on the freshest data. " * 2000)[:100_000]
    reply = iv.respond(paste)
    assert reply.strip()
    cand = iv.transcript.turns[-2]
    assert cand.text.startswith(paste[:MAX_RECORDED_CHARS])
    assert "message cut" in cand.text and f"{100_000 - MAX_RECORDED_CHARS:,}" in cand.text
    assert cand.signals  # it was still read
    _assert_prior_turns_kept(iv, before)
    assert iv.respond("What is the latency budget?")


def test_control_and_odd_unicode(tmp_path):
    iv = _started(tmp_path)
    before = list(iv.transcript.turns)
    reply = iv.respond(ODD)
    assert "100 ms" in reply  # still understood as the latency question
    cand = iv.transcript.turns[-2]
    assert cand.text == ODD.replace("\ud800", "\ufffd")  # only unstorable surrogates replaced
    lines = journal_path(iv.save_path).read_text(encoding="utf-8").splitlines()
    appended = [turn for line in lines[1:] for turn in json.loads(line)["turns"]]
    assert appended[-2]["text"] == cand.text  # stored as JSON text, readable as such
    _assert_prior_turns_kept(iv, before)


def test_cleaning_for_reading():
    cleaned = for_reading(ODD)
    assert "\x00" not in cleaned and "\u200b" not in cleaned and "\u202e" not in cleaned
    assert "\x1b" not in cleaned and "\ufeff" not in cleaned and "\ud800" not in cleaned
    assert "latency budget?" in cleaned
    assert "\U0001f600" in cleaned and "café" in cleaned
    assert for_reading("a\r\nb\x0bc\u2028d") == "a\nb c\nd"
    assert len(for_reading("word " * 10_000)) <= MAX_READ_CHARS
    assert for_record("x" * 10) == "x" * 10
    assert for_record(None) == "" and for_reading(None) == ""  # type: ignore[arg-type]


def test_unknown_problem_id():
    with pytest.raises(ContentError, match=r"unknown problem id 'nope'.*fraud-detection"):
        Interview("nope", "offline", store=shared_store())


def test_resume_broken_transcripts_gives_clear_errors_and_keeps_the_file(tmp_path):
    iv = _started(tmp_path)
    raw = iv.save_path.read_text(encoding="utf-8")
    cases = {
        "truncated": (raw[: len(raw) // 3], "not valid JSON"),
        "malformed": ("{this is not json", "not valid JSON"),
        "newer": (
            json.dumps({**json.loads(raw), "schema_version": SCHEMA_VERSION + 5}),
            "newer",
        ),
        "no-version": (json.dumps({"turns": []}), "schema_version"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(TranscriptError, match=message):
            Interview.resume(path, store=shared_store())
        assert path.read_text(encoding="utf-8") == content  # nothing overwritten
    # the good file still resumes and continues
    again = Interview.resume(iv.save_path, store=shared_store(), clock=SimulatedClock())
    assert len(again.transcript.turns) == len(iv.transcript.turns)
    assert again.respond("How rare is fraud?")


def test_resume_of_an_unknown_problem(tmp_path):
    iv = _started(tmp_path)
    data = json.loads(iv.save_path.read_text(encoding="utf-8"))
    data["problem_id"] = "retired-problem"
    path = tmp_path / "retired.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match="unknown problem id 'retired-problem'"):
        Interview.resume(path, store=shared_store())


def test_unreachable_store_the_interview_goes_on_ungrounded(_isolated_data_dir):
    import socket

    from agent.settings import Settings

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(data_dir=_isolated_data_dir, chroma_host="127.0.0.1", chroma_port=port)
    iv = Interview("fraud-detection", settings=settings, clock=SimulatedClock(), seed=1)
    iv.start()
    answers = [
        "I would use gradient boosted trees with velocity features.",
        "I would also add a neural network later.",
    ]
    for text in answers:
        assert iv.respond(text)
    grounded = [t for t in iv.transcript.turns[1:] if t.role == "interviewer" and t.fallback]
    assert grounded, "turns that wanted guidance say why they had none"
    assert "no guidance" in grounded[0].fallback and str(port) in grounded[0].fallback
    assert all(t.retrieved == [] for t in grounded)
    assert "100 ms" in iv.respond("What is the latency budget?")  # facts need no store
    assert load_transcript(iv.save_path).candidate_texts()[:2] == answers


def _server_gone(context):
    raise ConnectionError("the model server went away")


def _reader_bug(text, context):
    raise RuntimeError("reader bug")


def test_a_failing_model_voice_is_answered_offline_and_says_so(tmp_path):
    iv = new_interview(
        backend=function_backend(speak=_server_gone, name="flaky"), save_path=tmp_path / "f.json"
    )
    iv.start()
    reply = iv.respond("What is the latency budget?")
    assert "100 ms" in reply
    turn = iv.transcript.turns[-1]
    assert turn.backend == "offline" and "voice failed" in turn.fallback
    assert "server went away" in turn.fallback
    assert load_transcript(iv.save_path).turns[-1] == turn


def test_a_failing_reader_is_read_offline_or_at_least_keeps_the_words(tmp_path):
    iv = new_interview(
        backend=function_backend(read=_reader_bug, name="flaky"), save_path=tmp_path / "r.json"
    )
    iv.start()
    assert "100 ms" in iv.respond("What is the latency budget?")
    cand = iv.transcript.turns[-2]
    assert cand.kind == "clarifying_question" and "reader failed" in cand.fallback

    broken = new_interview(
        backend=function_backend(read=_reader_bug, falls_back=False),
        save_path=tmp_path / "b.json",
    )
    broken.start()
    with pytest.raises(RuntimeError, match="reader bug"):
        broken.respond("my precious design notes")
    kept = load_transcript(broken.save_path).turns[-1]
    assert kept.role == "candidate" and kept.text == "my precious design notes"
    assert "not read" in kept.fallback
