"""What a candidate typed, made safe to read and to record.

Two views of one message:
- the record keeps what was typed (only lone surrogates, which cannot be stored as UTF-8,
  are replaced), capped at MAX_RECORDED_CHARS with a visible note;
- the reading text drops control and invisible formatting characters (zero-width spaces,
  direction marks, NUL...), normalises compatibility forms and whitespace, and is capped at
  MAX_READ_CHARS so a pasted essay cannot slow a turn down.
"""

from __future__ import annotations

import re
import unicodedata

MAX_RECORDED_CHARS = 20_000
MAX_READ_CHARS = 4_000

_KEEP_CONTROLS = {"\n", "\t"}
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _storable(text: object) -> str:
    if text is None:  # a front end that sends "nothing" sends silence
        return ""
    return _SURROGATES.sub("\ufffd", text if isinstance(text, str) else str(text))


def for_record(text: str) -> str:
    """The text as typed, storable as JSON/UTF-8, with a note if it had to be cut."""
    text = _storable(text)
    if len(text) <= MAX_RECORDED_CHARS:
        return text
    dropped = len(text) - MAX_RECORDED_CHARS
    return (
        text[:MAX_RECORDED_CHARS]
        + f"\n[message cut: {dropped:,} more characters were not recorded]"
    )


def for_reading(text: str) -> str:
    """The text a reader analyses: visible characters only, tidy whitespace, capped."""
    text = _storable(text).replace("\r\n", "\n")
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        if ch in _KEEP_CONTROLS:
            kept.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            # carriage returns and other separators still separate words
            if ch in "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85":
                kept.append("\n" if ch in "\r\x85" else " ")
            continue
        if category in ("Zl", "Zp"):
            kept.append("\n")
            continue
        kept.append(ch)
    cleaned = _SPACES.sub(" ", "".join(kept))
    cleaned = "\n".join(line.strip() for line in cleaned.split("\n"))
    cleaned = _BLANK_LINES.sub("\n\n", cleaned).strip()
    if len(cleaned) > MAX_READ_CHARS:
        cut = cleaned[:MAX_READ_CHARS]
        space = cut.rfind(" ")
        cleaned = cut[:space] if space > MAX_READ_CHARS // 2 else cut
    return cleaned
