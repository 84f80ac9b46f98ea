"""Open data in the built site: CSV that Excel reads, JSON, each plan's YAML, and their description."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from frictionless import validate

from generator.addresses import item_location
from generator.corpus import build_corpus
from generator.importer.draft import SCHEMA_COMMENT
from generator.load import load_site
from generator.opendata import (
    TARGET_COLUMNS, TARGETS_CSV, item_columns, joined, record, target_rows, utf8, write_csv, write_records)
from projects import DEPARTMENTS, PLAN, REVIEW_HEAD, THEMES, make_project, write
from rendering import render_site
from sitefixtures import built_site  # noqa: F401  (session fixture)

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def corpus(built_site):
    site, _ = load_site(str(built_site))
    return site, build_corpus(site)


def data(built_site, name: str) -> bytes:
    return (built_site / "site" / "data" / name).read_bytes()


def read_csv(raw: bytes) -> list[list[str]]:
    assert raw.startswith(BOM)  # what makes Excel read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.site
def test_csv_tables_have_their_header_and_a_row_per_item_and_target(built_site, corpus):
    site, corpus = corpus
    items = read_csv(data(built_site, "items.csv"))
    assert items[0] == [column.name for column in item_columns(item_location)]
    assert [(row[0], row[1]) for row in items[1:]] == [(e.plan.id, e.placed.key) for e in corpus.entries]
    by_name = dict(zip(items[0], zip(*items[1:])))
    assert list(by_name["text"]) == [e.item.text for e in corpus.entries]  # multi-line text survives

    targets = read_csv(data(built_site, "targets.csv"))
    assert targets[0] == [column.name for column in TARGET_COLUMNS]
    assert len(targets) - 1 == corpus.counts["targets"] > 0
    # each target names the listed metric whose page shows it, by id, beside the plan's own wording
    rows = [dict(zip(targets[0], row)) for row in targets[1:]]
    resolved = [getattr(corpus.vocabulary.resolve_metric(t.metric), "id", "") if t.metric else ""
                for e in corpus.entries for t in e.item.targets]
    assert [row["metric_id"] for row in rows] == resolved and any(resolved)
    assert {"metric": "公办园在园幼儿占比", "metric_id": "public-kindergarten-share"}.items() <= next(
        row for row in rows if row["metric"] == "公办园在园幼儿占比").items()  # an alias of 公办幼儿园在园幼儿占比
    # one column to join on, and when each target is due as the site counts it (stated or not)
    assert [row["ref"] for row in rows] == [f"{e.plan.id}#{e.placed.key}" for e in corpus.entries
                                            for _ in e.item.targets]
    due = [(t.deadline or e.item.deadline or date(e.plan.year, 12, 31)).isoformat()
           for e in corpus.entries for t in e.item.targets]
    assert [row["due"] for row in rows] == due and any(not row["deadline"] for row in rows)
    # read on its own: whose plan, of which year, without a join on ref
    assert [(row["organisation_name"], row["year"], row["plan_title"]) for row in rows] == [
        (e.organisation.name, str(e.plan.year), e.plan.title) for e in corpus.entries for _ in e.item.targets]


@pytest.mark.site
def test_json_has_the_same_items_with_lists_as_arrays(built_site, corpus):
    site, corpus = corpus
    rows = json.loads(data(built_site, "items.json"))
    assert [(r["plan"], r["item"]) for r in rows] == [(e.plan.id, e.placed.key) for e in corpus.entries]
    assert [r["owners"] for r in rows] == [[d.name for d in e.owners] for e in corpus.entries]
    # every section an item stands in, outermost first: section alone lost a nested item's part of the plan
    assert [r["sections"] for r in rows] == [[s.title for s in e.placed.sections] for e in corpus.entries]
    assert all(r["sections"][-1] == r["section"] for r in rows) and any(len(r["sections"]) > 1 for r in rows)


@pytest.mark.site
def test_each_plan_is_published_as_it_is_with_its_schema_where_its_comment_says(built_site, corpus):
    site, _ = corpus
    for plan_file in site.plans:
        assert data(built_site, f"plans/{plan_file.plan.id}.yaml") == open(plan_file.path, "rb").read()
    # the comment heading a plan file (as the importer writes it) names the published schema from data/plans/
    schema = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)\n", SCHEMA_COMMENT).group(1)
    assert (built_site / "site" / "data" / "plans" / schema).resolve() == (
        built_site / "site" / "data" / "plan.schema.json").resolve()
    assert json.loads(data(built_site, "plan.schema.json"))["title"]


@pytest.mark.site
def test_the_data_package_describes_every_file_and_column(built_site, corpus):
    site, _ = corpus
    package = json.loads(data(built_site, "datapackage.json"))
    resources = {resource["name"]: resource for resource in package["resources"]}
    for resource in resources.values():
        assert (built_site / "site" / "data" / resource["path"]).is_file()
    for name in ("items", "targets"):
        header = read_csv(data(built_site, resources[name]["path"]))[0]
        assert [field["name"] for field in resources[name]["schema"]["fields"]] == header
    json_fields = resources["items-json"]["schema"]["fields"]
    assert [field["name"] for field in json_fields] == list(json.loads(data(built_site, "items.json"))[0])
    assert {field["type"] for field in json_fields if field["name"] == "owners"} == {"array"}
    assert {f"plan-{p.plan.id}" for p in site.plans} <= set(resources)


@pytest.mark.site
def test_home_and_plan_pages_link_the_downloads(built_site, corpus):
    site, _ = corpus
    home = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="data/items.csv"' in home and 'href="data/"' in home
    for plan_file in site.plans:
        page = (built_site / "site" / "plans" / plan_file.plan.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../data/plans/{plan_file.plan.id}.yaml"' in page
        assert 'href="../../data/plan.schema.json"' in page


@pytest.mark.site
def test_the_data_page_says_how_python_opens_the_csv(built_site, monkeypatch):
    """The byte order mark that Excel needs is read by Python's utf-8 as part of the first column's name
    (row["plan"] was a KeyError): the page gives the call that opens the files, and it reads them."""
    page = (built_site / "docs" / "data" / "index.md").read_text(encoding="utf-8")
    call = next(code for code in re.findall(r"`([^`]+)`", page) if code.startswith("open("))
    monkeypatch.chdir(built_site / "site" / "data")
    for name in ("items.csv", "targets.csv"):
        with eval(call.replace("items.csv", name)) as opened:
            header = next(csv.reader(opened))
        assert header[:2] == ["plan", "item"]


@pytest.mark.site
def test_the_data_page_lists_years_not_every_plan(built_site, corpus):
    """Each plan's YAML is linked from its own page and listed in datapackage.json; the data page links the
    years, so that it does not grow with the plans (at 1,000 plans its list of them was too long for
    Zensical's search index)."""
    site, _ = corpus
    page = (built_site / "site" / "data" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]*)"', page))
    assert {f"../years/{year}/" for year in {p.plan.year for p in site.plans}} <= links
    assert "datapackage.json" in links and not [link for link in links if link.endswith(".yaml")]


