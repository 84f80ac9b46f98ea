"""A build killed at any moment (SIGKILL, a real ``plansite build`` process) leaves docs/ and site/ whole.

Each run starts from a copy of a project whose docs/ and site/ were built,
with its input changed, and is killed at one moment: after a delay, or as
soon as a staging directory, the staged site or its search index appears, or
(with a pause injected into the process) between the swaps of docs/ and
site/.  docs/ and site/ must then each be the complete old tree or the
complete new one -- and docs/ is swapped first, so never an old docs/ with a
new site/.  The next build removes the leftovers and brings both up to date.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.write import STAGING_PREFIX
from sitefixtures import make_site_project

pytestmark = pytest.mark.site

PLAN = "plans/2025/xx-edu-2025.yaml"
TITLE = "XX市教育局2025年工作要点"
GONE = "plans/2024/taobei-edu-2024.yaml"
DEADLINE = 60  # seconds a killed build's process may take to reach the moment it is killed at


def tree(directory: Path) -> dict[str, bytes]:
    """Every file below ``directory`` with its bytes."""
    return {str(path.relative_to(directory)): path.read_bytes()
            for path in sorted(directory.rglob("*")) if path.is_file()}


def state(root: Path) -> tuple[dict, dict]:
    return tree(root / "docs"), tree(root / "site")


def change_input(root: Path) -> None:
    """An edit that rewrites some pages and removes others."""
    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace(TITLE, TITLE + "（修订）"), encoding="utf-8")
    (root / GONE).unlink()


def leftovers(root: Path) -> list[str]:
    return sorted(name for name in os.listdir(root) if name.startswith(STAGING_PREFIX))


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """A built project (the old state), and the docs/ and site/ a build of the changed input gives."""
    old = make_site_project(tmp_path_factory.mktemp("old"))
    assert main(["--root", str(old), "build"]) == 0
    reference = tmp_path_factory.mktemp("new")
    shutil.copytree(old, reference, dirs_exist_ok=True)
    change_input(reference)
    assert main(["--root", str(reference), "build"]) == 0
    before, after = state(old), state(reference)
    assert before[0] != after[0] and before[1] != after[1]
    return old, before, after


def fresh_copy(states, tmp_path: Path) -> Path:
    old, _, _ = states
    root = tmp_path / "project"
    shutil.copytree(old, root)
    change_input(root)
    return root


# A command (argv[3]: build or generate) that pauses once it swapped a directory named argv[4] in (docs, site),
# for the test to stop it there.
PAUSED_AFTER_A_SWAP = """
import os, sys, time
import generator.build, generator.write
from generator.cli import main

def swap_then_pause(staged, directory, swap=generator.write.swap_in):
    swap(staged, directory)
    if os.path.basename(directory) == sys.argv[4]:
        open(sys.argv[2], "w").close()
        time.sleep(600)

generator.build.swap_in = generator.write.swap_in = swap_then_pause
sys.exit(main(["--root", sys.argv[1], sys.argv[3]]))
"""


def paused_after_swapping(root: Path, paused_at: Path, command: str = "build", directory: str = "docs",
                          **options) -> subprocess.Popen:
    """``command`` run on ``root``, pausing once it swapped ``directory`` in (``paused_at`` then exists)."""
    return subprocess.Popen([sys.executable, "-c", PAUSED_AFTER_A_SWAP, str(root), str(paused_at), command, directory],
                            **options)


def start(root: Path, *, paused_at: Path | None = None) -> subprocess.Popen:
    if paused_at:  # between the swaps of docs/ and site/
        return paused_after_swapping(root, paused_at, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def staged_site(root: Path, *parts: str) -> bool:
    return any((root / name / "site").joinpath(*parts).exists() for name in leftovers(root))


# When to kill, and whether the kill surely lands before the swaps: staging starts about half a second
# before MkDocs finishes; the search index is written a moment before the swaps.
MOMENTS = {
    "staging begins": (lambda root: bool(leftovers(root)), True),
    "MkDocs builds": (lambda root: staged_site(root), True),
    "search index written": (lambda root: staged_site(root, "search", "search_index.json"), False),
}


def reached(process: subprocess.Popen, condition) -> bool:
    """Wait until ``condition()`` holds (True) or the process has ended (False)."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if process.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the build never reached that moment"
        time.sleep(0.0005)
    return True


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


def kill_when(process: subprocess.Popen, condition) -> bool:
    """SIGKILL the process as soon as ``condition()`` holds; False if it finished first."""
    if not reached(process, condition):
        return False
    kill(process)
    return True


def assert_whole_then_recovered(root: Path, states) -> tuple[bool, bool]:
    """docs/ and site/ are each the old or the new tree (never old docs/ with new site/); the next build
    cleans up and brings both up to date.  Returns (docs/ is new, site/ is new) as found after the kill."""
    _, (old_docs, old_site), (new_docs, new_site) = states
    docs, site = state(root)
    assert docs in (old_docs, new_docs), "docs/ is a mix of old and new"
    assert site in (old_site, new_site), "site/ is a mix of old and new"
    found = (docs == new_docs, site == new_site)
    assert found != (False, True), "site/ was swapped before docs/"
    assert main(["--root", str(root), "build"]) == 0
    assert state(root) == (new_docs, new_site)
    assert leftovers(root) == []
    return found


@pytest.mark.parametrize("moment", MOMENTS)
def test_killed_at_a_moment_of_the_build(states, tmp_path, moment):
    condition, before_the_swaps = MOMENTS[moment]
    root = fresh_copy(states, tmp_path)
    process = start(root)
    killed = kill_when(process, lambda: condition(root))
    had_leftovers = bool(leftovers(root))
    found = assert_whole_then_recovered(root, states)
    if before_the_swaps:
        assert killed and had_leftovers and found == (False, False)


