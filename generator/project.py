"""Where a Plansite project keeps what: the one place that names its folders and files.

A project is a folder holding its sources, ``SOURCES`` (plans/ and content/:
every input of a generation but mkdocs.yml; the plan format's JSON Schema is
``SCHEMA_FILE``, those of content/'s files are in ``CONTENT_SCHEMAS``), the MkDocs configuration
``CONFIG``, and what is generated from them: ``DOCS``, then site/ (where
mkdocs.yml says).  Of mkdocs.yml, generation reads only ``site_name`` and
``site_url`` (``configured``).  Its git repository marks each published edition
with a tag under ``EDITION_TAGS``.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import yaml
from yaml_env_tag import construct_env_tag

from .labels import SITE_NAME
from .yamlsource import open_to_read

PLANS = "plans"      # curated plan files, plans/<year>/<id>.yaml
CONTENT = "content"  # vocabularies, the dictionary and hand-written pages
SOURCES = (PLANS, CONTENT)
CONFIG = "mkdocs.yml"
DOCS = "docs"
PAGES = os.path.join(CONTENT, "pages")  # hand-written pages, published as they are
SCHEMA_FILE = os.path.join(PLANS, "plan.schema.json")  # the plan format's JSON Schema, next to the plans
CONTENT_SCHEMAS = os.path.join(CONTENT, "schema")  # the JSON Schemas of the files of content/
EDITION_TAGS = "edition"  # `plansite publish VERSION` tags the published commit edition/VERSION (``edition_tag``)


class ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads mkdocs.yml: ``!ENV`` as MkDocs resolves it, Python objects (such as the slugify function) as None."""


ConfigLoader.add_constructor("!ENV", construct_env_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(config_file: str) -> dict:
    """The MkDocs configuration, ``!ENV`` resolved as MkDocs does; {} when it cannot be read or is no mapping
    (MkDocs itself reports a broken configuration, and ``build.site_config`` a FIFO, not opened here)."""
    try:
        with open_to_read(config_file, "r", encoding="utf-8") as file:
            config = yaml.load(file, Loader=ConfigLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


@dataclass(frozen=True)
class SiteConfig:
    """What generation reads of the MkDocs configuration (``configured``)."""

    name: str = SITE_NAME  # site_name: the home page's heading, the feeds' titles
    url: str = ""          # site_url: where the site is published, "" when not configured


def configured(config_file: str) -> SiteConfig:
    """``site_name`` and ``site_url`` of the MkDocs configuration (``!ENV`` resolved as MkDocs does): the name
    as the function ``site_name`` reads it, the address "" when unset."""
    config = read_config(config_file)
    url = config.get("site_url")
    return SiteConfig(site_name(config.get("site_name")), url if isinstance(url, str) else "")


def site_name(value) -> str:
    """The site's name from mkdocs.yml's ``site_name`` (``value``): itself, or ``labels.SITE_NAME`` when it names
    none (missing, blank or spaces only).  The one rule of the pages plansite writes and of those MkDocs writes
    (``siteplugin``: the <title>, the feed's <link>)."""
    return value if isinstance(value, str) and value.strip() else SITE_NAME


def config_inputs(config_file: str) -> list[tuple[str, str]]:
    """What else of the project a build reads as the MkDocs configuration names it: (key, path relative to its
    folder, as written) of the configuration it inherits (``INHERIT``), the theme's overrides
    (``theme.custom_dir``), hooks (``hooks``)."""
    config = read_config(config_file)
    theme, hooks = config.get("theme"), config.get("hooks")
    named = [("INHERIT", config.get("INHERIT")),
             ("theme.custom_dir", theme.get("custom_dir") if isinstance(theme, dict) else None),
             *(("hooks", hook) for hook in (hooks if isinstance(hooks, list) else []))]
    return [(key, path) for key, path in named if isinstance(path, str) and path]


def site_dir_problem(root: str, site_dir: str) -> str | None:
    """Why the site may not be built into ``site_dir``, or None.  A build replaces that folder whole, so it must
    be none of the project's own folders (its sources, docs/, the project itself), inside none and hold none."""
    site = os.path.realpath(site_dir)
    for name in ("", *SOURCES, DOCS):
        kept = os.path.realpath(os.path.join(root, name))
        if site == kept or kept.startswith(site + os.sep) or (name and site.startswith(kept + os.sep)):
            what = f"the project's {name}/ folder" if name else "the project folder"
            return f"{site_dir} is, holds or lies in {what}, which building the site would replace; " \
                   f"build it into a folder of its own (default: site)"
    return None


def hand_written_files(root: str) -> dict[str, str]:
    """The files of content/pages/, published as they are: {'/'-path under it: path (named as
    ``load.display_path`` names files: content/pages/years.md under --root ., not ./content/…)}, in name order, its
    folders and files other than pages (images) too, but for hidden ones (.git, .DS_Store)."""
    found = {}
    pages = os.path.join(root, PAGES)
    for folder, folders, names in os.walk(pages):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        relative = os.path.relpath(folder, pages).replace(os.sep, "/").removeprefix(".").lstrip("/")
        found.update((f"{relative}/{name}".lstrip("/"), os.path.normpath(os.path.join(folder, name)))
                     for name in sorted(names) if not name.startswith("."))
    return found


def edition_tag(version: str) -> str:
    """The tag of the edition ``version``: edition/VERSION."""
    return f"{EDITION_TAGS}/{version}"


def edition_version(tag: str) -> str:
    """The version of the edition tagged ``tag`` (``edition_tag`` the other way round)."""
    return tag.removeprefix(f"{EDITION_TAGS}/")


def published_schema(root: str) -> str | None:
    """The plan format's schema in the project at ``root`` (``SCHEMA_FILE``), which the site publishes as it is
    (``render.site_copies``), so ``validate`` checks it can be read; None if it has none."""
    path = os.path.join(root, SCHEMA_FILE)
    return path if os.path.exists(path) else None


def copy_project(root: str, target: str) -> str:
    """Copy the sources and configuration of the project at ``root`` into ``target`` (created if need be)."""
    for name in (*SOURCES, CONFIG):
        source = os.path.join(root, name)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(target, name), dirs_exist_ok=True)
        else:
            os.makedirs(target, exist_ok=True)
            shutil.copy(source, os.path.join(target, name))
    return target