FORMULAS = PLAN.replace("title: 扩大普惠资源", "title: '=HYPERLINK(\"http://x\",\"点击\")'").replace(
    "comparator: '>='", "comparator: '='")


def frictionless_problems(folder: Path) -> list:
    """What Frictionless (the Data Package's reference implementation) finds wrong with the package in
    ``folder``: each file against its description, every cell against its field's type and constraints,
    keys unique, every target's item present (the foreign key)."""
    report = validate(folder / "datapackage.json")
    return report.flatten(["title", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.site
def test_frictionless_finds_the_published_package_valid(built_site):
    assert frictionless_problems(built_site / "site" / "data") == []


EDGES = FORMULAS.replace("owners: [基教科, 计划财务科]", "owners: []").replace(
    "value: 58, unit: '%'}", "value: 0.00001, unit: '%', deadline: 2025-06-30}\n"
    "          - {text: 生均面积10至12平方米, comparator: range, min: 10, max: 12, unit: 平方米, status: 已完成}")


def test_frictionless_finds_the_package_valid_with_formulas_empty_lists_small_numbers_and_ranges(tmp_path):
    make_project(tmp_path, EDGES)
    site, diagnostics = load_site(str(tmp_path))
    assert [d for d in diagnostics if d.severity == "error"] == []
    out = tmp_path / "out"
    for path, content in render_site(site).items():
        if path.startswith("data/") and not path.startswith("data/finder/"):
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert frictionless_problems(out / "data") == []
    [target, _] = csv.DictReader(io.StringIO((out / TARGETS_CSV).read_text(encoding="utf-8-sig")))
    assert (target["value"], target["due"]) == ("0.00001", "2025-06-30")  # as written, not 1e-05


def csv_rows(columns, rows) -> list[dict]:
    out = io.StringIO()
    write_csv(out, columns, rows)
    out.seek(0)
    return list(csv.DictReader(out))


@pytest.mark.parametrize("count", [0, 1, 3])
def test_records_are_written_one_to_a_line(tmp_path, count):
    make_project(tmp_path, FORMULAS)
    corpus = build_corpus(load_site(str(tmp_path))[0])
    columns = item_columns(item_location)
    rows = list(corpus.entries) * count
    text = utf8(lambda out: write_records(out, columns, rows)).decode("utf-8")
    records = [record(columns, row) for row in rows]
    assert json.loads(text) == records
    lines = text.splitlines()
    assert ((lines[0], lines[-1]) == ("[", "]")) if rows else (lines == ["[]"])
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == records


def test_formulas_are_shown_as_text_in_csv_and_kept_in_json(tmp_path):
    make_project(tmp_path, FORMULAS)
    site, _ = load_site(str(tmp_path))
    corpus = build_corpus(site)
    [entry] = corpus.entries
    columns = item_columns(item_location)
    [row] = csv_rows(columns, corpus.entries)
    assert row["title"] == "'" + entry.item.title
    assert row["text"] == entry.item.text  # starts with an ordinary character
    [target] = csv_rows(TARGET_COLUMNS, target_rows(corpus))
    assert (target["comparator"], target["value"], target["unit"]) == ("=", "58", "%")  # a code, written exactly
    [row_record] = [record(columns, entry) for entry in corpus.entries]
    assert row_record["title"] == entry.item.title


@pytest.mark.parametrize("title", ["=1+1", "'=1+1", "'依法治教'专项行动"])
def test_the_quote_guarding_a_formula_is_told_from_a_quote_the_text_starts_with(tmp_path, title):
    """A cell starting with ' has one more, so a reader gets every text back by dropping one leading ' where
    there is one: '=1+1 curated and =1+1 guarded were the same cell."""
    make_project(tmp_path, PLAN.replace("title: 扩大普惠资源", "title: " + json.dumps(title, ensure_ascii=False)))
    [entry] = build_corpus(load_site(str(tmp_path))[0]).entries
    [row] = csv_rows(item_columns(item_location), [entry])
    assert entry.item.title == title and row["title"] == "'" + title


def split_list(cell: str) -> list[str]:
    """A list cell's values, read as the 开放数据 page says: one CSV record with ; between its values."""
    return next(csv.reader([cell], delimiter=";"), [])


def test_a_list_splits_back_whole_though_its_values_hold_the_separator_quotes_or_line_breaks(tmp_path):
    """Section titles, unit and theme names may hold ; (as ids, slugs, cannot): joined plainly, 基教;科 and
    计财科 read as three units."""
    make_project(tmp_path, PLAN.replace("title: 学前教育", "title: '学前教育;普惠\"发展\"'").replace(
        "owners: [基教科, 计划财务科]", "owners: ['基教;科', 计划财务科]\n        support: ['基教;科']"))
    write(tmp_path, "content/departments.yaml", DEPARTMENTS.replace("name: 基教科", "name: '基教;科'"))
    write(tmp_path, "content/themes.yaml", THEMES.replace("name: 学前教育", "name: \"学前\\n教育;\""))
    site, diagnostics = load_site(str(tmp_path))
    assert [d for d in diagnostics if d.severity == "error"] == []
    pages = render_site(site)
    [row] = csv.DictReader(io.StringIO(pages["data/items.csv"].decode("utf-8-sig"), newline=""))
    [item] = json.loads(pages["data/items.json"])
    assert (row["sections"], row["owners"], row["support"], row["themes"]) == (
        '"学前教育;普惠""发展"""', '"基教;科";计财科', '"基教;科"', '"学前\n教育;"')
    lists = [column.name for column in item_columns(item_location) if column.many]
    assert {name: split_list(row[name]) for name in lists} == {name: item[name] for name in lists}
    assert item["owners"] == ["基教;科", "计财科"] and item["owner_ids"] == ["demo-jijiaoke", "demo-jicaike"]
    assert (row["owner_ids"], row["reviews"]) == ("demo-jijiaoke;demo-jicaike", "")  # ids are never quoted
    assert (joined([]), joined([""]), joined(["", ""])) == ("", '""', '"";""')  # none, and empty values


LICENSE = """\
data_license:
  name: CC-BY-4.0
  title: 知识共享署名 4.0 国际许可协议
  path: https://creativecommons.org/licenses/by/4.0/
"""


@pytest.fixture
def in_china():
    """The process's local time zone is UTC+8 for the test (a POSIX rule: no tz database needed)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_package_says_the_day_its_data_is_as_of(tmp_path, monkeypatch, in_china):
    """datapackage.json's `created` is the build day (a datetime, as Frictionless wants it): the day progress is
    shown as of, SOURCE_DATE_EPOCH's when set, so two builds of one input on one day stay byte-identical.  It starts
    where the day does: a local day at local midnight (not 00:00 UTC, 08:00 in China, hours ahead of a build at
    02:00), SOURCE_DATE_EPOCH's (a UTC day) at midnight UTC."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    make_project(tmp_path)
    site, _ = load_site(str(tmp_path))
    assert json.loads(render_site(site, date(2025, 7, 1))["data/datapackage.json"])["created"] == \
        "2025-07-01T00:00:00+08:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")  # 2025-12-05 00:00 UTC
    assert json.loads(render_site(site)["data/datapackage.json"])["created"] == "2025-12-05T00:00:00+00:00"


def test_the_data_license_of_content_site_yaml_is_stated_in_the_package_and_on_the_page(tmp_path):
    make_project(tmp_path)
    site, diagnostics = load_site(str(tmp_path))
    pages = render_site(site)
    assert "licenses" not in json.loads(pages["data/datapackage.json"])
    assert "本站未注明数据的使用许可" in pages["data/index.md"]

    write(tmp_path, "content/site.yaml", LICENSE)
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == []
    pages = render_site(site)
    assert json.loads(pages["data/datapackage.json"])["licenses"] == [
        {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "知识共享署名 4.0 国际许可协议"}]
    assert "**使用许可**：[知识共享署名 4\\.0 国际许可协议](https://creativecommons.org/licenses/by/4.0/)" in \
        pages["data/index.md"]

    write(tmp_path, "content/site.yaml", LICENSE.replace("https://", "ftp://"))
    _, diagnostics = load_site(str(tmp_path))
    assert [(d.line, d.field, d.message) for d in diagnostics] == [
        (4, "data_license.path", "must be an http:// or https:// address")]


REVIEW = REVIEW_HEAD + """\
      - {number: 一是, title: 普惠资源扩大, text: 普惠资源扩大。, reviews: [' demo-edu-2025#1-1 ']}
"""


def test_a_review_item_names_the_items_it_reports_on_in_csv_and_json(tmp_path):
    """The site links a review item and the items it reports on (总结的事项, 完成情况): the open data keeps
    that link, each item by its ref, so that a reader can join a plan's items to what was reported on them."""
    make_project(tmp_path)
    write(tmp_path, "plans/2025/demo-edu-2025-review.yaml", REVIEW)
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == []
    pages = render_site(site)
    items = list(csv.DictReader(io.StringIO(pages["data/items.csv"].decode("utf-8-sig"), newline="")))
    assert {row["ref"]: row["reviews"] for row in items} == {
        "demo-edu-2025#1-1": "", "demo-edu-2025-review#1-1": "demo-edu-2025#1-1"}
    records = json.loads(pages["data/items.json"])
    assert {r["ref"]: r["reviews"] for r in records} == {
        "demo-edu-2025#1-1": [], "demo-edu-2025-review#1-1": ["demo-edu-2025#1-1"]}
    [field] = [f for f in json.loads(pages["data/datapackage.json"])["resources"][0]["schema"]["fields"]
               if f["name"] == "reviews"]
    assert "review" in field["description"]


def field_rows(page: str, heading: str) -> dict[str, tuple[str, str]]:
    """{column: (type, meaning)} of the table under ``heading`` on the 开放数据 page."""
    part = page.split(heading, 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| (.+) \|$", part, re.M)
    return {name: (kind, meaning) for name, kind, meaning in rows}


def test_the_data_page_tells_every_column_its_type_and_meaning_in_chinese(tmp_path):
    """A reader of items.csv or targets.csv learns what each column holds and how to read it from the page
    that offers them, in the site's language, not only from datapackage.json's English."""
    make_project(tmp_path)
    site, _ = load_site(str(tmp_path))
    page = render_site(site)["data/index.md"]
    for heading, columns in (("### 全部事项", item_columns(item_location)), ("### 全部量化目标", TARGET_COLUMNS)):
        rows = field_rows(page, heading)
        assert list(rows) == [column.name for column in columns]
        assert all(re.search(r"[\u4e00-\u9fff]", kind) and re.search(r"[\u4e00-\u9fff]", meaning)
                   for kind, meaning in rows.values())
    items, targets = field_rows(page, "### 全部事项"), field_rows(page, "### 全部量化目标")
    assert items["owners"][0].startswith("文本列表") and items["year"][0] == "整数"
    assert targets["due"][0].startswith("日期") and targets["value"][0] == "数值"
    assert items["deadline"][1] != targets["deadline"][1]  # an item's deadline is not a target's