def test_killed_after_delays(states, tmp_path):
    """Kills spread evenly over the time a build stages, builds and swaps (its start-up touches nothing)."""
    timing = fresh_copy(states, tmp_path / "timing")
    process = start(timing)
    began = time.monotonic()
    assert reached(process, lambda: bool(leftovers(timing)))
    staging = time.monotonic() - began
    assert process.wait() == 0
    duration = time.monotonic() - began
    for step in range(4):
        root = fresh_copy(states, tmp_path / str(step))
        process = start(root)
        time.sleep(staging + (duration - staging) * step / 4)
        kill(process)
        assert_whole_then_recovered(root, states)


def test_killed_between_the_swaps_of_docs_and_site(states, tmp_path):
    root = fresh_copy(states, tmp_path)
    paused = tmp_path / "paused"
    process = start(root, paused_at=paused)
    assert kill_when(process, paused.exists)
    assert assert_whole_then_recovered(root, states) == (True, False)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_says_so_in_a_line_and_leaves_both_whole(states, tmp_path, stop):
    """Ctrl-C (SIGINT), or SIGTERM (a CI job cancelled, kill), while MkDocs builds: one line, no traceback, the
    exit status a shell gives a command stopped by Ctrl-C, its staging area removed, docs/ and site/ as they
    were.  (SIGTERM killed the build outright, leaving the staged docs/ and site/ to the next build.)"""
    root = fresh_copy(states, tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert reached(process, lambda: staged_site(root))
    process.send_signal(stop)
    _, err = process.communicate(timeout=DEADLINE)
    assert (process.returncode, err.splitlines()[-1:]) == (130, ["plansite build: interrupted"])
    assert "Traceback" not in err and leftovers(root) == []
    assert assert_whole_then_recovered(root, states) == (False, False)


# A generation whose write pauses before it swaps the staged docs/ in, for the test to stop it there.
PAUSED_BEFORE_SWAP = """
import sys, time
import generator.write
from generator.cli import main

def pause_then_swap(staged, directory, swap=generator.write.swap_in):
    open(sys.argv[2], "w").close()
    time.sleep(600)
    swap(staged, directory)

generator.write.swap_in = pause_then_swap
sys.exit(main(["--root", sys.argv[1], "generate"]))
"""


def test_a_generation_stopped_by_sigterm_cleans_up_and_says_so(states, tmp_path):
    _, (old_docs, _), _ = states
    root, paused = fresh_copy(states, tmp_path), tmp_path / "paused"
    process = subprocess.Popen([sys.executable, "-c", PAUSED_BEFORE_SWAP, str(root), str(paused)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert reached(process, paused.exists) and leftovers(root)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=DEADLINE)
    assert (process.returncode, err.splitlines()[-1:]) == (130, ["plansite generate: interrupted"])
    assert tree(root / "docs") == old_docs and leftovers(root) == []


@pytest.mark.parametrize("command, swapped, said, found", [
    ("generate", "docs", "after docs/ was written whole", (True, False)),
    ("build", "docs", "after docs/ was written whole; site/ is as it was", (True, False)),
    ("build", "site", "after docs/ and site/ were written whole", (True, True))])
def test_stopped_once_a_new_tree_was_swapped_in_it_says_so(states, tmp_path, command, swapped, said, found):
    """SIGTERM after a swap: the exit status of a command stopped, and a line saying which new tree is in place,
    whole (it said "interrupted" only, as if nothing was done)."""
    root, paused = fresh_copy(states, tmp_path), tmp_path / "paused"
    process = paused_after_swapping(root, paused, command, swapped, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
    assert reached(process, paused.exists)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=DEADLINE)
    assert (process.returncode, err.splitlines()[-1:]) == (130, [f"plansite {command}: interrupted {said}"])
    assert "Traceback" not in err and leftovers(root) == []
    assert assert_whole_then_recovered(root, states) == found


def test_a_root_relative_to_the_working_directory_builds(states, tmp_path, monkeypatch):
    """MkDocs reads a relative docs_dir from mkdocs.yml's folder: the staged docs/ is given to it absolute."""
    _, _, after = states
    root = fresh_copy(states, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--root", root.name, "build"]) == 0
    assert state(root) == after


def test_killed_generate_leaves_docs_whole(states, tmp_path):
    _, (old_docs, _), (new_docs, _) = states
    root = fresh_copy(states, tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "generate"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_when(process, lambda: bool(leftovers(root)))
    assert tree(root / "docs") in (old_docs, new_docs)
    assert main(["--root", str(root), "generate"]) == 0
    assert tree(root / "docs") == new_docs and leftovers(root) == []


@pytest.mark.parametrize("site_dir", ["plans", "content", "docs", ".", "..", "plans/site"])
def test_a_site_dir_that_would_replace_the_projects_own_folders_is_refused(tmp_path, capsys, site_dir):
    """A build swaps its site in for site_dir whole: mkdocs.yml's site_dir naming plans/ (a slip) would have
    replaced every curated plan with the built site."""
    root = make_site_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_dir: {site_dir}\n", encoding="utf-8")
    def files() -> dict[str, bytes]:  # the cache of plan files read aside
        return {name: data for name, data in tree(tmp_path).items() if ".plansite-cache" not in name}

    before = files()
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err  # MkDocs refuses . and .. itself: the staged docs/ lie within them
    assert "mkdocs.yml: site_dir: " in err or "Config value 'site_dir'" in err
    assert files() == before
