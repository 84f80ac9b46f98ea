"""Is docs/ up to date?  What lets a ``plansite generate`` with nothing to do stop after a glance.

Generation is a function of its inputs and nothing else:

* the files of plans/ and content/ (their bytes);
* mkdocs.yml's ``site_name`` and ``site_url`` (as MkDocs resolves them, ``!ENV``
  included): the only settings the pages use;
* what git says: the commit checked out (page dates), whether the clone is
  shallow, and the edition tags (editions and their changelogs), with the
  versions of those the history shows when not all (``plansite publish``);
* the day progress is shown as of (``builddate.build_day``: what is overdue), and the time zone it starts in
  (``builddate.day_start``: when datapackage.json says its data was made);
* the code: this package's files and the distributions installed beside it
  (Jinja, PyYAML, Material's search worker…);
* the root as given (``--root``), which names the files in diagnostics;
* whether each plan's source file (``source.file``, usually outside plans/)
  exists: generation warns of a missing one.  Only generation reads the plans,
  so the record keeps the answer (``sources_state``) and ``recorded`` asks
  again.

``fingerprint`` digests all of them.  After a generation ``record`` writes
the digest into the project's ``STATE`` file (beside docs/, so that docs/
holds only what is generated), with the state of every file of docs/ (size,
time, inode) and what the generation said (warnings, notes).  ``recorded``
gives that record back only while both still hold: the inputs digest the
same, and docs/ is as the generation left it.  A generation that finds it
stops there, saying again what the last one said, in a fraction of a second
instead of rendering every page to compare it with the file on disk; a build
that finds it has MkDocs read docs/ as it is.

Being wrong in one direction is cheap, in the other not: anything not
covered above that a generation reads would make this stop too early.  So
the digest is deliberately coarse (any file of plans/ or content/, the whole
package, every installed distribution's name and version), an interrupted
generation leaves the previous record or none, and ``plansite generate
--force`` skips the check.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import astuple
from functools import cache
from typing import Iterable, Sequence

from .atomicfile import replace_file
from .builddate import build_day, day_start
from .gitrepo import GitError, Repo
from .project import CONFIG, DOCS, EDITION_TAGS, SOURCES, configured
from .write import existing_files
from .yamlsource import open_to_read

STATE = ".plansite-state.json"  # in the project root
VERSION = 2  # of the record's format


def fingerprint(root: str, shown: Sequence[str] | None = None) -> str:
    """A digest of everything a generation of the project at ``root`` reads (see the module's text), the
    history showing the editions of the versions ``shown`` (None: all)."""
    digest = hashlib.blake2b(digest_size=20)

    def add(*texts: str) -> None:
        for text in texts:
            data = text.encode("utf-8", "surrogateescape")
            digest.update(b"%d:" % len(data) + data)

    for folder in SOURCES:
        for relative, path in files_below(os.path.join(root, folder)):
            data = input_bytes(path)
            if isinstance(data, str):  # why it cannot be read: its reader, if any, reports it
                add(f"{folder}/{relative}", data)
                continue
            add(f"{folder}/{relative}", str(len(data)))
            digest.update(data)
    # The root as given too: the diagnostics said again name files as the last generation was given them.
    add(root, *astuple(configured(os.path.join(root, CONFIG))), *git_state(root),
        day_start(build_day()).isoformat(),
        "all" if shown is None else "shown:" + "\0".join(shown), *code_state())
    return digest.hexdigest()


def input_bytes(path: str) -> bytes | str:
    """The bytes of an input file, or why it cannot be read (a dangling symlink, a loop of them, no permission):
    loading reports a plan's or a vocabulary's file that cannot be read, and a generation reads no other (nor
    a FIFO: ``open_to_read``)."""
    try:
        with open_to_read(path) as file:
            return file.read()
    except OSError as error:
        return f"unreadable: {error.strerror}"


def files_below(directory: str) -> list[tuple[str, str]]:
    """(relative '/'-path, path) of every file below ``directory`` but in ``__pycache__``, in name order."""
    return [(relative, os.path.join(directory, *relative.split("/")))
            for relative in sorted(existing_files(directory)) if "__pycache__" not in relative.split("/")]


def git_state(root: str) -> list[str]:
    """The commit checked out, whether the clone is shallow, and the edition tags; or why git could not say."""
    repo = Repo(root)
    try:
        return [repo.git("rev-parse", "--is-shallow-repository", "HEAD"),
                repo.git("for-each-ref", "--format=%(refname) %(objectname)", f"refs/tags/{EDITION_TAGS}/")]
    except GitError as error:
        return [type(error).__name__, str(error)]


@cache
def code_state() -> tuple[str, ...]:
    """Python's version, this package's files (``stamp``) and the distributions Python can import, as the
    process's first call found them: the code it runs is the code it imported then, whatever is edited or
    installed meanwhile (``plansite serve`` generates in its own process, and its record must name the code that
    made the pages, not a .py file edited since)."""
    package = os.path.dirname(os.path.abspath(__file__))
    files = [f"{relative} {stamp(path)}" for relative, path in files_below(package)]
    installed = sorted(name for folder in sys.path if os.path.isdir(folder or ".")
                       for name in os.listdir(folder or ".") if name.endswith(".dist-info"))
    return (sys.version, *files, *installed)


def code_digest() -> str:
    """A digest of ``code_state``: what keys a cache of results computed by this code (new code, new cache;
    a pickle is read only by the code, on this machine, that wrote it).  Made once for the state, which a
    process reads once: as long-lived as it (``plansite serve`` keeps both, the code it runs)."""
    return state_digest(code_state())


@cache
def state_digest(state: tuple[str, ...]) -> str:
    """The digest of a code state (``code_digest``)."""
    digest = hashlib.blake2b(digest_size=20)
    for text in state:
        digest.update(text.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def docs_state(root: str) -> tuple[str, int] | None:
    """A digest of the size, time and inode of every file of the project's docs/, and how many there are;
    None when there is no docs/."""
    docs = os.path.join(root, DOCS)
    if not os.path.isdir(docs):
        return None
    digest = hashlib.blake2b(digest_size=20)
    files = files_below(docs)
    for relative, path in files:
        digest.update(f"{relative} {stamp(path)}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), len(files)


def stamp(path: str) -> str:
    """What changes when a file is written or replaced: its size, modification time and inode."""
    info = os.stat(path)
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"


def sources_state(root: str, paths: Iterable[str]) -> dict[str, bool]:
    """Whether each of the plans' source files at ``paths`` (from the project root) exists."""
    return {path: os.path.exists(os.path.join(root, path)) for path in sorted(set(paths))}


def record(root: str, inputs: str, said: dict, sources: dict[str, bool]) -> None:
    """Write the record of a generation of the project's docs/ from inputs digesting to ``inputs``; ``said``
    is what it printed, for ``recorded`` to give back (plain JSON data); ``sources`` whether the plans'
    source files existed (``sources_state``)."""
    state = docs_state(root)
    if state is None:
        return
    text = json.dumps({"version": VERSION, "inputs": inputs, "docs": state[0], "files": state[1], "said": said,
                       "sources": sources}, ensure_ascii=False, indent=1)
    path = os.path.join(root, STATE)
    try:
        replace_file(path, text)
    except OSError as error:  # the record only saves time: a stale one cannot match the new docs/
        print(f"note: docs/ not recorded as up to date, the next generation renders every page: {error}",
              file=sys.stderr)


def recorded(root: str, inputs: str) -> dict | None:
    """The record of the last generation of docs/ if its inputs digested to ``inputs`` and docs/ is as
    it left it: {"files": how many, "said": what it printed}; else None (also for a FIFO in its place, not
    opened: ``record`` replaces it)."""
    path = os.path.join(root, STATE)
    try:
        with open_to_read(path, "r", encoding="utf-8") as file:
            state = json.load(file)
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != VERSION or state.get("inputs") != inputs:
        return None
    if docs_state(root) != (state.get("docs"), state.get("files")):
        return None
    sources = state.get("sources")
    if not isinstance(sources, dict) or sources_state(root, sources) != sources:
        return None
    return state
