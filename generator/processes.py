"""Work shared between forked processes: the generator's pages are rendered and written on every core.

A forked child starts with this process's memory (copy-on-write), so the work
it is given may close over anything -- the model, the Jinja environment, the
functions that render pages -- and nothing of it is pickled; only the results
come back (pickled through a pipe).  Where ``fork`` is not available (Windows;
macOS defaults to spawning) everything runs in this process, one share after
the other, with the same results.

Forking a process that runs other threads is unsafe (a lock held by another
thread stays held in the child for ever): while other threads run, as under
``plansite serve``, ``processes_for`` says one process.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from typing import Callable, Sequence, TypeVar

PR_SET_PDEATHSIG = 1  # prctl(2)
Share = TypeVar("Share")
Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def yield_cores(niceness: int = 10) -> None:
    """Lower the CPU priority of this process and of those it forks from now on, where the system has one."""
    if hasattr(os, "nice"):
        os.nice(niceness)


def forking_is_safe() -> bool:
    """Can this process fork children to work for it: ``fork`` is available and no other thread runs."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def processes_for(tasks: int, per_process: int) -> int:
    """How many processes should share ``tasks`` tasks, where a process pays for itself with ``per_process``
    of them: one unless forking is safe, else as many as pay, up to the cores."""
    if not forking_is_safe():
        return 1
    return max(1, min(cores(), tasks // per_process))


@functools.cache
def c_function(name: str):
    """The C library's function ``name``, errno kept for ``ctypes.get_errno``; None where the library has no
    such function (another C library, another system) or there is none to load by that name (Windows)."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, TypeError, AttributeError):
        return None


def give_back_free_memory() -> None:
    """Collect garbage and return the C library's free memory to the system (glibc's ``malloc_trim``; elsewhere
    the collection only).  Called once a large structure is dropped before forking: freed memory the C
    library keeps is still counted against this process and its children, which copy what they touch of
    it (10,000 plans, the plan documents dropped: the generation's peak 4.3 → 3.8 GB)."""
    gc.collect()
    malloc_trim = c_function("malloc_trim")  # glibc's
    if malloc_trim is not None:
        malloc_trim(0)


_KEEPING = [0]  # how many ``collector_kept`` blocks are running


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while the block runs, and what exists when it ends left out of
    the collections that follow (``gc.freeze``) as long as the work needs it: to the end of the
    ``collector_kept`` block this one runs in, or else to this one's end.  Let go (``gc.unfreeze``), it joins
    the oldest generation, which only a full collection goes over, not the youngest, which the next one does.

    For the blocks that make millions of objects which all stay alive and hold no cycles worth collecting
    (reading the plans, with a location for every value; the corpus and the list of pages): the collector
    would go over them again and again, a fifth of the time of loading 1,000 plans, and half of the corpus
    stage at 10,000 plans (13.2 s instead of 6.1 s).  Re-enabled, it would go over all of them once more,
    as the youngest objects (0.2 s after loading 1,000 plans, 0.2 s after their corpus).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        _let_go()
        if enabled:
            gc.enable()


@contextlib.contextmanager
def collector_kept():
    """What ``collector_paused`` blocks freeze within this block stays frozen to its end (for the work that
    goes on using it: the model and corpus of a generation, until its pages are rendered), then is let go:
    a process that loads plans and goes on (plansite serve, the tests) does not keep it for ever."""
    _KEEPING[0] += 1
    try:
        yield
    finally:
        _KEEPING[0] -= 1
        _let_go()


def _let_go() -> None:
    """What the collector was kept from joins its collections again (``gc.unfreeze``), unless a
    ``collector_kept`` block still runs: the work that needs it is not done."""
    if not _KEEPING[0]:
        gc.unfreeze()


def freeze_for_exit() -> None:
    """Leave every object out of the collections to come, this process ending once its command has run: at
    exit Python collects over everything once more (after ``plansite generate`` of 1,000 plans, the model:
    0.5 s), before the system takes back the memory anyway."""
    gc.freeze()


def fork_map(work: Callable[[Share], Result], shares: Sequence[Share]) -> list[Result]:
    """``[work(share) for share in shares]``, each share but the last in a forked child, the last here.

    An exception raised by ``work`` in a child is raised here (the first, in the
    order of ``shares``); a child that dies without a result (killed) raises
    RuntimeError.  Children still running when this process fails are stopped,
    and a child dies with this process.
    """
    if len(shares) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        gc.freeze()  # what exists now (the model) lives through the work: the collector need not scan it again
        try:
            return [work(share) for share in shares]
        finally:
            _let_go()
    children = []
    try:
        for share in shares[:-1]:
            children.append(_start(work, share))
        last = work(shares[-1])
        return [*(_outcome(child, receiver) for child, receiver in children), last]
    finally:
        _let_go()
        _stop(children)


def fork_each(work: Callable[[Share], Result], shares: Sequence[Share], processes: int,
              done: Callable[[int], None] = lambda index: None) -> list[Result]:
    """``[work(share) for share in shares]``, each share in a forked child of its own, at most ``processes``
    at a time; ``done(i)`` is called here when the result of ``shares[i]`` arrived.

    Unlike ``fork_map`` this process does none of the work, so whatever the work
    leaves behind (a heap grown by converting large pages) goes back to the
    system when its child ends.  Failures as in ``fork_map``, but the first to
    arrive is raised.  Without ``fork`` the shares are worked here, in order.
    """
    results: list = [None] * len(shares)
    if "fork" not in multiprocessing.get_all_start_methods():
        for index, share in enumerate(shares):
            results[index] = work(share)
            done(index)
        return results
    waiting = iter(enumerate(shares))
    running: dict = {}  # receiver -> (index of the share, child)
    try:
        while True:
            for index, share in itertools.islice(waiting, processes - len(running)):
                child, receiver = _start(work, share)
                running[receiver] = (index, child)
            if not running:
                return results
            for receiver in multiprocessing.connection.wait(list(running)):
                index, child = running.pop(receiver)
                try:
                    results[index] = _outcome(child, receiver)
                finally:
                    child.join()  # it sent its outcome, or died
                    receiver.close()
                done(index)
    finally:
        _let_go()
        _stop([(child, receiver) for receiver, (_, child) in running.items()])


def in_child(work: Callable[[], Result]) -> Result:
    """``work()`` in a forked child, so that the memory it takes goes back to the system when it is done
    (here while other threads run, or without ``fork``)."""
    if not forking_is_safe():
        return work()
    return fork_each(lambda _: work(), [None], 1)[0]


def _start(work: Callable, share) -> tuple:
    """A forked child working ``share``, and the end of the pipe its outcome arrives on (the caller lets the
    objects it froze go once its children are done: ``_let_go``)."""
    gc.freeze()  # a child's garbage collector would otherwise touch, and so copy, every object it inherited
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, share, sender, os.getpid()))  # not a daemon: it may fork
    child.start()
    sender.close()
    return child, receiver


