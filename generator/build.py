"""``plansite generate`` (plans → docs/) and ``plansite build`` (docs/ → site/ with MkDocs).

MkDocs runs in this process through its Python API (``load_config`` +
``commands.build.build``) rather than as a ``python -m mkdocs`` subprocess:
the configuration errors and strict-mode aborts arrive as exceptions we can
report and clean up after, no second interpreter has to start and import
MkDocs, Material and jieba again, and the same configuration loading serves
``plansite serve``.  MkDocs builds into a fresh directory next to site/ that
replaces site/ only when the build succeeded, so a failed or interrupted build
leaves the previous site/ as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time

from .cli import print_diagnostics
from .diagnostics import InputError, has_errors
from .load import Site, load_site
from .render import render_site
from .vocabulary import Vocabulary
from .write import write_tree

DOCS = "docs"
CONFIG = "mkdocs.yml"


def generate(root: str) -> Site | None:
    """Load, validate and render everything, then bring docs/ up to date.

    Returns the site, or None when there were errors (printed; nothing written).
    """
    site, diagnostics = load_site(root)
    if diagnostics:
        print_diagnostics(diagnostics)
    if has_errors(diagnostics):
        return None
    try:
        pages = render_site(site)
    except InputError as error:
        print_diagnostics(error.diagnostics)
        return None
    result = write_tree(os.path.join(root, DOCS), pages)
    print(f"docs/: {result}", file=sys.stderr)
    return site


def search_words(vocabulary: Vocabulary) -> list[str]:
    """Words the search index must keep whole: theme names and keywords, and the short names
    and aliases of units (基教科, 体卫艺科).  Full names and collectives (各县区教育行政部门) are
    left to jieba, which cuts them into words people search for (基础教育, 行政部门)."""
    names = [n for t in vocabulary.themes for n in (t.name, *t.keywords)]
    names += [n for d in vocabulary.departments if d.kind != "统称" for n in (d.name, *d.aliases)]
    return sorted({n.strip() for n in names if n.strip()})


def teach_segmenter(vocabulary: Vocabulary) -> None:
    """Make jieba, which Material's search plugin uses in this process, keep the vocabulary's names whole.

    Search queries are split on spaces only, so a name jieba cuts in two (基教科 → 基/教科)
    could not be found by typing it.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in search_words(vocabulary):
        jieba.add_word(word)


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


def mkdocs_build(root: str) -> int:
    """Build the site with MkDocs in strict mode into a new directory, then swap it in for site/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.monotonic()
    with mkdocs_messages():
        try:
            config = load_config(os.path.join(root, CONFIG), strict=True)
        except MkDocsException as error:
            print(f"{CONFIG}: {error}", file=sys.stderr)
            return 1
        site_dir = config.site_dir
        parent = os.path.dirname(site_dir)
        os.makedirs(parent, exist_ok=True)
        config.site_dir = tempfile.mkdtemp(prefix=".plansite-build-", dir=parent)
        try:
            build(config)
        except BaseException as error:
            shutil.rmtree(config.site_dir)
            if not isinstance(error, MkDocsException):
                raise
            print(f"build failed, {site_dir} left as it was: {error}", file=sys.stderr)
            return 1
    swap_in(config.site_dir, site_dir)
    print(f"site/: built in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 0


def swap_in(built: str, site_dir: str) -> None:
    """Put the directory ``built`` in the place of ``site_dir`` and remove the old one."""
    if not os.path.exists(site_dir):
        os.rename(built, site_dir)
        return
    retired = tempfile.mkdtemp(prefix=".plansite-old-", dir=os.path.dirname(site_dir))
    os.rename(site_dir, os.path.join(retired, "site"))
    os.rename(built, site_dir)
    shutil.rmtree(retired)


def cmd_generate(args) -> int:
    return 0 if generate(args.root) else 1


def cmd_build(args) -> int:
    site = generate(args.root)
    if site is None:
        return 1
    teach_segmenter(site.vocabulary)
    return mkdocs_build(args.root)


def register(commands) -> None:
    generate_parser = commands.add_parser("generate", help="render content/ and plans/ into docs/ (Markdown)")
    generate_parser.set_defaults(run=cmd_generate)
    build_parser = commands.add_parser("build", help="generate docs/, then build site/ with MkDocs (strict)")
    build_parser.set_defaults(run=cmd_build)
