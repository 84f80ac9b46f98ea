"""The fixture project of tests/fixtures/site, and its site built once per test session.

Import the fixtures into a test module (``from sitefixtures import built_site``);
pytest caches session fixtures by definition, so every module shares one build.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.corpus import Corpus, build_corpus
from generator.load import load_site
from generator.project import SCHEMA_FILE
from generator.schema import schema_files
from generator.searchbrowser import served
from generator.segmentation import DICTIONARY
from planhistory import site_editions

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"


def make_site_project(root: Path) -> Path:
    """A copy of the fixture project with the repository's mkdocs.yml (and dictionary) and the current schema."""
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(REPO / DICTIONARY, root / DICTIONARY)
    (root / SCHEMA_FILE).write_text(schema_files()[SCHEMA_FILE], encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The root of a fixture project with published editions and unpublished changes
    (``planhistory.site_editions``) after a successful ``plansite build``."""
    root = site_editions(make_site_project(tmp_path_factory.mktemp("site-project")))
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture(scope="session")
def built_corpus(built_site) -> Corpus:
    """The corpus of the built fixture project, which loads without a diagnostic."""
    site, diagnostics = load_site(str(built_site))
    assert diagnostics == []
    return build_corpus(site)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on 127.0.0.1 (a free port), for the session."""
    with served(str(built_site / "site")) as url:
        yield url


def index_tokens(index_json: str) -> set[str]:
    """The words of a Material search index (its titles and texts split by its separator)."""
    index = json.loads(index_json)
    separator = re.compile(index["config"]["separator"])
    return {token for doc in index["docs"] for field in ("title", "text")
            for token in separator.split(re.sub(r"<[^>]+>", " ", doc[field]))}