def _stop(children) -> None:
    """Stop the children still running, and release every child and pipe."""
    for child, receiver in children:
        if child.is_alive():
            child.terminate()
        child.join()
        receiver.close()


def _die_with(parent: int) -> None:
    """Linux: have the kernel kill this process when its parent dies, so that a build killed half-way leaves
    nothing running (and holding its lock)."""
    prctl = c_function("prctl")  # Linux's
    if prctl is None:
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def _child(work: Callable, share, sender, parent: int) -> None:
    _die_with(parent)
    # Stopped by its parent (``_stop``), a child ends at once, whatever this process does on SIGTERM (``cli.main``
    # raises KeyboardInterrupt): it has nothing of its own to clean up, and unwinding it printed a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        outcome = (True, work(share))
    except BaseException as error:  # noqa: BLE001 - every failure is the parent's to raise
        outcome = (False, error)
    try:
        sender.send(outcome)
    except Exception as error:  # noqa: BLE001 - a result or an exception that cannot be pickled: its text
        failure = error if outcome[0] else outcome[1]
        sender.send((False, RuntimeError(f"{type(failure).__name__}: {failure}")))
    sender.close()


def _outcome(child, receiver):
    try:
        succeeded, value = receiver.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"a worker process ended without a result (exit code {child.exitcode})") from None
    if not succeeded:
        raise value
    return value
