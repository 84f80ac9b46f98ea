"""Text is data in every file of the built site: the injection corpus adds no markup anywhere.

Two projects are built (``payloadproject``): the fixture project plus an
organisation, departments, themes, metrics and a plan whose every text field
holds a payload of ``payloads.PAYLOADS`` (project P), and the same with each
payload replaced by neutral text of the same line structure (project N).  Payloads may change
what a file says, never its structure, so every file of P's site/ is compared
with N's by type:

* HTML: the same elements with the same attribute names, in the same order;
  attribute values that differ (they come from the input) are no URL with a
  script or data scheme and no style;
* XML (feeds, sitemap, SVG): the same, and the text of elements that carry
  HTML (``type="html"``) is checked as HTML;
* JSON and YAML: the same shape; strings are data, except the ``title`` and
  ``text`` of the search index, which Material inserts as HTML and which are
  checked as HTML;
* CSV: the same rows and columns; no cell from the input starts a formula;
* any other file must be byte-identical in P and N (it holds nothing from the
  input), or the test fails until a check for its type is added here.

So feeds, downloads and charts that other parts of the site add are covered
without changes to this test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from payloadproject import PLAN_ID, payload_projects  # noqa: F401  (session fixture)
from payloads import PAYLOADS

pytestmark = pytest.mark.site

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset",
                  "{http://www.w3.org/1999/xlink}href"}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
FORMULA_STARTS = tuple("=+-@\t\r")


def site_files(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def sites(payload_projects) -> tuple[dict[str, bytes], dict[str, bytes]]:
    return tuple(site_files(root) for root in payload_projects)


# --- structure of each kind of file -------------------------------------------------

class Markup(HTMLParser):
    """Elements (tag and attribute names, in order), their attribute values, comments and declarations."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple] = []
        self.values: list[dict] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.values.append(dict(attrs))

    def handle_comment(self, data):
        self.shape.append(("<!--",))
        self.values.append({})

    def handle_decl(self, decl):
        self.shape.append(("<!",))
        self.values.append({})

    def handle_pi(self, data):
        self.shape.append(("<?",))
        self.values.append({})

    def handle_data(self, data):
        self.text.append(data)


def unsafe_values(ours: list[dict], theirs: list[dict]) -> list[str]:
    """Attribute values from the input (they differ between the builds) where a value can do harm."""
    found = []
    for mine, neutral_ in zip(ours, theirs):
        for name, value in mine.items():
            if value == neutral_.get(name):
                continue
            lowered = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name == "style" or (name in URL_ATTRIBUTES and lowered.startswith(UNSAFE_SCHEMES)):
                found.append(f"{name}={value!r}")
    return found


def html_problems(ours: str, theirs: str) -> list[str]:
    mine, neutral_ = Markup(ours), Markup(theirs)
    if mine.shape != neutral_.shape:
        return [first_difference(mine.shape, neutral_.shape)]
    return unsafe_values(mine.values, neutral_.values)


def first_difference(ours: list, theirs: list) -> str:
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    return f"element {at}: {ours[at:at + 3]} where the neutral build has {theirs[at:at + 3]}"


def xml_problems(ours: bytes, theirs: bytes) -> list[str]:
    mine, neutral_ = ElementTree.fromstring(ours), ElementTree.fromstring(theirs)
    pairs = list(zip(mine.iter(), neutral_.iter()))
    shapes = [[(e.tag, tuple(sorted(e.attrib))) for e in tree.iter()] for tree in (mine, neutral_)]
    if shapes[0] != shapes[1]:
        return [first_difference(*shapes)]
    problems = unsafe_values([a.attrib for a, _ in pairs], [b.attrib for _, b in pairs])
    for a, b in pairs:
        if a.get("type") == "html":  # Atom's escaped HTML: a reader's feed client renders it
            problems += html_problems(a.text or "", b.text or "")
    return problems


def shape(value) -> str:
    """The structure of JSON or YAML data: types, list lengths, mapping sizes (keys may be text)."""
    if isinstance(value, dict):
        return "{" + ",".join(sorted(shape(v) for v in value.values())) + "}"
    if isinstance(value, list):
        return "[" + ",".join(shape(v) for v in value) + "]"
    return type(value).__name__


def search_index_problems(ours: dict, theirs: dict) -> list[str]:
    problems = []
    for mine, neutral_ in zip(ours["docs"], theirs["docs"]):
        for field in ("title", "text"):
            problems += [f"{mine['location']} {field}: {p}" for p in html_problems(mine[field], neutral_[field])]
    return problems


def data_problems(path: str, ours, theirs) -> list[str]:
    if shape(ours) != shape(theirs):
        return ["the data has another shape"]
    if isinstance(ours, dict) and isinstance(ours.get("docs"), list) and path.startswith("search/"):
        return search_index_problems(ours, theirs)  # Material's index: title and text are HTML
    return []


def csv_problems(ours: bytes, theirs: bytes) -> list[str]:
    rows = [list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) for data in (ours, theirs)]
    if [len(row) for row in rows[0]] != [len(row) for row in rows[1]]:
        return ["other rows or columns"]
    return [f"row {r} column {c}: {cell!r} starts a formula"
            for r, (mine, neutral_) in enumerate(zip(*rows)) for c, (cell, other) in enumerate(zip(mine, neutral_))
            if cell != other and cell.startswith(FORMULA_STARTS)]


def problems_of(path: str, ours: bytes, theirs: bytes) -> list[str]:
    suffix = Path(path).suffix
    if suffix == ".html":
        return html_problems(ours.decode("utf-8"), theirs.decode("utf-8"))
    if suffix in (".xml", ".svg", ".atom"):
        return xml_problems(ours, theirs)
    if suffix == ".json":
        return data_problems(path, json.loads(ours), json.loads(theirs))
    if suffix in (".yaml", ".yml"):
        return data_problems(path, yaml.safe_load(ours), yaml.safe_load(theirs))
    if suffix == ".csv":
        return csv_problems(ours, theirs)
    return [f"no check for {suffix or 'this'} files, and it holds text from the input: add one to this test"]


# --- the tests --------------------------------------------------------------------------

def test_every_file_keeps_its_structure_whatever_the_input_says(sites):
    payload_site, neutral_site = sites
    assert payload_site.keys() == neutral_site.keys()
    changed = [path for path in payload_site if payload_site[path] != neutral_site[path]]
    problems = {path: found for path in changed
                if (found := problems_of(path, payload_site[path], neutral_site[path]))}
    assert not problems, "\n".join(f"{path}: {found[:3]}" for path, found in problems.items())
    kinds = {Path(path).suffix for path in changed}
    assert {".html", ".json"} <= kinds, kinds  # pages and the search index do carry the input


def visible(text: str) -> str:
    return " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())


def test_payloads_are_shown_as_text(sites):
    payload_site, _ = sites
    page = Markup(payload_site[f"plans/{PLAN_ID}/index.html"].decode("utf-8"))
    shown = visible("".join(page.text))
    assert not [payload for payload in PAYLOADS if visible(payload) not in shown]
    index = json.loads(payload_site["search/search_index.json"])
    searchable = visible(" ".join(" ".join(Markup(doc[field]).text) for doc in index["docs"]
                                  for field in ("title", "text")).replace("\u200b", ""))
    assert not [payload for payload in PAYLOADS if visible(payload).replace(" ", "") not in searchable.replace(" ", "")]
