"""A content file's regular expressions are checked when its text is first loaded in an
install, and compiled only where used after that: a bad pattern is still a ContentError the
first time that text is loaded, never a crash mid-interview."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.files import ContentError
from agent.read import lexicon as lexicon_module
from agent.read.lexicon import load_lexicon
from agent.settings import get_settings


def _shipped_lexicon() -> str:
    return (get_settings().prompts_dir / "reader_lexicon.yaml").read_text(encoding="utf-8")


def test_a_text_checked_once_is_not_compiled_again_only_to_check_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reader_lexicon.yaml"
    path.write_text(_shipped_lexicon(), encoding="utf-8")
    checks: list[int] = []
    real = lexicon_module._check_regexes

    def counted(v: list[str]) -> list[str]:
        checks.append(len(v))
        return real(v)

    monkeypatch.setattr(lexicon_module, "_check_regexes", counted)
    first = load_lexicon(path)
    assert checks, "the first load of a text checks its patterns"
    checks.clear()
    second = load_lexicon(path)
    assert checks == []
    assert second == first  # the same lexicon, with or without the check
    text = "Can we wrap up here? I think I am done."
    assert second.end_request_re.search(text) is not None


def test_a_pattern_broken_after_a_good_text_was_checked_is_still_a_content_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reader_lexicon.yaml"
    good = _shipped_lexicon()
    path.write_text(good, encoding="utf-8")
    load_lexicon(path)
    broken = good.replace("end_request:\n", "end_request:\n  - '(unclosed'\n", 1)
    assert broken != good
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError, match=r"reader_lexicon\.yaml.*end_request"):
        load_lexicon(path)
    with pytest.raises(ContentError):  # and again: a failed text is never marked
        load_lexicon(path)


def test_without_a_writable_data_folder_every_load_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("MLSD_DATA_DIR", str(blocked))
    get_settings.cache_clear()
    path = tmp_path / "reader_lexicon.yaml"
    path.write_text(_shipped_lexicon(), encoding="utf-8")
    checks: list[int] = []
    real = lexicon_module._check_regexes
    monkeypatch.setattr(lexicon_module, "_check_regexes", lambda v: checks.append(1) or real(v))
    load_lexicon(path)
    n = len(checks)
    load_lexicon(path)
    assert n > 0 and len(checks) == 2 * n


# Texts for the cue screen, with the letters whose case rules differ outside ASCII: the
# screen must leave every match to the pattern there.
_TEXTS = [
    "I would use a two-tower model with XGBoost on top.",
    "TWO TOWER retrieval, then a GBDT ranker",
    "We could try a two\u2011tower setup",  # a non-breaking hyphen
    "Gradient-boosted trees, not a deep net.",
    "I wouldn't use logistic regression here",
    "How many tranſactions per ſecond?",
    "What is the \u212aPI we optimise?",
    "İs the latency budget strict?",
    "What labels do we have, and how fast do chargebacks arrive?",
    "",
]


def test_the_cue_screen_never_drops_a_match() -> None:
    from agent.understanding.cue_screen import cue_anchors, may_match
    from agent.understanding.sentences import compile_cues

    groups = [
        ("two-tower", "xgboost"),
        ("gradient boosted trees", "gbdt"),
        ("transactions per second", "qps"),
        ("kpi", "business goal"),
        ("is", "latency"),
        ("  ", "-"),
        (),
    ]
    for cues in groups:
        anchors = cue_anchors(cues)
        for ignore_case in (True, False):
            pattern = compile_cues(cues, ignore_case=ignore_case)
            for text in [*_TEXTS, *(t.lower() for t in _TEXTS)]:
                if pattern.search(text):
                    assert may_match(anchors, text, ignore_case), (cues, text)
    assert not may_match(cue_anchors(("two-tower",)), "a single tower")
    assert not may_match(cue_anchors(()), "anything at all")


def test_techniques_named_with_the_screen_are_those_every_pattern_finds() -> None:
    from agent.content.follow_ups import first_use, load_follow_ups

    follow_ups = load_follow_ups(get_settings().knowledge_dir)
    for text in _TEXTS:
        everywhere = sorted(
            [
                (at, t.id)
                for t in follow_ups.techniques
                if (at := first_use(t.pattern, text)) is not None
            ],
            key=lambda found: found[0],
        )
        assert [t.id for t in follow_ups.named_in(text)] == [i for _, i in everywhere]
