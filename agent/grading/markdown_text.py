"""Text we did not write, made safe to put into Markdown: it renders as the words typed.

Candidate answers, quotes, file names and the `problem:` front-matter field end up in
Markdown reports, recap downloads and the UI's chat. Put there raw, `<img src=...>`,
`# heading`, `[link](...)` or `![image](...)` in an answer would render as markup (and make a
viewer fetch a URL). Every character CommonMark, GitHub-flavoured Markdown or Streamlit
gives a meaning to is backslash-escaped, so a renderer shows it literally; characters with
no meaning (letters, digits, commas, quotes, ...) are left alone so the source stays readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Meaningful anywhere in a line: escapes, code, emphasis, links and images, raw HTML and
# autolinks, entities, strikethrough, table cells, maths ($), headings and Streamlit's
# :color[...] directives.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&~|$#{}])")
# Literal autolinks (GFM): `scheme://`, `www.` and e-mail addresses. Parsers that link them
# while parsing (cmark-gfm, GitHub) honour these escapes; renderers that link bare URLs after
# parsing (remark-gfm, Streamlit) still do, but such a link's text is the URL itself.
_SCHEME = re.compile(r":(?=//)")
_WWW = re.compile(r"(?i)(?<![\w.])(www)\.")
_AT = re.compile(r"@")
# Meaningful only where a block starts: list items, setext underlines, ordered lists.
_LEADING = re.compile(r"^([-+=])|^(\d+)([.)])")


def inline(text: object) -> str:
    """One line of literal text: whitespace collapsed, every markup character escaped."""
    return _escape_line(" ".join(str(text).split()))


def block(text: object) -> str:
    """Literal text that keeps its lines and paragraphs (lines joined by hard breaks)."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return "\n\n".join(
        "  \n".join(inline(line) for line in p.splitlines() if line.strip())
        for p in paragraphs
        if p.strip()
    )


def fragments(pieces: Iterable[str]) -> Iterator[str]:
    """Escape streamed text piece by piece, keeping its spacing (for a streamed reply)."""
    for piece in pieces:
        yield _ANYWHERE.sub(r"\\\1", piece)


def _escape_line(line: str) -> str:
    line = _ANYWHERE.sub(r"\\\1", line)
    line = _SCHEME.sub(r"\\:", line)
    line = _WWW.sub(r"\1\\.", line)
    line = _AT.sub(r"\\@", line)
    return _LEADING.sub(_leading, line)


def _leading(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"
