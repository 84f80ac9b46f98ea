"""What ``plansite build`` adds to its own MkDocs build: progress on the terminal, cached templates.

``prepare`` adjusts the loaded configuration before MkDocs builds (a progress
plugin; compiled theme templates kept between runs).  These change how a
build is run, never what it builds: what the site itself needs from MkDocs is
in the plansite plugin (``siteplugin``), which every build runs.  ``plansite
serve`` uses ``cache_templates`` and ``list_theme_once``.
"""

from __future__ import annotations

import jinja2
from mkdocs.plugins import BasePlugin

from .progress import Progress, terminal


class ProgressPlugin(BasePlugin):
    """Counts the pages MkDocs converts and renders, for the terminal."""

    def __init__(self, progress: Progress):
        super().__init__()
        self.progress = progress
        self.total = self.converted = self.rendered = 0

    def on_files(self, files, *, config):
        self.total = len(files.documentation_pages())
        return files

    def on_page_content(self, html, *, page, config, files):
        self.converted += 1
        self.progress.count("mkdocs: Markdown", self.converted, self.total)
        return html

    def on_post_page(self, output, *, page, config):
        self.rendered += 1
        self.progress.count("mkdocs: pages", self.rendered, self.total)
        return output


class TemplateCache(BasePlugin):
    """Gives the theme's Jinja environment a bytecode cache (in the user's temporary directory).

    MkDocs makes a new environment for every build and compiles Material's
    templates again, a quarter of a second that every rebuild of
    ``plansite serve`` would pay.
    """

    def on_env(self, env, *, config, files):
        env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        return env


def cache_templates(config) -> None:
    config.plugins["plansite/template-cache"] = TemplateCache()


def list_theme_once(config) -> None:
    """Make the theme's environment list its files once for every build with this configuration.

    Each build lists every file of the theme's folders to copy its static
    files (MkDocs' ``add_files_from_theme``): about 14,500 names for Material,
    0.15 s, more than a third of a rebuild of ``plansite serve`` on the example
    site.  The preview builds again with one configuration for its session, so
    the list is kept; a file added to a theme folder is copied after a restart.
    """
    get_env, listed = config.theme.get_env, {}

    def environment() -> jinja2.Environment:
        env = get_env()
        list_templates = env.list_templates

        def listed_once(extensions=None, filter_func=None):
            key = (extensions and tuple(extensions), getattr(filter_func, "__code__", filter_func))
            if key not in listed:
                listed[key] = list_templates(extensions, filter_func)
            return listed[key]

        env.list_templates = listed_once
        return env

    config.theme.get_env = environment


def prepare(config, count_pages: bool = True) -> None:
    """Adjust a loaded MkDocs configuration for this build (``count_pages``: MkDocs makes the pages in this
    process, and a plugin can count them; ``forkbuild`` counts those it makes in others)."""
    if count_pages:
        config.plugins["plansite/progress"] = ProgressPlugin(terminal)
    cache_templates(config)
