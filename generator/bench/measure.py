"""Measure one synthetic project: ``plansite build`` stage by stage, plain MkDocs, no-op regenerations.

Every command runs in a child process of its own, so its wall time includes
starting Python and its peak memory is its own: the build's peak is that of
the whole ``plansite build``, MkDocs and the processes that render pages
included (``ru_maxrss`` from ``os.wait4``, or the sampled sum over the
processes when larger; see ``memory``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from ..pagefind import folder_size
from ..project import DOCS
from ..searchindex import INDEX, indexed_text_bytes
from .memory import TreeSampler

GENERATOR_STAGES = ("inputs", "load+validate", "corpus", "render+write")
ENGINE_STAGE = "mkdocs"


@dataclass(frozen=True)
class Run:
    """A finished child process."""

    code: int
    seconds: float     # wall time
    peak_bytes: int    # its peak memory, the processes it forked included (see ``memory``)
    stdout: str
    stderr: str


def run(argv: list[str], cwd: str | None = None) -> Run:
    """Run ``argv`` to the end, timing it and reading its peak memory."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        forked_peak = sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(process.returncode, seconds, max(usage.ru_maxrss * 1024, forked_peak), out.read(), err.read())


def plansite(root: str, *command: str) -> tuple[Run, dict[str, float]]:
    """``plansite --root ROOT COMMAND`` in a child process; the run and the command's stage times."""
    result = run([sys.executable, "-m", "generator.bench.child", root, *command])
    if result.code != 0:
        raise RuntimeError(f"plansite {' '.join(command)} failed in {root}:\n{result.stderr[-3000:]}")
    return result, json.loads(result.stdout.splitlines()[-1])["seconds"]


def plain_build(root: str) -> Run:
    """``mkdocs build`` of the project's docs/ as it is, with its mkdocs.yml (the plansite plugin included)."""
    with tempfile.TemporaryDirectory(prefix="plain-mkdocs-") as plain_site:
        plain = run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                     os.path.join(root, "mkdocs.yml"), "--site-dir", plain_site])
    if plain.code != 0:
        raise RuntimeError(f"plain MkDocs failed in {root}:\n{plain.stderr[-3000:]}")
    return plain


def file_states(directory: str) -> dict[str, tuple[int, int]]:
    """(inode, modification time) of every file below ``directory``, by relative path."""
    states = {}
    for here, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(here, name)
            info = os.stat(path)
            states[os.path.relpath(path, directory)] = (info.st_ino, info.st_mtime_ns)
    return states


@dataclass(frozen=True)
class Measurement:
    plans: int
    items: int
    pages: int                    # Markdown pages generated into docs/
    stages: dict[str, float]      # plansite build's stage times
    build: Run                    # the whole plansite build
    site_bytes: int
    index_bytes: int | None       # search/search_index.json (None: the site searches with Pagefind)
    indexed_text_bytes: int | None  # UTF-8 size of the titles and texts in it
    plain: Run | None             # plain MkDocs building the same docs/ (None: not measured at this size)
    noop: Run                     # plansite generate --force with nothing changed: every page rendered
    up_to_date: Run               # plansite generate then: docs/ found up to date (see ``uptodate``)
    noop_written: int             # files of docs/ that the two touched
    extra: dict = field(default_factory=dict)

    @property
    def generator_seconds(self) -> float:
        return sum(self.stages.get(name, 0.0) for name in GENERATOR_STAGES)

    @property
    def engine_seconds(self) -> float:
        return self.stages.get(ENGINE_STAGE, 0.0)


def measure(root: str, plans: int, items: int, plain_mkdocs: bool = True) -> Measurement:
    """Build the project at ``root`` (its docs/ and site/ are created) and measure everything (plain MkDocs
    only when ``plain_mkdocs``)."""
    build, stages = plansite(root, "build")
    site, docs = os.path.join(root, "site"), os.path.join(root, DOCS)
    before = file_states(docs)
    noop, _ = plansite(root, "generate", "--force")
    up_to_date, _ = plansite(root, "generate")
    after = file_states(docs)
    plain = plain_build(root) if plain_mkdocs else None
    material = os.path.exists(index := os.path.join(site, INDEX))  # none when the site searches with Pagefind
    return Measurement(
        plans=plans, items=items, pages=sum(name.endswith(".md") for name in before), stages=stages,
        build=build, site_bytes=folder_size(site)[1], index_bytes=os.path.getsize(index) if material else None,
        indexed_text_bytes=indexed_text_bytes(site) if material else None, plain=plain, noop=noop,
        up_to_date=up_to_date,
        noop_written=sum(after.get(path) != state for path, state in before.items()) + len(after.keys() - before))
