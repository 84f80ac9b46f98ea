"""A generation with nothing to do stops after checking its inputs; any change of an input, or of docs/,
makes it generate again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

import generator
from generator import build, uptodate
from generator.build import generate
from generator.builddate import build_day
from generator.cli import main
from generator.write import WriteResult
from gitrepos import commit, git, init, use_identity
from projects import PLAN, make_project, write
from sitefixtures import make_site_project
from test_write import snapshot

PLAN_FILE = "plans/2025/demo-edu-2025.yaml"
PLAN_PAGE = "docs/plans/demo-edu-2025.md"
UP_TO_DATE = "(up to date: nothing changed since the last generation)"


def generation(root, capsys, **options) -> tuple[WriteResult | None, bool]:
    """Generate ``root`` (``build.generate``'s ``options``): what was written, and whether the generation found
    docs/ up to date."""
    capsys.readouterr()
    result = generate(str(root), **options)
    return result, UP_TO_DATE in capsys.readouterr().err


@pytest.fixture
def project(tmp_path, capsys):
    """A generated one-plan project."""
    make_project(tmp_path)
    result, up_to_date = generation(tmp_path, capsys)
    assert result.written > 0 and not up_to_date
    return tmp_path


def test_nothing_to_do_touches_nothing_and_loads_nothing(project, capsys, monkeypatch):
    before = snapshot(project / "docs")
    first = WriteResult(0, len(before), ())
    monkeypatch.setattr(build, "prepare", lambda root: pytest.fail("loaded the plans"))
    assert generation(project, capsys) == (first, True)
    assert generation(project, capsys) == (first, True)
    assert snapshot(project / "docs") == before


def test_force_generates_anyway(project, capsys):
    capsys.readouterr()
    result = generate(str(project), force=True)
    assert result == WriteResult(0, len(snapshot(project / "docs")), ())
    assert UP_TO_DATE not in capsys.readouterr().err


def test_a_plans_source_file_put_in_place_is_seen(tmp_path, capsys):
    """The warning that a plan's source file is missing was said again after the file was put there: the
    file is outside plans/ and content/, which the inputs digest."""
    make_project(tmp_path, PLAN + "source: {file: sources/通知.txt}\n")
    capsys.readouterr()
    assert generate(str(tmp_path)) is not None
    assert "source file 'sources/通知.txt' not found" in capsys.readouterr().out
    assert generation(tmp_path, capsys)[1]  # nothing changed
    write(tmp_path, "sources/通知.txt", "通知全文\n")
    capsys.readouterr()
    assert generate(str(tmp_path)) is not None
    out, err = capsys.readouterr()
    assert UP_TO_DATE not in err and "not found" not in out
    assert generation(tmp_path, capsys)[1]


def test_an_edited_plan_is_generated(project, capsys):
    write(project, PLAN_FILE, PLAN.replace("扩大普惠资源", "改过的标题"))
    result, up_to_date = generation(project, capsys)
    assert not up_to_date and result.written > 0
    assert "改过的标题" in (project / PLAN_PAGE).read_text(encoding="utf-8")
    assert generation(project, capsys)[1]


def test_an_edited_vocabulary_is_generated(project, capsys):
    themes = project / "content" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("心理健康", "身心健康"), encoding="utf-8")
    result, up_to_date = generation(project, capsys)
    assert not up_to_date and result.written > 0


def test_hand_edited_or_deleted_docs_are_generated_again(project, capsys):
    page = project / PLAN_PAGE
    generated = page.read_bytes()
    page.write_text("手改\n", encoding="utf-8")
    assert generation(project, capsys) == (WriteResult(1, len(snapshot(project / "docs")) - 1, ()), False)
    assert page.read_bytes() == generated
    page.unlink()
    assert generation(project, capsys)[0].written == 1 and page.read_bytes() == generated
    (project / "docs" / "extra.md").write_text("# 多余\n", encoding="utf-8")
    removed = generation(project, capsys)[0]
    assert removed.removed == ("extra.md",) and str(removed).endswith(" 1 removed (extra.md)")  # it is named


def test_a_page_replaced_by_one_of_its_size_and_time_is_generated_again(project, capsys):
    """A file saved by renaming another over it keeps nothing of the old one but what a copy can: its inode
    differs."""
    page, replacement = project / PLAN_PAGE, project / "replacement"
    generated, info = page.read_bytes(), page.stat()
    replacement.write_bytes(b"x" * len(generated))
    os.utime(replacement, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(replacement, page)
    assert not generation(project, capsys)[1] and page.read_bytes() == generated


def test_compiled_python_is_no_input(tmp_path):
    write(tmp_path, "a.py", "A = 1\n")
    write(tmp_path, "__pycache__/a.cpython-311.pyc", "compiled\n")
    assert uptodate.files_below(str(tmp_path)) == [("a.py", str(tmp_path / "a.py"))]


def test_the_site_url_is_an_input_even_from_the_environment(project, capsys, monkeypatch):
    write(project, "mkdocs.yml", "site_name: 示例\nsite_url: !ENV [PLANSITE_TEST_URL, 'https://a.example/']\n")
    assert not generation(project, capsys)[1]
    assert generation(project, capsys)[1]
    monkeypatch.setenv("PLANSITE_TEST_URL", "https://b.example/plans/")
    result, up_to_date = generation(project, capsys)
    assert not up_to_date and result.written > 0
    assert "<id>tag:b.example,2025:plans/feeds/all.xml</id>" in (project / "docs/feeds/all.xml").read_text(
        encoding="utf-8")


def test_the_day_progress_is_shown_as_of_is_an_input(project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert not generation(project, capsys)[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")  # 2026-01-02
    assert not generation(project, capsys)[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767315600")  # the same day, an hour later
    assert generation(project, capsys)[1]


def test_the_time_zone_the_build_day_starts_in_is_an_input(project, capsys, monkeypatch):
    """datapackage.json says when the data was made, the build day's start in the local time zone
    (2026-01-02T00:00:00+00:01): a generation in another zone, the same day, found docs/ up to date and kept it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # (a day of it starts in UTC, whatever the zone)
    days, found_up_to_date = [], []
    try:
        for zone in ("UTC0", "AAA-0:01"):  # UTC, then a minute ahead of it: the same day but at midnight
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            days.append(build_day())
            found_up_to_date.append(generation(project, capsys)[1])
    finally:
        monkeypatch.undo()
        time.tzset()
    if days[0] != days[1]:
        pytest.skip("run across midnight: the day changed, not only the zone")
    assert not found_up_to_date[1]


def test_commits_and_edition_tags_are_inputs(project, capsys, monkeypatch):
    use_identity(monkeypatch)
    init(project)
    assert not generation(project, capsys)[1]  # now in git, without commits
    commit(project, "plans", date="2025-03-01T10:00:00+08:00")
    assert not generation(project, capsys)[1]
    assert "2025-03-01" in (project / PLAN_PAGE).read_text(encoding="utf-8")  # the page's date, from git
    assert generation(project, capsys)[1]
    git(project, "tag", "edition/2025.1")
    assert not generation(project, capsys)[1]
    assert generation(project, capsys)[1]
    commit(project, "nothing", date="2025-03-02T10:00:00+08:00")  # another commit: the dates may move
    assert not generation(project, capsys)[1]


def test_the_editions_the_history_shows_are_an_input(project, capsys, monkeypatch):
    """plansite publish has the history show the editions of the site it publishes, not every tag, in its order:
    docs/ as a plain generation left it, with every edition, is not up to date for it, nor the other way round,
    nor for the same editions in another order."""
    use_identity(monkeypatch)
    init(project)
    commit(project, "plans")
    git(project, "tag", "edition/2025.1")
    page = project / "docs" / "editions" / "2025.1.md"
    assert not generation(project, capsys)[1] and page.exists()
    assert not generation(project, capsys, shown=())[1] and not page.exists()
    assert generation(project, capsys, shown=())[1]
    assert not generation(project, capsys)[1] and page.exists()
    git(project, "tag", "edition/draft")  # (the same commit and second: publish tells which was tagged last)
    assert not generation(project, capsys, shown=("2025.1", "draft"))[1]
    before = (project / "docs" / "editions" / "draft.md").read_text(encoding="utf-8")
    assert not generation(project, capsys, shown=("draft", "2025.1"))[1]
    assert (project / "docs" / "editions" / "draft.md").read_text(encoding="utf-8") != before


@pytest.fixture
def new_process():
    """Forget the code state read by this process (``uptodate.code_state``) when called, as a new process
    would start without it, and after the test."""
    yield uptodate.code_state.cache_clear
    uptodate.code_state.cache_clear()


def test_an_installed_distribution_is_an_input(project, capsys, monkeypatch, tmp_path_factory, new_process):
    packages = tmp_path_factory.mktemp("site-packages")
    (packages / "jinja2_extra-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(packages))
    new_process()
    assert not generation(project, capsys)[1]
    assert generation(project, capsys)[1]
    (packages / "jinja2_extra-1.0.dist-info").rename(packages / "jinja2_extra-1.1.dist-info")
    new_process()
    assert not generation(project, capsys)[1]


# Generates the project twice in one process, a .py file of its code edited in between (as in ``plansite
# serve``, which generates a small project in its own process).
GENERATED_AROUND_AN_EDIT = """
import sys
from pathlib import Path
import generator
from generator.cli import main
main(["--root", sys.argv[1], "generate"])
code = Path(generator.__file__).with_name("render.py")
code.write_text(code.read_text(encoding="utf-8") + "# edited\\n", encoding="utf-8")
sys.exit(main(["--root", sys.argv[1], "generate"]))
"""


def test_the_code_recorded_is_the_code_that_made_the_pages(project, tmp_path_factory):
    """A .py file edited while a process generates leaves the code it runs as it was: its record names that
    code, so a generation by the edited code does not find docs/ up to date.  (The record named the code on
    disk at each generation.)"""
    code = tmp_path_factory.mktemp("code")
    shutil.copytree(os.path.dirname(generator.__file__), code / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    run = {"env": {**os.environ, "PYTHONPATH": str(code)}, "cwd": code, "capture_output": True, "text": True}
    assert subprocess.run([sys.executable, "-c", GENERATED_AROUND_AN_EDIT, str(project)], **run).returncode == 0
    edited = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "generate"], **run)
    assert edited.returncode == 0 and UP_TO_DATE not in edited.stderr


def test_warnings_are_said_again(tmp_path, capsys):
    make_project(tmp_path, PLAN.replace("        text: 扩大普惠资源。公办幼儿园在园幼儿占比提升至58%以上。\n", ""))
    capsys.readouterr()
    assert generate(str(tmp_path)) is not None
    first = capsys.readouterr()
    assert "warning: sections[0].items[0]: item has no text" in first.out
    assert generate(str(tmp_path)) is not None
    again = capsys.readouterr()
    assert UP_TO_DATE in again.err
    assert again.out == first.out
    assert "0 error(s), 1 warning(s)" in again.err and "page dates omitted" in again.err


def test_errors_are_found_every_time_and_keep_the_record(project, capsys):
    record = (project / uptodate.STATE).read_bytes()
    write(project, PLAN_FILE, PLAN.replace("[preschool]", "[pre-school]"))
    for _ in range(2):
        assert generation(project, capsys) == (None, False)
    assert (project / uptodate.STATE).read_bytes() == record
    write(project, PLAN_FILE, PLAN)
    assert generation(project, capsys)[1]  # back to the inputs docs/ was generated from


def test_a_broken_or_missing_record_means_generating(project, capsys):
    state = project / uptodate.STATE
    state.write_text("{", encoding="utf-8")
    assert not generation(project, capsys)[1]
    assert generation(project, capsys)[1]
    state.unlink()
    assert generation(project, capsys) == (WriteResult(0, len(snapshot(project / "docs")), ()), False)


def test_a_fifo_in_the_records_place_is_replaced_not_read(project, capsys):
    # The record is read to know whether docs/ is up to date: a FIFO made generate wait for a writer.
    state = project / uptodate.STATE
    state.unlink()
    os.mkfifo(state)
    assert not generation(project, capsys)[1]
    assert json.loads(state.read_text(encoding="utf-8"))["version"] == uptodate.VERSION
    assert generation(project, capsys)[1]


def test_a_record_of_another_format_means_generating(project, capsys):
    state = project / uptodate.STATE
    record = json.loads(state.read_text(encoding="utf-8"))
    state.write_text(json.dumps({**record, "version": uptodate.VERSION - 1}), encoding="utf-8")
    assert not generation(project, capsys)[1]


@pytest.mark.site
def test_a_build_records_docs_and_builds_up_to_date_docs_without_generating(tmp_path, capfd, monkeypatch):
    root = make_site_project(tmp_path / "project")
    assert main(["--root", str(root), "build"]) == 0
    page = root / "site" / "plans" / "xx-edu-2025" / "index.html"
    built = page.read_bytes()
    capfd.readouterr()
    assert main(["--root", str(root), "generate"]) == 0
    assert UP_TO_DATE in capfd.readouterr().err  # the build left its record

    monkeypatch.setattr(build, "prepare", lambda root: pytest.fail("generated up-to-date docs"))
    (root / "site").rename(tmp_path / "site-before")
    assert main(["--root", str(root), "build"]) == 0
    assert UP_TO_DATE in capfd.readouterr().err
    assert page.read_bytes() == built
    monkeypatch.undo()

    plan = root / "plans" / "2025" / "xx-edu-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0]
    plan.write_text(text.replace(f"title: {title}", f"title: {title}（修订）", 1), encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert UP_TO_DATE not in capfd.readouterr().err
    assert "（修订）" in page.read_text(encoding="utf-8")


def test_a_record_that_cannot_be_written_fails_nothing(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / uptodate.STATE / "x").mkdir(parents=True)  # a folder where the record's file goes
    capsys.readouterr()
    assert generate(str(tmp_path)).written > 0
    assert "note: docs/ not recorded as up to date" in capsys.readouterr().err
    assert not generation(tmp_path, capsys)[1]
    shutil.rmtree(tmp_path / uptodate.STATE)
    assert not generation(tmp_path, capsys)[1]
    assert generation(tmp_path, capsys)[1]


def test_the_root_as_given_is_an_input(project, capsys, monkeypatch):
    """Diagnostics said again name the files as they were named: relative to a relative root."""
    monkeypatch.chdir(project)
    assert not generation(".", capsys)[1]
    assert generation(".", capsys)[1]
    assert not generation(project, capsys)[1]


@pytest.mark.parametrize("relative", [PLAN_FILE, "content/pages/image.png", "content/notes.txt"])
def test_an_input_that_cannot_be_read_is_reported_not_a_traceback(project, capsys, relative):
    # A dangling symlink among the inputs stopped generate with FileNotFoundError (their digest read every file,
    # and a file of content/pages/ was copied unchecked): it is reported, a file no generation reads is no input.
    before = snapshot(project / "docs")
    if os.path.exists(project / relative):
        os.remove(project / relative)
    os.makedirs((project / relative).parent, exist_ok=True)
    os.symlink(project / "nowhere.yaml", project / relative)
    capsys.readouterr()
    code = main(["--root", str(project), "generate"])
    err = capsys.readouterr()
    if relative != "content/notes.txt":
        assert code == 1 and f"{project / relative}: error: cannot read file: No such file or directory" in err.out
        assert snapshot(project / "docs") == before
    else:
        assert code == 0 and "Traceback" not in err.err
