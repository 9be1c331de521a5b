"""Whether a message says the candidate is stuck, and which of its sentences ask for help.

The kind head reads each sentence alone: a sentence that reads as a hint request is one that
asks for help. An answer ending in such a sentence ("... and I can't see how to pick the
cut-off.") is read as a request for a hint about what the message was on; the sentences of a
hint request that ask for help are what the candidate is stuck on (the others state what they
did). Used by the offline reader (agent/read/offline.py).
"""

from __future__ import annotations

from agent.read.lexicon import ReaderLexicon
from agent.read.questions import asks
from agent.read.reading import MessageKind
from agent.understanding import Understanding
from agent.understanding.findings import MessageFindings
from agent.understanding.sentences import normalise

# An answer whose last sentence, read alone, asks for help at least this surely ends by
# saying the candidate is stuck ("... and I can't see how to pick the cut-off."):
# it is read as a request for a hint about what the message was on (chosen on a handful of
# sentences written while fixing hints, a dev figure: stuck endings read 0.84-1.0, "not sure
# it matters, so I'd go with MAE" 0.02, a guessed figure followed by a doubt about it 0.53)
SURE_STUCK = 0.8
# how many of a message's last sentences are read alone for a stuck one (a candidate stuck
# mid-answer says so near its end; reading every sentence of a long answer alone is slow)
STUCK_SENTENCES = 6
# A sentence of a hint request that reads as asking for help at least this surely is part of
# what the candidate is stuck on (the others state what they did). Doubts that name their
# subject read lower than bare ones (a doubt naming a ranking metric read 0.26, a
# bare "not sure by how much" 0.95, statements 0.0-0.03 on the hint requests of
# the judged batches, a dev figure), so the bar sits well under one half.
ASKS_HELP = 0.2


class StuckReader:
    """Reads help requests sentence by sentence with the understanding layer's kind head."""

    def __init__(self, lexicon: ReaderLexicon, understanding: Understanding) -> None:
        self.lexicon = lexicon
        self.understanding = understanding

    def ends_stuck(self, found: MessageFindings) -> bool:
        """The message's last sentence, read alone, asks for help (see SURE_STUCK), or the
        candidate thinks aloud while stuck: one of its last STUCK_SENTENCES sentences asks
        for help that surely, and it asks something, each question only voicing their own
        guess ("I'm not sure what to alert on. Maybe the refund rate?"): nothing in it is
        put to the interviewer."""
        sentences = found.sentences
        if len(sentences) < 2:
            return False
        if self.help_score(sentences[-1].text) >= SURE_STUCK:
            return True
        guesses = self.lexicon.own_guess_re
        asked = [s for s in sentences if asks(s)]
        if not asked or not all(guesses.search(normalise(s.text)) for s in asked):
            return False  # a doubt in a long answer that asks nothing is not thinking aloud
        return any(self.help_score(s.text) >= SURE_STUCK for s in sentences[-STUCK_SENTENCES:-1])

    def help_score(self, sentence: str) -> float:
        found = self.understanding.message(sentence)
        return found.kind_scores.get(MessageKind.HINT_REQUEST.value, 0.0)

    def asking_for_help(self, sentences: list[str]) -> list[str]:
        """The sentences that, read alone, ask for help more than anything else (all of them
        when none does, or there is only one)."""
        if len(sentences) < 2:
            return sentences
        asking = [s for s in sentences if self.help_score(s) >= ASKS_HELP]
        return asking or sentences
