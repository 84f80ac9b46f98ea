"""The ``plansite`` MkDocs plugin: what the site needs from every build of it.

mkdocs.yml lists it after Material's search plugin::

    plugins:
      - search: {...}
      - plansite

so that every process that builds docs/ builds the same site: ``plansite
build`` and ``plansite serve`` (MkDocs in this process), a plain ``mkdocs
build``, and mike, which builds each published edition in a ``mkdocs``
process of its own.  Before, these additions were made in ``plansite build``
only, and published editions searched worse (jieba did not know 基教科) and
downloaded an index twice the size.

- the site's name is the one generation gives it (``project.site_name``: a blank
  ``site_name`` is ``labels.SITE_NAME``), in every page's <title> and feed <link>;
- before Material's search plugin reads its configuration: the jieba
  dictionary paths are made relative to mkdocs.yml (``anchor_dictionaries``),
  jieba learns the vocabularies' names (``teach_segmenter``; the project is
  the folder of mkdocs.yml), the search index gains a field for the pages'
  aliases (``searchaliases``), the theme gains the site's own templates
  (``THEME``: a 404 page in Chinese), and with ``extra.plansite.search: pagefind``
  Material's search is replaced by Pagefind's (``pagefind.configure``);
- pages are converted with ``fastinline`` added to ``markdown_extensions``:
  Python-Markdown skips its inline patterns for text none of them can match
  (the same HTML, a tenth less time converting pages);
- while pages are built, jieba cuts each distinct run of Chinese once
  (``remember_cuts``: a site repeats many; cutting was a sixth of a build);
- once Material's search plugin indexed a plan page: its items' entries gain
  the plan's year (``searchyear``: 学前教育 2025 finds 2025's items first);
  a department's or a metric's page's own entry, its aliases (``searchaliases``);
- once a page is written, its Markdown and HTML are dropped: MkDocs would
  keep them until the build ends, memory that grows with the site;
- after Material's search plugin wrote its index: the index is rewritten in
  UTF-8, sections' addresses by their anchors (``searchindex.compact``), or
  the built site is indexed by Pagefind.
  A preview (``mkdocs serve``, ``plansite serve``) keeps the index as Material
  wrote it, and its dirty rebuilds keep the Pagefind index of its first build:
  at 1,000 plans compacting took 3 s and indexing 23 s of every rebuild;
- before Material's search plugin writes the index of a dirty rebuild: the
  entries of the pages made replace theirs in the last index
  (``_merge_rebuilt_pages``).

It never writes into docs/.  Another engine reading mkdocs.yml (Zensical)
does not run it and builds the same pages with its own search.
"""

from __future__ import annotations

import html
import logging
import os

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from . import pagefind, searchaliases, searchindex, searchyear
from .diagnostics import has_errors
from .addresses import FEED_ALL
from .fastinline import FastInlineExtension
from .labels import feed_all_title
from .load import load_vocabulary
from .progress import terminal
from .project import site_name
from .segmentation import anchor_dictionaries, remember_cuts, teach_segmenter

NAME = "plansite"
log = logging.getLogger(f"mkdocs.plugins.{NAME}")
THEME = os.path.join(os.path.dirname(__file__), "theme", "site")  # templates of Material's put in Chinese


def add_theme_folder(config, folder: str) -> None:
    """Put ``folder``'s templates before Material's, after a project's own overrides (``custom_dir``), once:
    plansite serve configures again on each rebuild."""
    if folder not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, folder)


def feed_link(page_url: str, site_name: str) -> str:
    """The <link> in a page's head that lets a feed reader given the page's address find the feed of every change
    of the site ``site_name`` (Atom autodiscovery); a theme's or a department's feed is linked in its page's text."""
    title, href = html.escape(feed_all_title(site_name)), get_relative_url(FEED_ALL, page_url)
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'


