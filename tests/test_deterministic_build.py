"""Builds of the same input with the same build day (SOURCE_DATE_EPOCH) are byte-identical; the build day
changes only sitemap.xml, the progress pages show as of it (generator/builddate.py) and the open data package's
`created`.

The projects set ``site_url``, as publishing does: without it MkDocs writes
an empty sitemap.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.cli import main
from generator.finder import FINDER_FOLDER
from generator.tracking import STATE_LABELS
from gitrepos import commit, init
from sitefixtures import make_site_project
from test_atomic_build import tree

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/plans/"
STAMPED = {"sitemap.xml", "sitemap.xml.gz"}  # what holds MkDocs' build date (generator/builddate.py)
PACKAGE = "data/datapackage.json"  # its `created` is the build day


def project(root: Path) -> Path:
    make_site_project(root)
    config = root / "mkdocs.yml"
    text = re.sub(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(f"site_url: {SITE_URL}\n{text}", encoding="utf-8")
    return root


def lastmods(root: Path) -> set[str]:
    return set(re.findall(r"<lastmod>(.*?)</lastmod>", (root / "site" / "sitemap.xml").read_text(encoding="utf-8")))


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    """Other directories, other hash seeds (set and dict orders), the same SOURCE_DATE_EPOCH."""
    roots = [project(tmp_path / name) for name in ("a", "b")]
    for seed, root in enumerate(roots):
        env = {**os.environ, "PYTHONHASHSEED": str(seed + 1), "SOURCE_DATE_EPOCH": "1700000000"}
        done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    first, second = ({folder: tree(root / folder) for folder in ("docs", "site")} for root in roots)
    assert first["docs"] == second["docs"]
    assert first["site"] == second["site"]
    assert lastmods(roots[0]) == {"2023-11-14"}


def shows_progress(path: str, data: bytes) -> bool:
    """Whether a page (or the search index, its words cut by \u200b) shows a progress state."""
    shown = data.decode("utf-8")
    if path.endswith(".json"):
        shown = json.dumps(json.loads(shown), ensure_ascii=False).replace("\u200b", "")
    return any(label in shown for label in STATE_LABELS.values())


def undated(package: bytes) -> dict:
    return {key: value for key, value in json.loads(package).items() if key != "created"}


def test_the_build_day_changes_only_the_sitemap_progress_and_the_packages_date(tmp_path, monkeypatch):
    """Progress is shown as of the build day (what is overdue), and the open data package says it was created
    then; nothing else depends on it."""
    built = []
    for name, epoch in (("a", 1700000000), ("b", 1800000000)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        root = project(tmp_path / name)
        assert main(["--root", str(root), "build"]) == 0
        assert lastmods(root) == {datetime.fromtimestamp(epoch, timezone.utc).date().isoformat()}
        assert gzip.decompress((root / "site" / "sitemap.xml.gz").read_bytes()) == \
            (root / "site" / "sitemap.xml").read_bytes()
        built.append({f"{folder}/{path}": data for folder in ("docs", "site")
                      for path, data in tree(root / folder).items()})
    first, second = built
    differing = {path for path in first.keys() | second.keys() if first.get(path) != second.get(path)}
    stamped = {f"site/{name}" for name in STAMPED} | {f"{folder}/{PACKAGE}" for folder in ("docs", "site")}
    assert stamped <= differing
    assert undated(first[f"site/{PACKAGE}"]) == undated(second[f"site/{PACKAGE}"])
    assert not [path for path in differing - stamped
                if not ((path.endswith((".md", ".html", "search_index.json")) or FINDER_FOLDER in path)
                        and shows_progress(path, first[path]))]
    without_dates = [re.sub(rb"<lastmod>.*?</lastmod>", b"", site["site/sitemap.xml"]) for site in (first, second)]
    assert without_dates[0] == without_dates[1]


def test_in_git_the_date_is_the_last_change_of_the_sources(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = init(project(tmp_path / "repo"))
    commit(root, "plans and vocabularies", date="2024-05-06T10:00:00+08:00")
    (root / "README.md").write_text("不是来源文件\n", encoding="utf-8")
    commit(root, "a file that is not a source", date="2024-09-01T10:00:00+08:00")
    assert main(["--root", str(root), "build"]) == 0
    assert lastmods(root) == {"2024-05-06"}
    assert "SOURCE_DATE_EPOCH" not in os.environ
