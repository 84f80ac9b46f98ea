"""The files of a new project (``plansite init``): the skeleton's, rendered, and the project's JSON Schemas.

The skeleton (``skeleton/``, package data) mirrors a project's folder: each of its files is a Jinja template,
rendered with the organisation's id and name and the site's title and description, and made at the same
path (``gitignore`` as ``.gitignore``: so named, git does not read it as this package's own).  Its mkdocs.yml
is this repository's with ``site_name`` and ``site_description`` left to fill: a test holds the two equal, so
the settings the site needs (search with jieba, slugify, the plansite plugin…) are written once and no new
project misses one.  A copy of this repository's mkdocs.yml could not serve: an installed package has none.
"""

from __future__ import annotations

import math
import os

import jinja2
import yaml

from .schema import schema_files

SKELETON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "skeleton")
RENAMED = {"gitignore": ".gitignore"}


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line: as it is where YAML reads it so (教育局), quoted where not."""
    return yaml.safe_dump(text, allow_unicode=True, width=math.inf).removesuffix("\n...\n").removesuffix("\n")


def project_files(org: str, name: str, title: str, description: str) -> dict[str, str]:
    """{path in the project: text} of every file a new project starts with, in path order: the skeleton's for
    the organisation ``org`` named ``name`` and a site called ``title``, and the JSON Schemas."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(SKELETON), keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined, autoescape=False)
    environment.filters["yaml"] = yaml_scalar
    values = {"org": org, "name": name, "title": title, "description": description}
    files = {os.path.join(*RENAMED.get(template, template).split("/")): environment.get_template(template)
             .render(values) for template in environment.list_templates()}
    return dict(sorted({**files, **schema_files()}.items()))