class PlansitePlugin(BasePlugin):
    def __init__(self):
        super().__init__()
        self.forget_cuts = lambda: None  # no build under way: jieba cuts as it does
        self.previewing = False  # built for mkdocs serve or plansite serve
        self.dirty = False       # rebuilds write only the pages that changed
        self.made: set[str] = set()  # the URLs of the pages this build made

    def on_startup(self, *, command, dirty):
        self.previewing, self.dirty = command == "serve", dirty

    @event_priority(100)  # before Material's search plugin loads the jieba dictionaries
    def on_config(self, config):
        config.site_name = site_name(config.site_name)  # as generation names the site (a blank one in <title>)
        project = os.path.dirname(os.path.abspath(config.config_file_path))
        search = config.plugins.get("material/search")
        if search is not None:
            anchor_dictionaries(search.config, project)
            searchaliases.add_field(search.config.fields)
        diagnostics: list = []
        vocabulary, _ = load_vocabulary(project, diagnostics)
        if has_errors(diagnostics):  # a warning (an empty list of departments) leaves the vocabulary whole
            log.warning(f"content/ has {len(diagnostics)} problem(s) (see `plansite check`): "
                        "search may not keep every department and theme name whole")
        teach_segmenter(vocabulary)
        add_theme_folder(config, THEME)
        if pagefind.chosen(config):
            add_theme_folder(config, pagefind.THEME)
            pagefind.configure(config, search)
        if not any(isinstance(extension, FastInlineExtension) for extension in config.markdown_extensions):
            # MkDocs passes the list to each page's Markdown (once: plansite serve configures again per rebuild)
            config.markdown_extensions.append(FastInlineExtension())
        return config

    def on_pre_build(self, *, config):
        # After every plugin's on_config: Material's search plugin has loaded its jieba user dictionary.
        self.forget_cuts = remember_cuts()
        self.made = set()

    def on_build_error(self, *, error):
        self.forget_cuts()

    @event_priority(-100)  # after Material's search plugin indexed the page
    def on_page_context(self, context, *, page, config, nav):
        index, year = searchindex.of_build(config), page.meta.get(searchyear.YEAR)
        aliases = page.meta.get(searchaliases.ALIASES)
        if index is None or (year is None and not aliases):
            return context
        entries = index.entries
        start = len(entries)  # the page's entries are the last ones
        while start and entries[start - 1]["location"].split("#", 1)[0] == page.url:
            start -= 1
        if year is not None:
            entries[start:] = [searchyear.dated(entry, year) for entry in entries[start:]]
        if aliases and start < len(entries):  # Material indexes a page's own entry before its sections'
            entries[start] = searchaliases.named(entries[start], aliases, index)
        return context

    @event_priority(-100)  # after every other plugin saw the page
    def on_post_page(self, output, *, page, config):
        # MkDocs keeps every page's Markdown and HTML to the end of the build; the page is written now.
        # (An empty source, not None: MkDocs answers page.title, which later pages may show, only with one.)
        page.markdown, page.content = "", None
        self.made.add(page.url)
        return output.replace("</head>", feed_link(page.url, config.site_name) + "</head>", 1)

    @event_priority(100)  # before Material's search plugin writes search/search_index.json
    def _merge_rebuilt_pages(self, *, config):
        """After a dirty rebuild, the search index: the last one with the entries of the pages made now
        replaced.  Material's search plugin drops instead every entry whose location starts with the first
        new entry's; the home page's is "", so after an edit that changed the home page the preview
        searched only the pages rebuilt.  (Material's plugin state: its last index and this build's.)"""
        search = config.plugins.get("material/search")
        last = getattr(search, "search_index_prev", None)
        if not self.dirty or last is None or not search.config.enabled:
            return
        kept = [entry for entry in last.entries if entry["location"].split("#", 1)[0] not in self.made]
        search.search_index.entries = kept + search.search_index.entries
        search.search_index_prev = None  # merged: Material's own merge would drop entries again

    @event_priority(-100)  # after Material's search plugin wrote search/search_index.json
    def _index_site(self, *, config):
        self.forget_cuts()
        if pagefind.chosen(config):
            if self.dirty and os.path.isdir(os.path.join(config.site_dir, pagefind.BUNDLE)):
                log.info("Pagefind: the preview searches the pages as first built (restart to index changes)")
                return
            with terminal.stage("pagefind") as done:
                done(pagefind.index(config.site_dir))
            return
        if self.previewing:
            return
        with terminal.stage("search index") as done:
            sizes = searchindex.compact(config.site_dir)
            done(f"{sizes[0]:,} → {sizes[1]:,} bytes" if sizes else "none")

    on_post_build = CombinedEvent(_merge_rebuilt_pages, _index_site)


def require(config) -> None:
    """Stop (Abort) when a loaded configuration does not use the plugin: its site would search worse."""
    if NAME not in config.plugins:
        raise Abort(f"{os.path.basename(config.config_file_path)}: add `- {NAME}` to `plugins:`, after `search` "
                    "(it teaches the search the vocabularies' words and compacts its index)")
