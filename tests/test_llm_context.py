"""Bounded conversation context: recent turns verbatim, older turns folded into a summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agent.backends.llm.context import ConversationWindow, extractive_summary
from agent.content.phases import Phase
from agent.record.transcript import Turn
from tests.support.llm_fakes import fake_client, reply, scripted, server_error

START = datetime(2026, 1, 1, tzinfo=UTC)


def turns(n: int, start: datetime = START) -> list[Turn]:
    out = []
    for i in range(n):
        role = "interviewer" if i % 2 == 0 else "candidate"
        text = f"Point {i}. More detail about point {i} that goes on for a while."
        out.append(Turn(role=role, text=text, phase=Phase.DATA, ts=start + timedelta(seconds=i)))
    return out


def test_recent_turns_are_verbatim_and_older_ones_summarised():
    chat = scripted(reply("Notes: the candidate covered points 1 and 3."))
    window = ConversationWindow(fake_client(chat), keep_last=4, fold_every=4)
    summary, recent = window.view(turns(8))
    assert summary == "Notes: the candidate covered points 1 and 3."
    assert [t.text for t in recent] == [t.text for t in turns(8)[4:]]
    sent = chat.calls[0]["messages"][1].content
    assert "Point 3." in sent and "Point 4." not in sent  # only the folded turns


def test_summary_is_refreshed_in_batches_not_every_turn():
    chat = scripted(*(reply(f"notes {i}") for i in range(4)))
    window = ConversationWindow(fake_client(chat), keep_last=4, fold_every=4)
    history = turns(20)
    calls, recent_sizes = [], []
    for n in range(8, 21):
        summary, recent = window.view(history[:n])
        calls.append(len(chat.calls))
        recent_sizes.append(len(recent))
    # a summariser call at 8, 12, 16 and 20 turns, none in between
    assert calls == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4]
    assert max(recent_sizes) <= 4 + 3  # never more than keep_last + fold_every - 1 verbatim
    assert summary == "notes 3"


def test_summariser_failure_falls_back_to_extractive_notes():
    chat = scripted(server_error(), server_error(), server_error())
    window = ConversationWindow(fake_client(chat), keep_last=4, fold_every=4)
    summary, _ = window.view(turns(8))
    assert summary == extractive_summary("", turns(8)[:4], window.summary_chars)
    assert "Candidate: Point 1." in summary and "Point 0" not in summary  # candidate turns only


def test_large_backlog_is_summarised_offline_in_one_go():
    chat = scripted()
    window = ConversationWindow(fake_client(chat), keep_last=4, fold_every=4)
    summary, recent = window.view(turns(40))  # e.g. a resumed interview
    assert chat.calls == [] and len(recent) == 4
    assert len(summary) <= window.summary_chars and "Point 35" in summary  # newest kept


def test_another_interview_starts_a_fresh_summary():
    chat = scripted(reply("notes about A"), reply("notes about B"))
    window = ConversationWindow(fake_client(chat), keep_last=4, fold_every=4)
    assert window.view(turns(8))[0] == "notes about A"
    other = turns(8, START + timedelta(days=1))
    assert window.view(other)[0] == "notes about B"
