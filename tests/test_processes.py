"""Pages made in forked processes: the same docs/ as one process makes, failures raised, nothing left running."""

from __future__ import annotations

import gc
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import build
from generator.cli import main
from generator.interrupt import terminate_as_interrupt
from generator.load import load_site, without_documents
from generator.processes import collector_kept, collector_paused, cores, fork_each, fork_map, in_child, processes_for
from generator.progress import terminal
from generator.render import site_files
from generator.write import WriteResult, write_tree
from sitefixtures import make_site_project
from test_write import snapshot


def test_results_come_back_in_order_from_work_that_closes_over_anything():
    unpicklable = {"made": lambda share: [share, os.getpid()]}  # a lambda: nothing is pickled but results
    results = fork_map(lambda share: unpicklable["made"](share), ["a", "b", "c"])
    assert [share for share, _ in results] == ["a", "b", "c"]
    pids = [pid for _, pid in results]
    assert pids[-1] == os.getpid() and len(set(pids)) == 3  # the last share ran here, the others each in a child


def test_an_exception_in_a_child_is_raised_here():
    class Local(Exception):  # a class local to a function cannot be pickled: its text comes instead
        pass

    def work(failure: Exception | None) -> None:
        if failure is not None:
            raise failure

    with pytest.raises(ValueError, match="failed in its child"):
        fork_map(work, [ValueError("failed in its child"), None])
    with pytest.raises(RuntimeError, match="Local: cannot be pickled"):
        fork_map(work, [Local("cannot be pickled"), None])


def test_each_share_is_worked_in_a_child_of_its_own_at_most_so_many_at_a_time(tmp_path):
    def work(share: int) -> tuple[int, int]:
        (tmp_path / f"{share}.start").write_text(str(time.monotonic()))
        time.sleep(0.2)
        (tmp_path / f"{share}.end").write_text(str(time.monotonic()))
        return share * 10, os.getpid()

    arrived: list[int] = []
    results = fork_each(work, [0, 1, 2, 3, 4], processes=2, done=arrived.append)
    assert [value for value, _ in results] == [0, 10, 20, 30, 40]
    assert len({pid for _, pid in results} | {os.getpid()}) == 6  # five children, none of them this process
    assert sorted(arrived) == [0, 1, 2, 3, 4]

    def times(kind: str) -> list[float]:
        return [float((tmp_path / f"{share}.{kind}").read_text()) for share in range(5)]

    starts, ends = times("start"), times("end")
    at_once = max(sum(start <= moment < end for start, end in zip(starts, ends)) for moment in starts)
    assert at_once == 2


def test_fork_each_raises_a_childs_exception_and_a_killed_childs_death():
    def work(share: int) -> int:
        if share == 1:
            raise ValueError("share 1 failed")
        if share == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return share

    with pytest.raises(ValueError, match="share 1 failed"):
        fork_each(work, [0, 1], processes=2)
    with pytest.raises(RuntimeError, match=f"exit code -{int(signal.SIGKILL)}"):
        fork_each(work, [2, 0], processes=1)


def test_a_killed_child_is_an_error_not_a_missing_result():
    def work(share: int) -> int:
        if share == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return share

    with pytest.raises(RuntimeError, match=f"exit code -{int(signal.SIGKILL)}"):
        fork_map(work, [0, 1])


def test_children_are_stopped_when_this_process_fails(tmp_path):
    started = tmp_path / "child"

    def work(share: int) -> None:
        if share == 0:
            written = tmp_path / "child.tmp"  # renamed once whole: the other child must not see an empty file
            written.write_text(str(os.getpid()))
            os.replace(written, started)
            signal.pause()  # would run for ever
        while not started.exists():
            time.sleep(0.01)
        raise KeyError("here")

    with pytest.raises(KeyError):
        fork_map(work, [0, 1])
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)  # reaped: no such process any more


def test_a_child_stopped_by_this_process_ends_at_once_even_where_sigterm_interrupts_this_one(tmp_path):
    """plansite's commands take SIGTERM as Ctrl-C (``cli.main``); a child that inherited that would unwind, its
    ``finally`` blocks running, and print a traceback when it could not send its outcome."""
    started, unwound = tmp_path / "started", tmp_path / "unwound"

    def work(share: int) -> None:
        if share == 0:
            try:
                started.write_text("")
                signal.pause()
            finally:
                unwound.write_text("")
        while not started.exists():
            time.sleep(0.01)
        raise KeyError("here")

    with terminate_as_interrupt(), pytest.raises(KeyError):
        fork_map(work, [0, 1])
    assert started.exists() and not unwound.exists()


