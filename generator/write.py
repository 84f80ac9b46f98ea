"""Replace a generated directory (docs/, site/) whole and in one step, touching only the files that changed.

The guarantee: whatever happens to a build (an error, a full disk, ``kill -9``),
every reader of docs/ and site/ -- a web server, ``mkdocs serve``, the next
build -- finds the complete previous tree or the complete new one, never a mix
of old and new pages, never a half-written file, never nothing.

How
---
* **Staging.**  The new tree is written into a fresh directory next to the
  target (``.plansite-build-*`` in the same parent, so on the same file
  system; see ``staging_area``), never into the target itself.
* **Swapping.**  ``swap_in`` exchanges the staged directory with the target
  in a single ``renameat2(RENAME_EXCHANGE)`` system call (Linux): there is no
  instant at which the target is missing or partly replaced.  Where that call
  is missing (other systems; file systems that refuse it) two renames are
  used, and the target is absent for the instant between them.
* **Only changes are new.**  A staged file whose bytes the target already
  holds is a hard link to the existing file (same inode, same modification
  time), not a copy; changed files are new files.  ``mkdocs serve`` polls
  docs/ and compares each path's inode and time, so after a swap it sees
  exactly the files that changed, and a generation that changes nothing swaps
  nothing (``write_tree``).  This is what keeps ``plansite serve``'s reloads
  fast.  Where hard links are impossible files are copied with their times.
* **Leftovers.**  A killed build leaves its staging directory behind.  Builds
  of a project run one at a time under ``build_lock`` (an advisory ``flock``
  on the project directory, released by the kernel when a process dies), so a
  build holding it knows every ``.plansite-build-*`` it finds is a leftover,
  and ``remove_leftovers`` deletes them.
* **docs/ and site/ together.**  ``plansite build`` stages docs/, lets MkDocs
  build the staged docs into a staged site/, and swaps docs/ and then site/ in
  only when both succeeded (see ``build.build_site``).  Killed between the
  two swaps it leaves the new docs/ with the previous site/, each complete.

Why not replace files one by one (each atomically) in docs/ itself, as the
first version did?  A generation killed half-way left docs/ holding new pages
that link to old ones, which ``mkdocs serve`` or the next ``mkdocs build``
would publish as they were.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping

from .processes import c_function, fork_map, processes_for
from .yamlsource import SpecialFile, open_to_read

STAGING_PREFIX = ".plansite-build-"
# Fewer files than this per process, and a second process costs more than it saves (forking, and the
# child copying the memory it touches): the example site is made in one process.
FILES_PER_PROCESS = 1000
# A generation names the files it removed from docs/ when there are at most this many: a file put there by
# hand (docs/ is generated whole) is named as it goes, and a large change is not listed file by file.
NAMED_REMOVALS = 5

# What a generated file holds: its content, or a function that makes it when the file is written.  A
# large site's pages are rendered one at a time as they are written, never all held in memory at once.
Content = str | bytes
File = Content | Callable[[], Content]
Files = Mapping[str, File]
Made = list[tuple[str, File]]  # files as they are made, by path, before ``render.site_files`` puts them in ``Files``


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: tuple[str, ...]  # the files of the directory no longer in it, in name order
    # Seconds spent making the files' contents (rendering pages) and comparing and writing them, each summed
    # over the processes that did it: where the time of writing a tree goes, not part of what was written.
    render_seconds: float = field(default=0.0, compare=False)
    write_seconds: float = field(default=0.0, compare=False)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)

    def __str__(self) -> str:
        named = f" ({', '.join(self.removed)})" if 0 < len(self.removed) <= NAMED_REMOVALS else ""
        return f"{self.written} written, {self.unchanged} unchanged, {len(self.removed)} removed{named}"


def as_bytes(content: Content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def content_of(file: File) -> Content:
    """What a file of ``Files`` holds, made now if it is made on demand."""
    return file() if callable(file) else file


def read_bytes(path: str) -> bytes:
    with open_to_read(path) as file:
        return file.read()


def copy_of(path: str) -> Callable[[], bytes]:
    """A file of ``Files`` holding what the file at ``path`` holds when it is written."""
    return functools.partial(read_bytes, path)


def current_bytes(path: str) -> bytes | None:
    """What the file ``path`` of a generated directory holds; None where it holds none, or is a FIFO put there
    (not opened: like any file that differs, it is replaced)."""
    try:
        return read_bytes(path)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, SpecialFile):
        return None


def existing_files(directory: str) -> list[str]:
    """Every file below ``directory``, as relative '/'-separated paths."""
    found = []
    for folder, _, files in os.walk(directory):
        relative = os.path.relpath(folder, directory)
        found.extend(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
                     for name in files)
    return found


def link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # no hard links on this file system (or across a mount point): copy, keeping the times
        shutil.copy2(source, target)


def stage_files(directory: str, files: Files, staged: str, names: list[str]) -> WriteResult:
    """Write the ``files`` named ``names`` into ``staged``: written and unchanged as ``stage_tree`` counts."""
    written = unchanged = 0
    rendering = writing = 0.0
    for relative in names:
        started = time.perf_counter()
        data = as_bytes(content_of(files[relative]))
        made = time.perf_counter()
        parts = relative.split("/")
        target = os.path.join(staged, *parts)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        current = os.path.join(directory, *parts)
        if current_bytes(current) == data:
            link_or_copy(current, target)
            unchanged += 1
        else:
            with open(target, "xb") as file:
                file.write(data)
            written += 1
        rendering += made - started
        writing += time.perf_counter() - made
    return WriteResult(written, unchanged, (), rendering, writing)


def stage_tree(directory: str, files: Files, staged: str, processes: int | None = None) -> WriteResult:
    """Write ``files`` ({relative '/'-path: content}) into the new directory ``staged``.

    Files whose bytes ``directory`` already holds are hard links to them; the
    result compares ``files`` with what ``directory`` holds now.  The files are
    made and written by ``processes`` processes, by default as many as pay
    (see ``processes.processes_for``), each taking every n-th file in name order.
    """
    os.makedirs(staged)
    names = sorted(files)
    processes = processes or processes_for(len(names), FILES_PER_PROCESS)
    shares = fork_map(functools.partial(stage_files, directory, files, staged),
                      [names[start::processes] for start in range(processes)])
    removed = tuple(sorted(relative for relative in existing_files(directory) if relative not in files))
    return WriteResult(sum(share.written for share in shares), sum(share.unchanged for share in shares), removed,
                       sum(share.render_seconds for share in shares), sum(share.write_seconds for share in shares))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(first: str, second: str) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not available."""
    renameat2 = c_function("renameat2")
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # the kernel or the file system cannot
        return False
    raise OSError(code, os.strerror(code), first, None, second)


