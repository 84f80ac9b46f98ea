"""Where a Plansite project keeps what: the one place that names its folders and files.

A project is a folder holding its sources, ``SOURCES`` (plans/ and content/:
every input of a generation but mkdocs.yml), the MkDocs configuration
``CONFIG``, and what is generated from them: ``DOCS``, then site/ (where
mkdocs.yml says).
"""

from __future__ import annotations

import os
import shutil

SOURCES = ("plans", "content")
CONFIG = "mkdocs.yml"
DOCS = "docs"


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