def test_processes_only_when_they_pay_and_no_other_thread_runs(monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # whatever other tests left running
    assert processes_for(99, per_process=100) == 1
    assert processes_for(100_000, per_process=100) == cores()
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # e.g. plansite serve's server
    assert processes_for(100_000, per_process=100) == 1


def test_pages_made_by_two_processes_are_those_one_process_makes(tmp_path):
    root = make_site_project(tmp_path / "project")
    site, diagnostics = load_site(str(root))
    assert not diagnostics
    made = []

    def counted(path, file):
        def make():
            made.append(path)  # in whichever process makes it
            return file() if callable(file) else file
        return make

    files = {path: counted(path, file) for path, file in site_files(without_documents(site)).items()}
    one, two = tmp_path / "one", tmp_path / "two"
    assert write_tree(str(one), files, processes=1) == WriteResult(len(files), 0, ())
    assert sorted(made) == sorted(files)   # made once each, by this process
    made.clear()
    assert write_tree(str(two), files, processes=2) == WriteResult(len(files), 0, ())
    assert 0 < len(made) < len(files)      # this process made its share only
    assert {p: c for p, (c, _) in snapshot(two).items()} == {p: c for p, (c, _) in snapshot(one).items()}

    before = snapshot(two)
    assert write_tree(str(two), files, processes=2) == WriteResult(0, len(files), ())
    assert snapshot(two) == before         # nothing changed, nothing rewritten


def test_a_child_dies_with_this_process(tmp_path):
    """A build killed half-way (kill -9) leaves no process rendering its pages."""
    program = f"""
import os, signal, sys, time
sys.path.insert(0, {str(Path(__file__).parent.parent)!r})
from generator.processes import fork_map
def work(share):
    if share == 0:
        open({str(tmp_path / 'child')!r}, 'w').write(str(os.getpid()))
        signal.pause()
    while not os.path.exists({str(tmp_path / 'child')!r}):
        time.sleep(0.01)
    os.kill(os.getpid(), signal.SIGKILL)   # this process, the parent, dies
fork_map(work, [0, 1])
"""
    subprocess.run([sys.executable, "-c", program], timeout=60)
    child = int((tmp_path / "child").read_text())
    for _ in range(200):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail(f"the child {child} outlived its parent")


@pytest.mark.site
def test_a_large_site_is_generated_in_a_child_whose_output_and_stage_times_reach_the_build(
        tmp_path, monkeypatch, capfd):
    monkeypatch.setattr(build, "PLANS_FOR_A_CHILD", 0)  # any site is large
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # whatever other tests left running
    generated_in = tmp_path / "pid"
    stage_docs = build.stage_docs

    def recorded(*args):
        generated_in.write_text(str(os.getpid()))
        return stage_docs(*args)

    monkeypatch.setattr(build, "stage_docs", recorded)
    root = make_site_project(tmp_path / "project")
    plan = root / "plans" / "2025" / "xx-edu-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("themes: [preschool, finance]", "themes: [pre-school, finance]"), encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 1
    assert "unknown theme 'pre-school'" in capfd.readouterr().out  # printed by the child
    assert int(generated_in.read_text()) != os.getpid()
    assert not (root / "docs").exists() and not (root / "site").exists()

    plan.write_text(text, encoding="utf-8")
    terminal.seconds.clear()
    assert main(["--root", str(root), "build"]) == 0
    assert (root / "site" / "index.html").exists() and (root / "docs" / "index.md").exists()
    assert {"load+validate", "corpus", "render+write", "mkdocs"} <= terminal.seconds.keys()


def test_work_in_a_child_may_fork_in_turn(monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # whatever other tests left running
    pids = in_child(lambda: fork_map(lambda share: os.getpid(), [0, 1]))
    assert len(set(pids)) == 2 and os.getpid() not in pids


GIVE_BACK = """
from generator.processes import give_back_free_memory

def resident():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024

held = [bytes(2000) + bytes([n % 256]) for n in range(100_000)]  # 200 MB in the C library's heap
kept = held[::20]  # one in twenty stays: the heap cannot shrink from its top
before = resident()
del held
freed = resident()
give_back_free_memory()
print(before, freed, resident())
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_free_memory_is_given_back_to_the_system():
    result = subprocess.run([sys.executable, "-c", GIVE_BACK], capture_output=True, text=True, check=True)
    before, freed, after = map(int, result.stdout.split())
    assert freed > before - 50 and after < freed - 150  # MB: kept when freed, given back when asked


def test_the_collector_is_paused_for_the_block_only():
    assert gc.isenabled()
    with pytest.raises(KeyError):
        with collector_paused():
            assert not gc.isenabled()
            raise KeyError("stop")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_what_a_paused_block_made_is_left_out_of_the_collections_while_the_work_needs_it():
    gc.unfreeze()
    with collector_kept():
        with pytest.raises(KeyError):
            with collector_paused():
                raise KeyError("stop")
        assert gc.get_freeze_count() == 0  # a block that failed made nothing to keep
        with collector_paused():
            made = [[] for _ in range(1000)]
        with collector_paused():  # a second block keeps the first one's too
            pass
        assert gc.get_freeze_count() >= len(made)  # the collector, enabled again, does not go over them
    assert gc.get_freeze_count() == 0  # the work done, let go


def test_forked_work_in_a_kept_block_leaves_what_was_frozen_frozen():
    gc.unfreeze()
    with collector_kept():
        with collector_paused():
            made = [[] for _ in range(1000)]
        fork_map(lambda share: share, [1, 2])
        fork_map(lambda share: share, [1])
        assert gc.get_freeze_count() >= len(made)  # the render forks: the model it renders stays frozen
    assert gc.get_freeze_count() == 0


def test_a_paused_block_alone_keeps_nothing_out_of_the_collections():
    """As the tests, or a preview, load plans: what they made, once dropped, is collected as any garbage."""
    gc.unfreeze()
    with collector_paused():
        made = [[] for _ in range(1000)]
    assert made and gc.get_freeze_count() == 0


def test_loading_a_site_keeps_nothing_out_of_the_collections(tmp_path):
    root = make_site_project(tmp_path / "project")
    gc.unfreeze()
    site, _ = load_site(str(root))
    assert site.plans and gc.get_freeze_count() == 0


def test_plansite_generate_leaves_what_it_made_out_of_the_collection_at_its_exit(tmp_path):
    root = make_site_project(tmp_path / "project")
    gc.unfreeze()
    try:
        assert main(["--root", str(root), "generate"]) == 0
        assert gc.get_freeze_count() > 0  # the process ends: Python need not go over the model once more
    finally:
        gc.unfreeze()
