"""MkDocs' build of a large site, with its pages converted and rendered on every core.

MkDocs 1.6 converts and renders the pages of a site one after the other, in one
process: at 10,000 plans (20,000 pages) that was 13 minutes on one of two
cores, and the process grew to 3.3 GB, the heap left behind by pages converted
one after another (its live objects are a few hundred MB).  There is no
plugin event to share that work out, so ``pages_made_in(processes)`` runs
``mkdocs.commands.build.build`` unchanged but for its two per-page steps:

- reading a page (``_populate_page``: Markdown to HTML) does nothing at first;
- the first call to render a page (``_build_page``) makes every page: the pages
  are dealt out to batches, and each batch is read and rendered, as MkDocs
  would, in a forked child of its own (``processes.fork_each``), so its memory
  goes back to the system when the batch is done.  Later calls do nothing.

Everything else is MkDocs' own build: files, navigation, static files,
sitemap, anchor validation, strict mode, plugin events.  What the children
learnt that the rest of the build needs comes back with each page: the
anchors it holds and links to (MkDocs validates them after rendering), its
entries for Material's search index, and what it logged, which is logged
again here, in MkDocs' order (every page's reading, then every page's
rendering), so that strict mode counts it.  The site built is the same, byte
for byte, as MkDocs builds it alone (tested).

Each plugin sees every page in the process that makes it, so this is done only
when every plugin is one whose state is known to survive it (``FORK_SAFE``:
Material's search, whose entries come back, the plansite plugin, and mike's,
which only sets the site's address and files up);
otherwise, or without ``fork``, MkDocs builds alone.  One difference a plugin
could see: ``on_env`` runs before the pages are read rather than after.
"""

from __future__ import annotations

import contextlib
import logging
import math
from dataclasses import dataclass, field
from typing import Iterator

from mkdocs.commands import build as mkdocs_build

from . import searchindex
from .processes import fork_each, processes_for
from .progress import terminal

FORK_SAFE = frozenset({"material/search", "plansite", "mike"})  # (mike's works before any page is read)
PAGES_PER_PROCESS = 200  # a second process pays for itself with about this many pages
PAGES_PER_BATCH = 500  # a child makes this many pages at most, then ends and frees its memory


def processes(config, pages: int) -> int:
    """How many processes should make the ``pages`` pages of a build with ``config``: one (MkDocs alone)
    unless every plugin is fork-safe and more processes pay (``processes_for``)."""
    if not set(config.plugins) <= FORK_SAFE:
        return 1
    return processes_for(pages, PAGES_PER_PROCESS)


@dataclass
class Made:
    """What a child sends back of one page it read and rendered."""
    anchors: set[str] | None  # the page's anchor ids
    links: dict[str, dict[str, str]] | None  # src_uri of a page linked to -> {anchor: link as written}
    entries: list[dict]  # its entries in Material's search index
    read_log: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    render_log: list[tuple[str, int, str]] = field(default_factory=list)


class _Recorder(logging.Handler):
    """Keeps what MkDocs logs, in the list ``into`` points at."""

    def __init__(self):
        super().__init__()
        self.into: list = []

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def _recording(logger: logging.Logger) -> Iterator[_Recorder]:
    """``logger``'s records go to the yielded recorder only (not to its handlers, nor its ancestors'); on
    failure they are logged as usual (shown) before the exception leaves."""
    recorder = _Recorder()
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers[:], logger.propagate = [recorder], False
    try:
        yield recorder
    except BaseException:
        logger.handlers[:], logger.propagate = handlers, propagate
        _log(recorder.into)
        raise
    finally:
        logger.handlers[:], logger.propagate = handlers, propagate


def _log(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


class _Build:
    """One build's pages, made in ``processes`` processes."""

    def __init__(self, processes: int):
        self.processes = processes
        self.files = None  # MkDocs' Files, known from the first page it asks to read
        self.made = False

    def read(self, page, config, files, dirty: bool = False) -> None:
        self.files = files

    def render(self, page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        if not self.made:
            self.made = True
            self._make(config, doc_files, nav, env)

    def _make(self, config, doc_files, nav, env) -> None:
        search = searchindex.of_build(config)
        batches = math.ceil(len(doc_files) / (self.processes * PAGES_PER_BATCH)) * self.processes
        dealt = [range(start, len(doc_files), batches) for start in range(batches)]  # every n-th page: alike
        finished = 0

        def counted(batch: int) -> None:
            nonlocal finished
            finished += len(dealt[batch])
            terminal.count("mkdocs: pages", finished, len(doc_files))

        def make(indices: range) -> list[Made]:  # in a child
            return self._make_batch([doc_files[index] for index in indices], config, doc_files, nav, env, search)

        pages: list[Made] = [None] * len(doc_files)  # type: ignore[list-item]
        for indices, made in zip(dealt, fork_each(make, dealt, self.processes, counted)):
            for index, page_made in zip(indices, made):
                pages[index] = page_made
        for file, page_made in zip(doc_files, pages):
            file.page.present_anchor_ids = page_made.anchors
            file.page.links_to_anchors = page_made.links and {
                self.files.get_file_from_path(uri): links for uri, links in page_made.links.items()}
            if search:
                search.entries.extend(page_made.entries)
        for page_made in pages:
            _log(page_made.read_log)
        for page_made in pages:
            _log(page_made.render_log)

    def _make_batch(self, batch, config, doc_files, nav, env, search) -> list[Made]:
        """Read, then render, the pages of ``batch`` (files) as MkDocs does; what each one left."""
        made = [Made(None, None, []) for _ in batch]
        with _recording(logging.getLogger("mkdocs")) as recorder:
            for file, page_made in zip(batch, made):
                recorder.into = page_made.read_log
                _original_populate(file.page, config, self.files)
            for file, page_made in zip(batch, made):
                recorder.into = page_made.render_log
                entries = len(search.entries) if search else 0
                _original_build(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
                page_made.anchors = file.page.present_anchor_ids
                page_made.links = _by_uri(file.page.links_to_anchors)
                page_made.entries = search.entries[entries:] if search else []
        return made


def _by_uri(links_to_anchors: dict | None) -> dict[str, dict[str, str]] | None:
    return None if links_to_anchors is None else {
        file.src_uri: links for file, links in links_to_anchors.items()}


_original_populate = mkdocs_build._populate_page
_original_build = mkdocs_build._build_page


@contextlib.contextmanager
def pages_made_in(processes: int) -> Iterator[None]:
    """While the block runs, MkDocs' build makes its pages in ``processes`` processes (one: as it does)."""
    if processes < 2:
        yield
        return
    build = _Build(processes)
    mkdocs_build._populate_page, mkdocs_build._build_page = build.read, build.render
    try:
        yield
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = _original_populate, _original_build
