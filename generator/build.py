"""``plansite generate`` (plans → docs/) and ``plansite build`` (docs/ → site/ with MkDocs).

MkDocs runs in this process through its Python API (``load_config`` +
``commands.build.build``) rather than as a ``python -m mkdocs`` subprocess:
the configuration errors and strict-mode aborts arrive as exceptions we can
report and clean up after, no second interpreter has to start and import
MkDocs, Material and jieba again, and the same configuration loading serves
``plansite serve``.  docs/ and site/ are staged and swapped in whole only
when generation and build both succeeded, so a failed or killed build leaves
the previous ones as they were (see ``write``).  Builds of one project run one
at a time (``build_lock``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable, Sequence

from . import uptodate
from .builddate import reproducible_date
from .diagnostics import Diagnostic, InputError, has_errors, print_diagnostics
from .interrupt import Replacing, saying_what_was_done
from .processes import (collector_kept, collector_paused, freeze_for_exit, give_back_free_memory, in_child,
                        yield_cores)
from .progress import terminal
from .project import CONFIG, DOCS, site_dir_problem
from .write import (File, WriteResult, build_lock, existing_files, remove_leftovers, replace_files, stage_tree,
                    staging_area, swap_in, write_tree)
from .yamlsource import SPECIAL_FILE, cannot_read, special_file

RENDER = "render+write"  # pages are rendered as they are written (see ``write.Files``)
PLANS_FOR_A_CHILD = 100  # from this many plan files on, docs/ is generated in a child process (build, serve)
FIRST_WRITTEN = "first pages written:"  # what plansite generate --first prints on stdout (read by serve)


def pages(names: Iterable[str]) -> int:
    """How many of ``names`` (files of docs/) are Markdown pages: what MkDocs converts."""
    return sum(name.endswith(".md") for name in names)


def large(root: str) -> bool:
    """Is the project large enough to generate docs/ in a child process (``PLANS_FOR_A_CHILD``)?"""
    from .load import plan_paths

    return len(plan_paths(root)) >= PLANS_FOR_A_CHILD


@dataclass(frozen=True)
class Prepared:
    files: dict[str, File]  # docs/, made when written (see ``write.Files``); the model lives on in them
    said: dict              # the warnings and the note printed (``said``), as plain data
    first: list[str]        # the pages of the plan files asked for first (see ``generate``), in ``files``
    sources: dict[str, bool]  # whether the plans' source files exist (``uptodate.sources_state``)


def said(diagnostics: list[Diagnostic], note: str) -> dict:
    return {"diagnostics": [diagnostic.as_dict() for diagnostic in diagnostics], "note": note}


def tell(what: dict) -> None:
    """Print what ``said`` holds: the diagnostics, then the note."""
    if what["diagnostics"]:
        print_diagnostics([Diagnostic(**fields) for fields in what["diagnostics"]])
    if what["note"]:
        print(f"note: {what['note']}", file=sys.stderr)


def plan_pages(site, paths: Sequence[str]) -> list[str]:
    """The pages (in docs/) of the plans read from the files at ``paths``; paths of no plan file find none."""
    from .addresses import page_path

    if not paths:  # every generation but the preview's: no plan file's path resolved for nothing
        return []
    wanted = {os.path.realpath(path) for path in paths}
    return [page_path("plans", plan_file.plan.id) for plan_file in site.plans
            if os.path.realpath(plan_file.path) in wanted]


def prepare(root: str, first: Sequence[str] = (), shown: Sequence[str] | None = None) -> Prepared | None:
    """Load and validate everything, or return None when there were errors (printed).  Nothing is written.
    ``first``: paths of plan files whose pages are to be written first; ``shown``: see ``generate``."""
    # Imported here: a generation that finds docs/ up to date needs none of them (nor their imports).
    from .load import load_site, without_documents
    from .render import site_files
    from .sitehistory import read_site_history

    with terminal.stage("load+validate") as done:
        site, diagnostics = load_site(root)
        done(f"{len(site.plans):,} plans")
    if has_errors(diagnostics):
        print_diagnostics(diagnostics)
        return None
    history = read_site_history(root, site, os.path.join(root, CONFIG), shown)
    told = said(diagnostics, history.message)
    tell(told)
    sources = uptodate.sources_state(root, (f.plan.source.file for f in site.plans if f.plan.source.file))
    site = without_documents(site)
    give_back_free_memory()  # the documents were most of the heap; the renderers fork from it
    try:
        with terminal.stage("corpus") as done, collector_paused():
            files = site_files(site, history=history)
            done(f"{len(files):,} files")
        return Prepared(files, told, [name for name in plan_pages(site, first) if name in files], sources)
    except InputError as error:
        print_diagnostics(error.diagnostics)
        return None


def render_and_write(write: Callable[[], WriteResult]) -> WriteResult:
    """Run ``write`` as the render+write stage; keep the time its processes spent rendering and writing."""
    with terminal.stage(RENDER) as done:
        result = write()
        done(str(result))
    terminal.seconds.update({"render": result.render_seconds, "write": result.write_seconds})
    return result


UP_TO_DATE = " (up to date: nothing changed since the last generation)"


def inputs_and_record(root: str, force: bool = False,
                      shown: Sequence[str] | None = None) -> tuple[str, dict | None]:
    """The digest of the project's inputs (``shown``: see ``generate``), and the record of the last generation
    if docs/ is as it left it from the same inputs (see ``uptodate``; never with ``force``)."""
    with terminal.stage("inputs"):
        inputs = uptodate.fingerprint(root, shown)
        return inputs, None if force else uptodate.recorded(root, inputs)


def said_again(last: dict) -> WriteResult:
    """Print what the last generation said again; what it did, as a generation that wrote nothing."""
    tell(last["said"])
    return WriteResult(0, last["files"], ())


def write_first(docs: str, prepared: Prepared, first_written: Callable[[list[str]], None] | None) -> None:
    """Write the pages asked for first into docs/ as it is, and say which changed (see ``generate``)."""
    written = replace_files(docs, prepared.files, prepared.first)
    if written:
        print(f"docs/: {', '.join(written)} written first", file=sys.stderr)
        if first_written is not None:
            first_written(written)


def generate(root: str, force: bool = False, first: Sequence[str] = (),
             first_written: Callable[[list[str]], None] | None = None,
             shown: Sequence[str] | None = None) -> WriteResult | None:
    """Load, validate and render everything, then bring docs/ up to date (replaced whole, see ``write``);
    unless ``uptodate`` finds docs/ as the last generation left it from the same inputs, or ``force``.

    With ``first`` (paths of plan files just edited), the pages of those plans are written into docs/ before
    the others are rendered (``write.replace_files``), and ``first_written`` is told which changed: the preview
    shows them while the rest is made.  docs/ is whole again once this returns.

    ``shown`` (``plansite publish``'s): the versions whose editions the site's history shows, in that order;
    None: every edition tag's (``sitehistory.read_site_history``).

    Returns what was written, or None when there were errors (printed; nothing written).
    """
    docs, replacing = os.path.join(root, DOCS), Replacing()
    with saying_what_was_done(replacing.done), build_lock(root):
        replacing.watch("docs/", docs)
        inputs, last = inputs_and_record(root, force, shown)
        if last is not None:
            result = said_again(last)
            print(f"docs/: {result}{UP_TO_DATE}", file=sys.stderr)
            return result
        with collector_kept():  # the model and corpus, out of the collections until the pages are made
            prepared = prepare(root, first, shown)
            if prepared is None:
                return None
            if prepared.first and os.path.isdir(docs):  # (a first generation has no preview to show them in)
                write_first(docs, prepared, first_written)
                yield_cores()  # the preview rebuilds and shows those pages while the rest is made
            result = render_and_write(partial(write_tree, docs, prepared.files))
        uptodate.record(root, inputs, prepared.said, prepared.sources)
    print(f"docs/: {result}", file=sys.stderr)
    return result


def site_config(root: str, **options):
    """mkdocs.yml loaded with ``options``, the plansite plugin required; None when it cannot be (printed)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from . import siteplugin

    path = os.path.join(root, CONFIG)
    if special_file(path):  # MkDocs opens it itself (naming an absent one in its words), so would open a FIFO
        print(cannot_read(path, SPECIAL_FILE), file=sys.stderr)
        return None
    try:
        config = load_config(path, **options)
        siteplugin.require(config)
    except MkDocsException as error:
        print(f"{CONFIG}: {error}", file=sys.stderr)
        return None
    except OSError as error:  # a folder named mkdocs.yml
        print(cannot_read(path, error.strerror or str(error)), file=sys.stderr)
        return None
    return config


@contextlib.contextmanager
def plugins_started(config, command: str, dirty: bool):
    """Run the block between the plugins' ``on_startup`` and ``on_shutdown``, as MkDocs' own commands do.
    MkDocs keeps one instance of a plugin that has them for every configuration a process loads: started
    for this command, the plansite plugin forgets a preview that ran before in the same process."""
    config.plugins.on_startup(command=command, dirty=dirty)
    try:
        yield
    finally:
        config.plugins.on_shutdown()


@contextlib.contextmanager
def mkdocs_messages(level: int = logging.WARNING):
    """Show MkDocs' log records of ``level`` and above on stderr while the block runs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@dataclass(frozen=True)
class Staged:
    """A generation of docs/ for a build."""

    result: WriteResult  # what it wrote
    pages: int           # how many Markdown pages docs/ holds
    said: dict           # what it printed (see ``said``)
    sources: dict[str, bool]  # whether the plans' source files exist (``uptodate.sources_state``)


def stage_docs(root: str, staged_docs: str) -> tuple[Staged | None, dict[str, float]]:
    """Generate docs/ into the new directory ``staged_docs``: what was done (None when there were errors,
    printed; nothing written), and the times of the stages."""
    with collector_kept():  # the model and corpus, out of the collections until the pages are made
        prepared = prepare(root)
        if prepared is None:
            return None, dict(terminal.seconds)
        files, told, sources = prepared.files, prepared.said, prepared.sources
        del prepared  # the model lives on in ``files``' functions, as long as they are needed
        result = render_and_write(partial(stage_tree, os.path.join(root, DOCS), files, staged_docs))
    return Staged(result, pages(files), told, sources), dict(terminal.seconds)


def build_site(root: str) -> int:
    """Generate docs/ into a staging area, build site/ from it with MkDocs in strict mode, and swap both in
    only when both succeeded.  Call it holding ``build_lock``.

    When docs/ is up to date (``uptodate``), nothing is generated: MkDocs builds docs/ itself.

    A large site is generated in a forked child (``processes.in_child``): the memory of its model goes
    back to the system when the child ends, before MkDocs starts, instead of staying in this process's
    heap through MkDocs' build and Pagefind's indexing (1.9 GB at 10,000 plans).
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from . import buildhooks, forkbuild

    started = time.monotonic()
    docs_dir, replacing = os.path.join(root, DOCS), Replacing()
    replacing.watch("docs/", docs_dir)
    inputs, last = inputs_and_record(root)
    with saying_what_was_done(replacing.done), mkdocs_messages(), staging_area(root) as docs_area:
        if last is not None:  # docs/ holds what generating would stage: MkDocs reads it (no one writes it now)
            source = docs_dir
            staged = Staged(said_again(last), pages(existing_files(docs_dir)), last["said"], last["sources"])
        else:
            source = os.path.join(docs_area, DOCS)
            generate_docs = partial(stage_docs, root, source)
            staged, seconds = in_child(generate_docs) if large(root) else generate_docs()
            terminal.seconds.update(seconds)
            if staged is None:
                return 1
        # absolute: MkDocs reads a relative docs_dir from mkdocs.yml's folder, not from the working directory
        config = site_config(root, strict=True, docs_dir=os.path.abspath(source))
        if config is None:
            return 1
        if (problem := site_dir_problem(root, config.site_dir)) is not None:
            print(f"{CONFIG}: site_dir: {problem}", file=sys.stderr)
            return 1
        processes = forkbuild.processes(config, staged.pages)
        buildhooks.prepare(config, count_pages=processes == 1)  # progress, cached theme templates
        site_dir = config.site_dir
        replacing.watch(f"{os.path.relpath(site_dir, root)}/", site_dir)
        site_parent = os.path.dirname(site_dir)
        if os.path.isdir(site_parent) and not os.path.samefile(site_parent, root):
            remove_leftovers(site_parent)  # build_lock cleaned root, where docs_area now is
        with staging_area(site_parent) as site_area:
            config.site_dir = os.path.join(site_area, os.path.basename(site_dir))
            try:
                with (plugins_started(config, "build", dirty=False), terminal.stage("mkdocs"),
                      reproducible_date(root), forkbuild.pages_made_in(processes)):
                    build(config)  # the plansite plugin compacts the search index or runs Pagefind
            except MkDocsException as error:
                print(f"build failed, docs/ and {site_dir} left as they were: {error}", file=sys.stderr)
                return 1
            if staged.result.changed:
                swap_in(source, docs_dir)
            swap_in(config.site_dir, site_dir)
        if last is None:
            uptodate.record(root, inputs, staged.said, staged.sources)
    print(f"docs/: {staged.result}{UP_TO_DATE if last else ''}", file=sys.stderr)
    made_in = f" (pages made in {processes} processes)" if processes > 1 else ""
    print(f"{os.path.relpath(site_dir, root)}/: built in {time.monotonic() - started:.1f}s{made_in}", file=sys.stderr)
    return 0


def say_first_written(names: list[str]) -> None:
    print(FIRST_WRITTEN, *names, flush=True)


def cmd_generate(args) -> int:
    result = generate(args.root, force=args.force, first=args.first, first_written=say_first_written)
    freeze_for_exit()  # the preview waits for this process to end (``serve.regenerate``)
    return 0 if result else 1


def cmd_build(args) -> int:
    with build_lock(args.root):
        return build_site(args.root)


def register(commands) -> None:
    generate_parser = commands.add_parser("generate", help="render content/ and plans/ into docs/ (Markdown)")
    generate_parser.add_argument("--force", action="store_true",
                                 help="render every page even when docs/ is up to date with the inputs")
    generate_parser.add_argument("--first", action="append", default=[], metavar="PLAN_FILE",
                                 help="write this plan file's page into docs/ before rendering the others, and "
                                      f"say so on stdout ('{FIRST_WRITTEN} PAGE...'): plansite serve shows an "
                                      "edited plan first. Until the command ends docs/ mixes new and old pages, "
                                      "and the other pages are made at a lower CPU priority (nice 10)")
    generate_parser.set_defaults(run=cmd_generate)
    build_parser = commands.add_parser("build", help="generate docs/, then build site/ with MkDocs (strict)")
    build_parser.set_defaults(run=cmd_build)
