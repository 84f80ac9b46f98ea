"""The files of a new project (``plansite init``): the skeleton's, rendered, and the project's JSON Schemas.

The skeleton (``skeleton/``, package data) mirrors a project's folder: each of its files is a Jinja template,
rendered with the organisation's id and name and the site's title and description, and made at the same
path (``gitignore`` as ``.gitignore``: so named, git does not read it as this package's own).  Its mkdocs.yml
is this repository's with ``site_name`` and ``site_description`` left to fill: a test holds the two equal, so
the settings the site needs (search with jieba, slugify, the plansite plugin…) are written once and no new
project misses one.  A copy of this repository's mkdocs.yml could not serve: an installed package has none.
Its 关于 page (``ABOUT``) opens with ``PLACEHOLDER``, which ``plansite publish`` warns of while it is there
(``placeholder_left``).
"""

from __future__ import annotations

import math
import os

import jinja2
import yaml

from .project import PAGES
from .schema import schema_files
from .yamlsource import open_to_read

SKELETON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "skeleton")
RENAMED = {"gitignore": ".gitignore"}
ABOUT = os.path.join(PAGES, "about.md")  # the nav's 关于 page, which the skeleton leaves for the curator to write
PLACEHOLDER = "请把这一页改写成对本站的介绍。"  # what the skeleton's 关于 page asks until it is written


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line: as it is where YAML reads it so (教育局), quoted where not."""
    return yaml.safe_dump(text, allow_unicode=True, width=math.inf).removesuffix("\n...\n").removesuffix("\n")


def project_files(org: str, name: str, title: str, description: str) -> dict[str, str]:
    """{path in the project: text} of every file a new project starts with, in path order: the skeleton's for
    the organisation ``org`` named ``name`` and a site called ``title``, and the JSON Schemas."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(SKELETON), keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined, autoescape=False)
    environment.filters["yaml"] = yaml_scalar
    values = {"org": org, "name": name, "title": title, "description": description, "placeholder": PLACEHOLDER}
    files = {os.path.join(*RENAMED.get(template, template).split("/")): environment.get_template(template)
             .render(values) for template in environment.list_templates()}
    return dict(sorted({**files, **schema_files()}.items()))


def placeholder_left(root: str) -> str | None:
    """``ABOUT`` (relative to the project folder ``root``) while it still holds the skeleton's ``PLACEHOLDER``;
    None once it is written, or when there is no such page to read."""
    try:
        with open_to_read(os.path.join(root, ABOUT), "r", encoding="utf-8") as file:
            return ABOUT if PLACEHOLDER in file.read() else None
    except (OSError, UnicodeDecodeError):
        return None
