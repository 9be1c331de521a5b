"""Markdown output renders candidate text as text: no raw HTML, headings, links or images.

Reports are rendered by a real CommonMark parser (markdown-it-py, with GFM tables) and the
resulting tokens are checked: the only markup is what the report templates write.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from agent.cli import main
from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.grading.markdown_text import block, inline
from agent.grading.recap import DimensionScore, Recap, Recommendation
from agent.record.transcript import Transcript, Turn
from ui.components.exports import interview_name, recap_markdown

HOSTILE = [
    "<img src=http://evil.example/p.png onerror=alert(1)>",
    "<script>alert('x')</script> & &lt;b&gt;",
    "# Injected heading",
    "[click here](http://evil.example/phish)",
    "![tracker](https://evil.example/t.png)",
    "<http://evil.example/auto>",
    "visit www.evil.example or http://evil.example/bare, mail me@evil.example",
    "- fake list item",
    "1. fake ordered item",
    "> fake quote | with a pipe",
    "**bold** _em_ `code` ~~gone~~ $x^2$ :red[colour]",
]

_TEMPLATE_HEADINGS = {"Interview recap", "Answer evaluation", "Summary", "Items"}


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        out += _walk(t.children or [])
    return out


def _text_of(tokens: list[Token]) -> str:
    """The words a reader sees: inline text joined as rendered, blocks one per line."""
    lines = []
    for t in tokens:
        if t.type == "inline":
            parts = [
                " " if c.type in ("softbreak", "hardbreak") else c.content
                for c in t.children or []
                if c.type in ("text", "code_inline", "softbreak", "hardbreak")
            ]
            lines.append("".join(parts))
    return "\n".join(lines)


def assert_only_template_markup(md: str, item_headings: set[str]) -> None:
    parser = _parser()
    top = parser.parse(md)
    tokens = _walk(top)
    kinds = {t.type for t in tokens}
    assert not kinds & {"link_open", "image", "html_block", "code_block", "fence", "s_open"}
    assert not kinds & {"em_open", "blockquote_open", "ordered_list_open"}
    code = {t.content for t in tokens if t.type == "code_inline"}
    assert code <= {load_content().rubric.hash}, code  # the template's rubric hash only
    raw_html = {t.content for t in tokens if t.type == "html_inline"}
    assert raw_html <= {"<br>"}, raw_html  # the table's line breaks, written by the template
    strong = re.findall(r"<strong>(.*?)</strong>", parser.render(md))
    assert set(strong) <= {"Not graded"}, strong
    headings = [_text_of([top[i + 1]]) for i, t in enumerate(top) if t.type == "heading_open"]
    assert set(headings) <= _TEMPLATE_HEADINGS | item_headings, headings
    nested = [t for t in tokens if t.type == "bullet_list_open" and t.level > 0]
    assert not nested, "a list item opened a list of its own"
    assert not re.search(r"https?://|(?<![\w.])www\.|[\w.]@\w", md), "literal autolink"


def test_inline_and_block_render_back_to_the_exact_words() -> None:
    md = _parser()
    for text in HOSTILE:
        tokens = _walk(md.parse(inline(text)))
        assert [t.type for t in tokens if t.type.endswith("_open")] == ["paragraph_open"]
        assert _text_of(tokens) == " ".join(text.split())
    tokens = _walk(md.parse(block("\n".join(HOSTILE))))
    assert [t.type for t in tokens if t.type.endswith("_open")] == ["paragraph_open"]
    assert sum(t.type == "hardbreak" for t in tokens) == len(HOSTILE) - 1


def _recap() -> Recap:
    rubric = load_content().rubric
    dims = [
        DimensionScore(id=d.id, title=d.title, score=2, evidence=HOSTILE[:4], missed=HOSTILE[4:6])
        for d in rubric.dimensions
    ]
    return Recap(
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        grader="offline",
        model="[m](http://evil.example/model)",
        dimensions=dims,
        overall=2.0,
        recommendation=Recommendation.LEAN_NO_HIRE,
        summary=" ".join(HOSTILE),
        strengths=HOSTILE[4:8],
        next_steps=HOSTILE[8:],
    )


def test_recap_download_escapes_candidate_text_and_problem_id() -> None:
    rubric = load_content().rubric
    transcript = Transcript(
        problem_id="<img src=x onerror=alert(1)> # [x](http://evil.example)",
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        turns=[Turn(role="candidate", text=" ".join(HOSTILE), phase=Phase.DATA)],
        recap=_recap(),
    )
    md = recap_markdown(transcript)
    assert_only_template_markup(md, {interview_name(transcript)})
    rendered = _text_of(_walk(_parser().parse(md)))
    for text in HOSTILE[:8]:
        assert " ".join(text.split()) in rendered  # every quote still reads as typed


def test_evaluate_markdown_escapes_answers_and_the_problem_field(tmp_path: Path) -> None:
    hostile_problem = tmp_path / "a.md"
    hostile_problem.write_text(
        '---\nproblem: "<img src=x onerror=alert(1)> # [x](http://evil.example)"\n---\n'
        "Labels come from chargebacks, which arrive weeks later.\n",
        encoding="utf-8",
    )
    answer = tmp_path / "b.md"
    answer.write_text(
        "---\nproblem: fraud-detection\n---\n# Injected heading\n"
        "I would split the data by time <img src=http://evil.example/x.png> so training never "
        "sees the future, and measure precision at the review budget "
        "[click](http://evil.example) because fraud is rare.\n",
        encoding="utf-8",
    )
    out_file = tmp_path / "report.md"
    code = main(
        ["evaluate", str(hostile_problem), str(answer), "--format", "md", "--out", str(out_file)]
    )
    assert code == 1  # the unknown problem is an unusable input; the other file is graded
    md = out_file.read_text(encoding="utf-8")
    assert_only_template_markup(md, {str(hostile_problem), str(answer)})
    rendered = _text_of(_walk(_parser().parse(md)))
    assert "<img src=x onerror=alert(1)> # [x](http://evil.example)" in rendered
    assert "<img src=http://evil.example/x.png>" in rendered  # quoted as evidence, as text
