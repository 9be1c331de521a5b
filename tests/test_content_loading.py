"""Content is parsed once and reused, yet a changed or newly dropped-in file is picked up."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agent.content.bundle import load_content
from agent.content.files import ContentError
from agent.settings import get_settings


def test_repeated_calls_reuse_the_parsed_content() -> None:
    assert load_content().problems is load_content().problems
    assert load_content().rubric is load_content().rubric
    assert load_content().plan is load_content().plan


def test_a_card_dropped_in_is_picked_up_and_a_broken_one_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "cards"
    user.mkdir()
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(user))
    get_settings.cache_clear()
    before = load_content().problems
    assert "my-problem" not in before.cards

    bundled = get_settings().knowledge_dir / "problems" / "fraud-detection.yaml"
    card = yaml.safe_load(bundled.read_text())
    card["id"], card["title"] = "my-problem", "My own problem"
    path = user / "my-problem.yaml"
    path.write_text("id: my-problem\nfacts: [unclosed\n")
    with pytest.raises(ContentError, match=r"my-problem\.yaml"):
        load_content()
    with pytest.raises(ContentError, match=r"my-problem\.yaml"):  # still broken, still said
        load_content()

    path.write_text(yaml.safe_dump(card))
    after = load_content().problems
    assert after.get("my-problem").title == "My own problem"
    assert load_content().problems is after


def test_an_interview_on_a_card_dropped_in_while_running_survives_a_reload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UI's flow: content is already loaded, a card is added, an interview starts on it,
    and the tab is reloaded (the interview is resumed from its file)."""
    from agent.interview import Interview

    user = tmp_path / "cards"
    user.mkdir()
    monkeypatch.setenv("MLSD_USER_PROBLEMS_DIR", str(user))
    get_settings.cache_clear()
    Interview("fraud-detection", seed=1, save_path=tmp_path / "warm.json")  # content warm

    bundled = get_settings().knowledge_dir / "problems" / "fraud-detection.yaml"
    card = yaml.safe_load(bundled.read_text())
    card["id"], card["title"] = "late-card", "A card added while the app runs"
    (user / "late-card.yaml").write_text(yaml.safe_dump(card))

    path = tmp_path / "late.json"
    interview = Interview("late-card", seed=2, save_path=path)
    interview.start()
    interview.respond("Who are the users of this system?")
    resumed = Interview.resume(path)
    assert resumed.card.title == "A card added while the app runs"
    assert len(resumed.transcript.turns) == len(interview.transcript.turns)
    assert "late-card" in load_content().problems.cards  # the random pool sees it too


def test_within_one_pass_a_file_is_stated_once_and_after_it_changes_are_seen(
    tmp_path: Path,
) -> None:
    from agent.content.files import load_cached, one_pass

    path = tmp_path / "note.yaml"
    path.write_text("a: 1\n")
    reads: list[str] = []

    def loader(p: Path) -> str:
        reads.append(p.read_text())
        return reads[-1]

    with one_pass():
        assert load_cached(loader, path) == "a: 1\n"
        path.write_text("a: 22\n")  # a different size: a different stamp
        assert load_cached(loader, path) == "a: 1\n"  # one grade reads one version
    assert load_cached(loader, path) == "a: 22\n"
    assert reads == ["a: 1\n", "a: 22\n"]


def test_a_content_file_read_again_in_a_new_process_gives_the_same_data(tmp_path: Path) -> None:
    """Parsed files are kept (as JSON, by their text) for the next process: every shipped
    content file reads back exactly as the YAML parser reads it (numbers as keys too, as in
    the rubric's levels), and a file whose data JSON cannot hold (a date) is parsed every
    time, also unchanged."""
    from agent.content.files import load_yaml

    folders = (get_settings().knowledge_dir, get_settings().prompts_dir)
    shipped = sorted(p for folder in folders for p in folder.rglob("*.yaml"))
    odd = tmp_path / "odd.yaml"
    odd.write_text("1: one\nwhen: 2026-11-29\nratio: 0.5\n")
    for path in [*shipped, odd]:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert load_yaml(path) == parsed  # parsed, then kept
        assert load_yaml(path) == parsed  # read back
    kept = get_settings().data_dir / "cache" / "content"
    assert 0 < len(list(kept.glob("*.json"))) <= len(shipped)

    odd.write_text("ratio: [unclosed\n")  # a file broken after a good version was kept
    with pytest.raises(ContentError, match=r"odd\.yaml"):
        load_yaml(odd)


def test_a_process_whose_files_all_have_parsed_copies_does_not_import_the_yaml_parser(
    tmp_path: Path,
) -> None:
    """The parsed copies are keyed by the parser's version and loader, found without
    importing PyYAML, and named as PyYAML itself names them, so copies kept by a process that
    imported it are found by one that did not, which then never imports it."""
    import os
    import subprocess
    import sys

    from agent.content.files import _parser, safe_loader

    assert _parser() == f"{yaml.__version__}\x1e{safe_loader().__name__}"
    code = (
        "import sys\n"
        "from agent.content.bundle import load_content\n"
        "load_content()\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "MLSD_DATA_DIR": str(tmp_path)}
    root = Path(__file__).resolve().parent.parent
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], [r.stderr[-500:] for r in runs]
    assert [r.stdout.split()[-1] for r in runs] == ["True", "False"]