def swap_in(staged: str, directory: str) -> None:
    """Put the directory ``staged`` in the place of ``directory``; the old tree is left where ``staged`` was
    (or next to it), inside its staging area, which removes it."""
    if not os.path.lexists(directory):
        os.rename(staged, directory)
    elif not exchange(staged, directory):
        os.rename(directory, staged + "-old")
        os.rename(staged, directory)


def remove_leftovers(parent: str) -> None:
    """Remove the staging directories of killed builds from ``parent``: call it holding ``build_lock``."""
    with contextlib.suppress(FileNotFoundError):
        for name in os.listdir(parent):
            if name.startswith(STAGING_PREFIX):
                shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


@contextlib.contextmanager
def staging_area(parent: str) -> Iterator[str]:
    """A new directory in ``parent`` to stage trees in; removed afterwards with whatever it then holds."""
    os.makedirs(parent, exist_ok=True)
    area = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent)
    try:
        yield area
    finally:
        shutil.rmtree(area, ignore_errors=True)


@contextlib.contextmanager
def build_lock(root: str) -> Iterator[None]:
    """Hold the project's build lock while the block runs (waiting for another build to finish first),
    and remove the leftovers of killed builds from ``root``."""
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        remove_leftovers(root)
        yield
    finally:
        os.close(handle)  # releases the lock


def replace_files(directory: str, files: Files, names: list[str]) -> list[str]:
    """Write the ``files`` named ``names`` into ``directory`` itself, each replaced whole by a rename, where
    its bytes changed; the names of those written.

    This gives up, for these files, the guarantee of ``write_tree``: until the tree that follows is swapped in,
    ``directory`` holds them new beside the other files old.  Only the preview asks for it (see
    ``build.generate``), to show an edited plan before every page is made again.
    """
    written = []
    with staging_area(os.path.dirname(os.path.abspath(directory))) as area:
        for relative in names:
            data = as_bytes(content_of(files[relative]))
            target = os.path.join(directory, *relative.split("/"))
            if current_bytes(target) == data:
                continue
            staged = os.path.join(area, str(len(written)))
            with open(staged, "xb") as file:
                file.write(data)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(staged, target)
            written.append(relative)
    return written


def write_tree(directory: str, files: Files, processes: int | None = None) -> WriteResult:
    """Make ``directory`` hold exactly ``files``, replacing it whole when anything changed."""
    with staging_area(os.path.dirname(os.path.abspath(directory))) as area:
        staged = os.path.join(area, os.path.basename(directory))
        result = stage_tree(directory, files, staged, processes)
        if result.changed:
            swap_in(staged, directory)
    return result
