"""The benchmark: synthetic projects resampled from the curated plans, and ``make bench`` at its smallest size."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.bench import live, measure, pagefindrun
from generator.bench.__main__ import edit_figures
from generator.bench.live import edit_to_browser
from generator.bench.synth import PER_YEAR, YEARS, read_seeds, synthesise
from generator.bench.table import ROWS, seconds
from generator.corpus import build_corpus
from generator.diagnostics import has_errors
from generator.load import load_site
from generator.numbering import number_value
from browserfixtures import browser  # noqa: F401  (module fixture)
from sitefixtures import REPO


def outline(sections) -> list:
    """Section numbers and titles and the number of items under each, nested: a plan's shape."""
    return [(s.number, s.title, len(s.items), outline(s.sections)) for s in sections]


def test_a_synthetic_project_is_valid_and_shaped_like_the_curated_plans(tmp_path):
    seeds = read_seeds(str(REPO))
    curated, _ = load_site(str(REPO))
    items = synthesise(seeds, str(tmp_path), 23)
    site, diagnostics = load_site(str(tmp_path))
    assert not has_errors(diagnostics), [str(d) for d in diagnostics if d.severity == "error"]
    corpus = build_corpus(site)
    assert len(site.plans) == 23 and len(corpus.entries) == items
    shapes = [outline(p.plan.sections) for p in curated.plans]
    assert all(outline(p.plan.sections) in shapes for p in site.plans)
    curated_texts = {e.item.text for e in build_corpus(curated).entries}
    assert {e.item.text for e in corpus.entries} <= curated_texts
    assert sum(bool(e.owners) for e in corpus.entries) > 0  # owners resolve in every organisation
    by_organisation = {}
    for plan in corpus.plans:
        by_organisation.setdefault(plan.organisation, []).append(plan.year)
    assert len(by_organisation) == math.ceil(23 / (len(YEARS) * PER_YEAR))
    assert all(set(years) <= set(YEARS) and max(map(years.count, years)) == PER_YEAR
               for years in by_organisation.values())
    assert all(number_value(e.item.number) is not None for e in corpus.entries)


def files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_the_same_size_and_seed_give_the_same_project(tmp_path):
    seeds = read_seeds(str(REPO))
    synthesise(seeds, str(tmp_path / "a"), 12)
    synthesise(seeds, str(tmp_path / "b"), 12)
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert len(a) > 12 and a == b


@pytest.mark.site
def test_the_benchmark_prints_every_figure(tmp_path):
    """Every figure of the size table has a value; the example site's and the targets' tables follow.
    (The edit → browser loop of ``plansite serve`` is left out here: test_serve covers the loop.)"""
    result = subprocess.run([sys.executable, "-m", "generator.bench", "--sizes", "10", "--no-browser",
                             "--keep", str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    size_table, example, targets = result.stdout.split("\n\n")
    assert size_table.splitlines()[0].split() == ["10", "plans"]
    for label, _ in ROWS:
        [line] = [line for line in size_table.splitlines() if line.startswith(label + " ")]
        expected = "–" if "Pagefind" in label else r"[\d.,]+"  # the site searches with Material's search
        assert re.fullmatch(expected, line[len(label):].strip()), line
    assert re.search(r"^no-op plansite generate, files written +0 +0$", example, re.M)
    assert re.search(r"^search index / UTF-8 text it indexes, worst size +[\d.]+ +≤ 1\.1$", targets, re.M)


def test_the_import_benchmark_prints_a_row_per_length():
    """``make bench-import``: the seed texts repeated to each length, imported whole, items and targets found."""
    result = subprocess.run([sys.executable, "-m", "generator.bench.importscale", "--lines", "200,400"], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["lines", "items", "targets", "import", "(s)", "ms", "per", "line"]
    assert [row.split()[0] for row in rows] == ["200", "400"]
    assert all(int(row.split()[1]) > 0 and int(row.split()[2].replace(",", "")) > 0 for row in rows), rows


@pytest.mark.browser
def test_the_edit_loop_is_timed_until_the_page_and_then_every_page_show_the_edit(tmp_path):
    """``--live-at``'s loop on a synthetic project: the edit is shown in the plan page, then in its data file."""
    synthesise(read_seeds(str(REPO)), str(tmp_path), 10)
    [edit] = edit_to_browser(str(tmp_path), rounds=1)
    assert 0 < edit.shown <= edit.complete < live.TIMEOUT
    figures = edit_figures([edit])
    assert list(figures.values()) == [f"{seconds(edit.shown)} / {seconds(edit.shown)}",
                                      f"{seconds(edit.complete)} / {seconds(edit.complete)}"]


FORKING_PROGRAM = """
import os, sys, time
held = b"p" * (200 << 20)                 # the parent's own memory
if os.fork() == 0:
    more = b"c" * (150 << 20)             # the child's, not the parent's: ru_maxrss misses it
    time.sleep(2)
    os._exit(0)
os.wait()
"""


def test_the_peak_memory_counts_the_processes_a_command_forks():
    run = measure.run([sys.executable, "-c", FORKING_PROGRAM])
    assert run.code == 0
    assert run.peak_bytes > (200 + 150) * 2**20


@pytest.mark.site
@pytest.mark.browser
def test_pagefind_figures_of_a_project_built_with_materials_search(tmp_path, browser):
    """``--pagefind`` on a project the benchmark built with Material's search: the project is built again
    with Pagefind as its search and the known queries are timed in chromium through the search page's scripts."""
    project = tmp_path / "project"
    synthesise(read_seeds(str(REPO)), str(project), 10)
    measure.plansite(str(project), "build")
    rows = pagefindrun.figures(str(REPO), str(project), browser)
    build_seconds, index_seconds = rows.pop("Pagefind as the search: plansite build, wall (s); of it indexing (s)")\
        .split("; ")
    assert 0 < float(index_seconds) < float(build_seconds)
    assert re.fullmatch(r"[\d.]+, [\d,]+, 1", rows.pop("Pagefind bundle (MB, files, parts)"))
    assert re.fullmatch(r"\d+ of \d+( \(.*\))?", rows.pop("Pagefind: known queries without a result"))
    assert int(rows.pop("Pagefind first query, cold (ms)")) > 0
    assert re.fullmatch(r"\d+ / \d+", rows.pop("Pagefind query, warm median / max (ms)")) and rows == {}
