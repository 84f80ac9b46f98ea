"""Progress on the terminal: stages with what they did and their time; nothing when not a terminal."""

from __future__ import annotations

import io

import pytest

from generator.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_each_stage_with_what_it_did():
    stream = Terminal()
    progress = Progress(stream)
    with progress.stage("render") as done:
        progress.count("pages", 3, 3)
        done("3 pages")
    lines = stream.getvalue().split("\r\033[K")
    assert lines[1:] == ["render …", "pages 3/3", f"render: 3 pages, {progress.seconds['render']:.1f}s\n"]


def test_elsewhere_nothing_is_printed_but_stages_are_timed():
    stream = io.StringIO()
    progress = Progress(stream)
    with progress.stage("load+validate"):
        progress.count("plans", 1, 1)
    assert stream.getvalue() == "" and progress.seconds["load+validate"] >= 0


def test_a_failed_stage_ends_its_line_and_is_not_timed():
    stream = Terminal()
    progress = Progress(stream)
    with pytest.raises(ValueError), progress.stage("mkdocs"):
        raise ValueError
    assert stream.getvalue().endswith("mkdocs: failed\n") and "mkdocs" not in progress.seconds
