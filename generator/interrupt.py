"""Stopping a command half-way as Ctrl-C does, whatever stops it, with what it started.

``terminate_as_interrupt`` makes SIGTERM (a service manager, a CI job
cancelled, ``kill``) raise ``KeyboardInterrupt`` as Ctrl-C does, so that the
command's ``finally`` and ``except`` blocks run: killed by the default action
it left what it was making half-made.  ``cli.main`` runs every command so: a
build or a generation removes what it staged, an import the file it was
writing, a publish puts the site's branch back.  ``run_stoppable`` runs a
program in a process group of its own and, when the wait for it is
interrupted, kills that group (the program and every process it started)
before going on: a child left running finishes its work after the command has
undone its part.  ``saying_what_was_done`` has an interruption that comes
once part of the work is done say what is (``Interrupted``): a new docs/
swapped in is whole, not the one there before.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from typing import Callable, Iterator


class Interrupted(KeyboardInterrupt):
    """An interruption that came once the command had done part of its work, which it says (``cli.main`` prints
    it after 'interrupted'), such as 'after docs/ was written whole'."""


@contextlib.contextmanager
def terminate_as_interrupt():
    """Within the block, SIGTERM raises ``KeyboardInterrupt`` (in the main thread), as Ctrl-C does."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def saying_what_was_done(done: Callable[[], str]) -> Iterator[None]:
    """Within the block, an interruption says what ``done()`` says was done by then ('': nothing worth saying)."""
    try:
        yield
    except Interrupted:
        raise
    except KeyboardInterrupt as stopped:
        if said := done():
            raise Interrupted(said) from stopped
        raise


def identity(path: str) -> tuple[int, int] | None:
    """Which file or directory is at ``path`` (its device and inode), None when none is: replacing it whole
    (``write.swap_in``, ``atomicfile.replace_file``) changes it.  (None too where none can be: a path through a
    file, a folder not to be read.)"""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class Replacing:
    """The files and directories a command replaces whole, to say which it had replaced when it is stopped
    (``saying_what_was_done(replacing.done)``: 'after docs/ was written whole; site/ is as it was').  ``watch``
    each while no one else may replace it (a directory of generated files: holding ``write.build_lock``)."""

    def __init__(self) -> None:
        self.watched: dict[str, tuple[str, tuple[int, int] | None]] = {}

    def watch(self, name: str, path: str) -> None:
        """Watch ``path``, named ``name`` in what is said ('docs/')."""
        self.watched[name] = (path, identity(path))

    def done(self) -> str:
        """What was replaced and what was not, or '' when nothing was."""
        replaced = [name for name, (path, before) in self.watched.items() if identity(path) != before]
        if not replaced:
            return ""
        kept = [name for name in self.watched if name not in replaced]
        said = f"after {' and '.join(replaced)} {'was' if len(replaced) == 1 else 'were'} written whole"
        return said + "".join(f"; {name} is as it was" for name in kept)


def run_stoppable(command: list[str], **options) -> int:
    """Run ``command`` (``subprocess.Popen``'s ``options``) in a process group of its own; its exit status.
    Interrupted while it runs, the group is killed, and waited for, before the interruption goes on."""
    with subprocess.Popen(command, start_new_session=True, **options) as process:
        try:
            return process.wait()
        except BaseException:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
