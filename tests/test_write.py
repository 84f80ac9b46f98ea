"""Writing docs/: only changed files are new, stale ones go, the directory is replaced whole, nothing is
written on errors, builds take turns."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.build import generate
from generator.write import STAGING_PREFIX, WriteResult, build_lock, exchange, write_tree
from projects import PLAN, make_project, write


def snapshot(directory) -> dict[str, tuple[bytes, int]]:
    """Every file below ``directory`` with its bytes and modification time (ns)."""
    found = {}
    for folder, _, files in os.walk(directory):
        for name in files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, directory)] = (open(path, "rb").read(), os.stat(path).st_mtime_ns)
    return found


def test_writes_what_changed_and_removes_what_is_gone(tmp_path):
    docs = tmp_path / "docs"
    first = {"index.md": "# 首页\n", "plans/a.md": "# A\n", "plans/b.md": "# B\n", "schema/s.json": b"{}"}
    assert write_tree(str(docs), first) == WriteResult(written=4, unchanged=0, removed=())
    os.utime(docs / "index.md", ns=(1, 1))  # an untouched file keeps even an odd mtime

    second = {"index.md": "# 首页\n", "plans/a.md": "# A 改\n"}
    result = write_tree(str(docs), second)
    assert result == WriteResult(written=1, unchanged=1, removed=("plans/b.md", "schema/s.json"))
    assert str(result) == "1 written, 1 unchanged, 2 removed (plans/b.md, schema/s.json)"
    after = snapshot(docs)
    assert set(after) == {"index.md", os.path.join("plans", "a.md")}
    assert after["index.md"] == (b"# \xe9\xa6\x96\xe9\xa1\xb5\n", 1)
    assert after[os.path.join("plans", "a.md")][0] == "# A 改\n".encode()
    assert not (docs / "schema").exists()


def test_changed_files_are_replaced_not_rewritten_in_place(tmp_path):
    docs = tmp_path / "docs"
    write_tree(str(docs), {"a.md": "old\n"})
    reader_view = tmp_path / "held"
    os.link(docs / "a.md", reader_view)  # what a reader that opened the old file holds
    write_tree(str(docs), {"a.md": "new\n"})
    assert reader_view.read_text() == "old\n" and (docs / "a.md").read_text() == "new\n"
    assert sorted(os.listdir(docs)) == ["a.md"]  # no temporary file left behind


def test_leftover_temporary_files_are_removed(tmp_path):
    docs = tmp_path / "docs"
    write_tree(str(docs), {"a.md": "a\n"})
    (docs / ".a.md.tmp").write_text("half")
    assert write_tree(str(docs), {"a.md": "a\n"}) == WriteResult(written=0, unchanged=1, removed=(".a.md.tmp",))


def test_same_input_gives_byte_identical_docs(tmp_path):
    make_project(tmp_path)
    assert generate(str(tmp_path)) is not None
    first = {path: content for path, (content, _) in snapshot(tmp_path / "docs").items()}
    (tmp_path / "docs").rename(tmp_path / "docs-first")
    assert generate(str(tmp_path)) is not None
    assert {path: content for path, (content, _) in snapshot(tmp_path / "docs").items()} == first


def test_input_errors_leave_docs_untouched(tmp_path, capsys):
    make_project(tmp_path)
    assert generate(str(tmp_path)) is not None
    before = snapshot(tmp_path / "docs")

    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("[preschool]", "[pre-school]")
          .replace("扩大普惠资源", "改过的标题"))
    assert generate(str(tmp_path)) is None
    assert "unknown theme 'pre-school'" in capsys.readouterr().out
    assert snapshot(tmp_path / "docs") == before


def test_render_errors_leave_docs_untouched(tmp_path, capsys):
    make_project(tmp_path)
    assert generate(str(tmp_path)) is not None
    before = snapshot(tmp_path / "docs")

    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("扩大普惠资源", "改过的标题"))
    write(tmp_path, "content/pages/years.md", "# 年度\n")  # takes the name of a generated page
    assert generate(str(tmp_path)) is None
    assert "content/pages/years.md: error: the site makes /years itself; rename this file" in \
        capsys.readouterr().out
    assert snapshot(tmp_path / "docs") == before


def test_a_change_replaces_the_directory_whole_and_unchanged_files_keep_their_inode(tmp_path):
    docs = tmp_path / "docs"
    write_tree(str(docs), {"a.md": "a\n", "b.md": "b\n"})
    before = {name: os.stat(docs / name) for name in (".", "a.md", "b.md")}
    write_tree(str(docs), {"a.md": "a\n", "b.md": "b 改\n"})
    after = {name: os.stat(docs / name) for name in (".", "a.md", "b.md")}
    assert after["."].st_ino != before["."].st_ino           # a new tree, put in place in one step
    assert after["a.md"].st_ino == before["a.md"].st_ino     # the same file: mkdocs serve sees no change
    assert after["b.md"].st_ino != before["b.md"].st_ino
    assert sorted(os.listdir(tmp_path)) == ["docs"]          # the staging area and the old tree are gone


def test_no_change_replaces_nothing(tmp_path):
    docs = tmp_path / "docs"
    write_tree(str(docs), {"a.md": "a\n"})
    inode = os.stat(docs).st_ino
    assert write_tree(str(docs), {"a.md": "a\n"}) == WriteResult(written=0, unchanged=1, removed=())
    assert os.stat(docs).st_ino == inode


def test_exchange_swaps_two_directories_in_one_step(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "x").write_text("new")
    if not exchange(str(tmp_path / "new"), str(tmp_path / "old")):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here: swap_in uses two renames")
    assert (tmp_path / "old" / "x").read_text() == "new" and (tmp_path / "new" / "x").read_text() == "old"


def test_builds_take_turns_and_clear_what_killed_builds_left(tmp_path):
    leftover = tmp_path / f"{STAGING_PREFIX}killed" / "docs"
    leftover.mkdir(parents=True)
    (leftover / "half.md").write_text("half")
    entered = threading.Event()

    def second_build():
        with build_lock(str(tmp_path)):
            entered.set()

    with build_lock(str(tmp_path)):
        assert not leftover.exists()
        other = threading.Thread(target=second_build)
        other.start()
        assert not entered.wait(0.3)  # waits while the first build holds the lock
    assert entered.wait(10)
    other.join()


def test_the_result_says_how_long_rendering_and_writing_took(tmp_path):
    def slow_page():
        time.sleep(0.2)
        return "# 慢\n"

    result = write_tree(str(tmp_path / "docs"), {"slow.md": slow_page, "fast.md": "# 快\n"})
    assert result == WriteResult(written=2, unchanged=0, removed=())  # the times are not part of what was written
    assert result.render_seconds >= 0.2 > result.write_seconds > 0


def test_content_pages_are_published_with_their_folders_and_files_and_clashes_named(tmp_path, capsys):
    """content/pages/ whole: a page in a folder and an image beside it reach docs/ (hidden files do not);
    an index.md would be the home page the site makes, named as the address it would take."""
    make_project(tmp_path)
    write(tmp_path, "content/pages/guide/howto.md", "# 操作指南\n\n![标志](logo.png)\n")
    (tmp_path / "content" / "pages" / "guide" / "logo.png").write_bytes(b"\x89PNG\r\n")
    write(tmp_path, "content/pages/.notes.md", "私人笔记\n")
    assert generate(str(tmp_path)) is not None
    docs = tmp_path / "docs"
    assert (docs / "guide" / "howto.md").read_text(encoding="utf-8").startswith("# 操作指南")
    assert (docs / "guide" / "logo.png").read_bytes() == b"\x89PNG\r\n" and not (docs / ".notes.md").exists()
    write(tmp_path, "content/pages/index.md", "# 首页\n")
    assert generate(str(tmp_path)) is None
    assert "content/pages/index.md: error: the site makes / itself; rename this file" in capsys.readouterr().out


def test_a_fifo_put_where_a_file_goes_is_replaced_not_read(tmp_path):
    # A file already there is read to compare it with the new one: a FIFO made generate wait for a writer.
    docs = tmp_path / "docs"
    write_tree(str(docs), {"index.md": "# 首页\n"})
    (docs / "index.md").unlink()
    os.mkfifo(docs / "index.md")
    assert write_tree(str(docs), {"index.md": "# 首页\n"}) == WriteResult(written=1, unchanged=0, removed=())
    assert (docs / "index.md").read_text(encoding="utf-8") == "# 首页\n"
