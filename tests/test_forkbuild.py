"""MkDocs' pages made in forked processes (``forkbuild``): the same site, byte for byte, the same warnings."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort

from generator import forkbuild
from generator.build import site_config
from generator.builddate import reproducible_date
from generator.cli import main
from sitefixtures import make_site_project
from test_atomic_build import tree

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture project with docs/ generated, plus a page whose links are broken."""
    root = make_site_project(tmp_path_factory.mktemp("forkbuild"))
    assert main(["--root", str(root), "generate"]) == 0
    (root / "docs" / "broken.md").write_text(
        "# 断链\n\n[无此页](missing.md) · [无此锚点](about.md#no-such-anchor) · [本页](#nowhere)\n",
        encoding="utf-8")
    return root


def built(root: Path, processes: int, site: str, strict: bool = False) -> Path:
    config = site_config(str(root), strict=strict, site_dir=str(root / site), site_url="https://example.org/")
    with reproducible_date(str(root)), forkbuild.pages_made_in(processes):
        build(config)
    return root / site


def test_pages_made_in_many_processes_make_the_site_mkdocs_makes_alone(project, tmp_path, monkeypatch):
    makers = tmp_path / "makers"
    original = forkbuild._original_build

    def recorded(page, *args, **kwargs):
        with open(makers, "a") as file:
            file.write(f"{os.getpid()}\n")
        original(page, *args, **kwargs)

    alone = tree(built(project, 1, "site-alone"))
    monkeypatch.setattr(forkbuild, "PAGES_PER_BATCH", 7)  # many batches, each dealt every n-th page
    monkeypatch.setattr(forkbuild, "_original_build", recorded)
    forked = tree(built(project, 2, "site-forked"))

    assert forked == alone  # every file, search index and sitemap included
    pids = makers.read_text().split()
    pages = sum(1 for name in alone if name.endswith(".html")) - 1  # all but 404.html
    assert len(pids) == pages and str(os.getpid()) not in pids
    assert len(set(pids)) == -(-pages // 7 // 2) * 2  # one child per batch


def test_warnings_from_the_children_are_logged_here_in_order_and_count_in_strict_mode(project, caplog, monkeypatch):
    original = forkbuild._original_build

    def warning_when_rendered(page, *args, **kwargs):  # as a theme or plugin might, while a page is rendered
        if page.file.src_uri == "broken.md":
            logging.getLogger("mkdocs.theme").warning("rendered broken.md")
        original(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", warning_when_rendered)  # MkDocs alone
    monkeypatch.setattr(forkbuild, "_original_build", warning_when_rendered)  # in the children
    logs = []
    for processes in (1, 2):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort, match="4 warnings"):
            built(project, processes, f"site-strict-{processes}", strict=True)
        logs.append([(record.name, record.levelname, record.getMessage()) for record in caplog.records
                     if record.levelno >= logging.WARNING])
    assert logs[0] == logs[1]
    messages = [message for _, _, message in logs[0]]
    assert "'missing.md'" in messages[0]  # while the page was read
    assert messages[1] == "rendered broken.md"
    assert "#nowhere" in messages[2] and "#no-such-anchor" in messages[3]  # anchors validated here, at the end


def test_only_plugins_known_to_survive_it_let_pages_be_made_in_processes(project, monkeypatch):
    monkeypatch.setattr(forkbuild, "processes_for", lambda pages, per_process: 2)
    config = site_config(str(project))
    assert forkbuild.processes(config, 10_000) == 2
    config.plugins["another"] = object()
    assert forkbuild.processes(config, 10_000) == 1


def test_plansite_build_of_a_large_site_makes_its_pages_in_processes(tmp_path, monkeypatch, capsys):
    root = make_site_project(tmp_path / "project")
    assert main(["--root", str(root), "build"]) == 0  # a small site: MkDocs alone
    alone = tree(root / "site")
    asked = []
    monkeypatch.setattr(forkbuild, "processes", lambda config, pages: asked.append(pages) or 2)
    made_in = forkbuild.pages_made_in
    monkeypatch.setattr(forkbuild, "pages_made_in", lambda processes: asked.append(processes) or made_in(processes))
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    assert "(pages made in 2 processes)" in capsys.readouterr().err
    assert asked == [sum(1 for name in tree(root / "docs") if name.endswith(".md")), 2]
    assert tree(root / "site") == alone
