"""One mock interview: read -> decide -> ground -> speak -> record, turn after turn.

    from agent import Interview
    iv = Interview("video-recommendation", seed=7)
    print(iv.start())
    print(iv.respond("Who are the users, and how many are there?"))
    recap = iv.finish()

- session.py: the interview as callers see it: start or resume, respond (streamed), finish
  with the recap; it runs each turn's five steps in order under one lock.
- steps.py: the five steps of a turn over one transcript, and what they save.

The transcript is saved after every turn (before the interviewer speaks, and again once it
has spoken), so a crash or a failing model loses at most the reply in flight. A save appends
what changed to a journal beside the snapshot file; the snapshot is rewritten at the first
save, when the journal has grown, and at finish (agent/record/autosave.py).
"""

from __future__ import annotations

from agent.interview.session import Interview, InterviewBusy, InterviewFinished

__all__ = ["Interview", "InterviewBusy", "InterviewFinished"]
