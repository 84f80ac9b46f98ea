"""``plansite find``: facets and words over the fixture project, and its three output formats."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import MISSING
from datetime import date

import pytest

from generator.addresses import item_location
from generator.cli import main
from generator.corpus import build_corpus
from generator.find import ALLOWS_ALL, LISTED, OPTIONS, Criteria, resolve, searched_text, select, width
from generator.labels import requirement
from generator.load import load_site
from generator.model import Theme
from generator.opendata import item_columns
from generator.render_targets import Tracking
from generator.tracking import STATE_LABELS
from projects import PLAN, make_project
from sitefixtures import make_site_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the fixture project: loading it writes the cache of plan files, not into the repository."""
    return make_site_project(tmp_path_factory.mktemp("find"))


@pytest.fixture(scope="module")
def corpus(project):
    site, _ = load_site(str(project))
    return build_corpus(site)


def keys(entries) -> list[str]:
    return [f"{e.plan.id}#{e.placed.key}" for e in entries]


FACETS = {  # each facet's values for an item
    "organisations": lambda e: {e.organisation.id},
    "years": lambda e: {e.plan.year},
    "themes": lambda e: {t.id for t in e.themes},
    "departments": lambda e: {d.id for d in e.owners + e.support},
}


@pytest.mark.parametrize("facet", FACETS)
def test_a_facet_keeps_the_items_that_have_one_of_its_values(corpus, facet):
    values_of = FACETS[facet]
    values = sorted(set().union(*(values_of(e) for e in corpus.entries)), key=str)
    assert values
    for value in values:
        found = select(corpus, Criteria(**{facet: frozenset([value])}))
        assert found == [e for e in corpus.entries if value in values_of(e)]
        assert 0 < len(found) < len(corpus.entries)
    either = select(corpus, Criteria(**{facet: frozenset(values[:2])}))
    assert either == [e for e in corpus.entries if values_of(e) & set(values[:2])]


def test_facets_and_words_must_all_hold(corpus):
    with_target = select(corpus, Criteria(has_target=True))
    assert with_target == [e for e in corpus.entries if e.item.targets]
    both = select(corpus, Criteria(themes=frozenset(["mental-health"]), has_target=True))
    assert both == [e for e in with_target if "mental-health" in [t.id for t in e.themes]]
    words = select(corpus, Criteria(words=("心理", "教育")))
    assert words and words == [e for e in corpus.entries if "心理" in searched_text(e) and "教育" in searched_text(e)]
    assert select(corpus, Criteria(words=("心理", "不会出现的词"))) == []


def test_words_are_the_finders_keywords(corpus):
    """As on the site: a word is found in the names an item is filed under (its plan, organisation, units and
    themes) as in its own words, in any case, and a word with spaces is several words."""
    named = {"计财科": lambda e: "计财科" in [d.name for d in e.owners + e.support],
             "经费保障": lambda e: "经费保障" in [t.name for t in e.themes],
             "xx市教育局": lambda e: e.organisation.name == "XX市教育局",
             "工作任务分解": lambda e: "工作任务分解" in e.plan.title}
    for word, filed_under in named.items():
        found = select(corpus, Criteria(words=(word,)))
        filed = [e for e in corpus.entries if filed_under(e)]
        assert filed and set(map(id, filed)) <= set(map(id, found))
        assert any(word not in (e.item.title + e.item.text).lower() for e in filed)
    both = select(corpus, Criteria(words=("学前教育", "洮北区")))
    assert 0 < len(both) < len(select(corpus, Criteria(words=("学前教育",))))
    assert select(corpus, Criteria(words=(" 学前教育　洮北区 ",))) == both  # an ideographic space too


def test_full_width_digits_letters_and_percent_are_their_ascii_forms(tmp_path):
    """A Chinese input method in full-width mode types ５８％ for 58%: both sides are folded, as on the site."""
    make_project(tmp_path, PLAN.replace("扩大普惠资源。", "扩大普惠资源，覆盖ＡＢ类园９５％。"))
    site, _ = load_site(str(tmp_path))
    corpus = build_corpus(site)
    for word in ("５８％", "58%", "ab类", "ａｂ类", "95%", "９５％"):
        assert keys(select(corpus, Criteria(words=(word,)))) == ["demo-edu-2025#1-1"], word
    assert select(corpus, Criteria(words=("（５８）",))) == []  # Chinese brackets are no ASCII ones


def test_words_are_lower_case_as_javascript_makes_them(tmp_path):
    """The finder lowers the case (``toLowerCase``), it does not fold it: STRASSE is not Straße."""
    make_project(tmp_path, PLAN.replace("扩大普惠资源。", "扩大普惠资源（Straße）。"))
    site, _ = load_site(str(tmp_path))
    corpus = build_corpus(site)
    assert keys(select(corpus, Criteria(words=("STRAßE",)))) == ["demo-edu-2025#1-1"]
    assert select(corpus, Criteria(words=("STRASSE",))) == []


def test_a_targets_line_gives_its_progress_as_the_plan_records_it(tmp_path, capsys):
    target = "value: 58, unit: '%'"
    make_project(tmp_path, PLAN.replace(target, f"{target}, status: 进行中, actual: 56.5, as_of: 2025-06-30"))
    code, out, _ = run(capsys, tmp_path)
    lines = [line.strip() for line in out.splitlines() if line.startswith(" ")]
    assert code == 0 and lines == ["目标：公办幼儿园在园幼儿占比 ≥ 58%（完成时限 2025-12-31，原文未写，按文件年度年底计） · 进行中 · "
                                   "实际 56.5%（2025-06-30）"]


def test_the_table_names_the_units_that_support_an_item_beside_those_that_own_it(tmp_path, capsys):
    """A department's items are those it owns or supports: the table says which, as the finder's results do."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [基教科]\n        support: [计财科]"))
    code, out, _ = run(capsys, tmp_path, "--department", "计财科")
    assert code == 0 and out.splitlines()[1].endswith("扩大普惠资源  基教科 · 配合单位：计财科")


def test_status_keeps_the_items_reported_so(tmp_path):
    make_project(tmp_path, PLAN.replace("        themes: [preschool]\n",
                                        "        themes: [preschool]\n        status: 进行中\n"))
    site, _ = load_site(str(tmp_path))
    corpus = build_corpus(site)
    assert keys(select(corpus, Criteria(statuses=frozenset(["进行中", "已完成"])))) == ["demo-edu-2025#1-1"]
    assert select(corpus, Criteria(statuses=frozenset(["已完成"]))) == []


def test_status_is_the_state_the_site_counts_or_the_status_reported(corpus, capsys, project, monkeypatch):
    """--status took only the reported statuses, so overdue items could not be found as the finder and the
    pages count them; a state is the one the pages show on the build day, and items of a review have none."""
    today = date(2026, 1, 1)
    tracking = Tracking(corpus, today)
    shown = {state: [e for e in corpus.entries if tracking.item(e).state == state] for state in STATE_LABELS}
    assert shown["done"] and shown["reported"] and shown["overdue"]
    for state, label in STATE_LABELS.items():
        assert select(corpus, Criteria(statuses=frozenset([label]), today=today)) == shown[state]
    reviews = [e for e in corpus.entries if e.plan.kind == "review"]
    assert reviews and not any(e in found for e in reviews for found in shown.values())
    in_progress = select(corpus, Criteria(statuses=frozenset(["进行中"]), today=today))
    assert in_progress and all(e.item.status == "进行中" and e in shown["reported"] for e in in_progress)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: the build day the command counts on
    _, out, _ = run(capsys, project, "--status", "逾期未报", "--status", "未到期", "--format", "json")
    assert [f"{r['plan']}#{r['item']}" for r in json.loads(out)] == keys(
        e for e in corpus.entries if e in shown["overdue"] + shown["pending"])


SOURCE = "content/departments.yaml"


def test_units_and_themes_are_named_by_id_name_full_name_or_alias(corpus):
    departments = corpus.vocabulary.departments
    jijiaoke = next(d for d in departments if d.aliases)
    for name in (jijiaoke.id, jijiaoke.name, jijiaoke.full_name, jijiaoke.aliases[0]):
        assert resolve([name], departments, "department", ("name", "full_name", "aliases"), SOURCE) == (
            frozenset([jijiaoke.id]), [])
    spaced = " ".join(jijiaoke.name)  # as a plan may print it: spacing folded, as when plans name owners
    assert resolve([spaced], departments, "department", ("name",), SOURCE) == (frozenset([jijiaoke.id]), [])
    ids, problems = resolve(["心里健康"], corpus.vocabulary.themes, "theme", ("name",), SOURCE)
    assert ids == frozenset() and problems == ["no theme '心里健康' (did you mean '心理健康'?)"]


def test_the_names_that_hold_an_unknown_name_whole_are_suggested_first():
    """某市教育局 is the start of two organisations' names, too short beside them for difflib, which suggested
    萍乡市教育局 and 湘潭市教育局, other bureaus, instead."""
    records = [Theme(id_, name) for id_, name in (
        ("xiangtan", "湘潭市教育局"), ("pingxiang", "萍乡市教育局"), ("taobei", "白城市洮北区教育局"),
        ("city-a", "某市教育局（2024年工作要点）"), ("city-b", "某市教育局（2025年工作总结）"))]
    _, problems = resolve(["某市教育局"], records, "organisation", ("name",), SOURCE)
    assert problems == ["no organisation '某市教育局' (did you mean '某市教育局(2024年工作要点)' or "
                        "'某市教育局(2025年工作总结)' or '萍乡市教育局'?)"]


def run(capsys, project, *args) -> tuple[int, str, str]:
    code = main(["--root", str(project), "find", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_json_and_csv_list_the_same_items(corpus, capsys, project):
    expected = select(corpus, Criteria(themes=frozenset(["preschool"]), years=frozenset([2025])))
    code, table, err = run(capsys, project, "--theme", "学前教育", "--year", "2025")
    assert code == 0 and err.strip() == f"{len(expected)} item(s)"
    lines = table.splitlines()
    assert lines[0].split() == ["年度", "计划", "事项", "进展", "标题", "责任单位"]
    rows = [line for line in lines[1:] if not line.startswith(" ")]
    assert [line.split()[1] + "#" + line.split()[2] for line in rows] == keys(expected)
    # each item's targets follow its line, under the title: what is owed, and by when
    targets = [line.strip() for line in lines[1:] if line.startswith(" ")]
    assert targets and targets == [
        f"目标：{t.metric} {requirement(t)}（完成时限 " + (f"{t.deadline or e.item.deadline}）" if t.deadline or e.item.deadline
                                                   else f"{e.plan.year}-12-31，原文未写，按文件年度年底计）")
        for e in expected for t in e.item.targets]
    assert any("原文未写" in line for line in targets) and any("原文未写" not in line for line in targets)
    column = {width(line[:line.index("目标")]) for line in lines if "目标" in line}  # terminal columns
    assert column == {width(lines[0][:lines[0].index("标题")])}

    columns = [column.name for column in item_columns(item_location)] + ["state"]  # the open data's, and state
    _, out, _ = run(capsys, project, "--theme", "preschool", "--year", "2025", "--format", "json")
    records = json.loads(out)
    assert [f"{r['plan']}#{r['item']}" for r in records] == keys(expected)
    assert all(list(r) == columns for r in records)
    _, out, _ = run(capsys, project, "--theme", "preschool", "--year", "2025", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [f"{r['plan']}#{r['item']}" for r in rows] == keys(expected)
    assert list(rows[0]) == columns and not out.startswith("\ufeff")


def test_the_help_says_what_json_and_csv_hold(capsys, project):
    """The open data's columns, then state: the help names the column the open data does not have."""
    with pytest.raises(SystemExit):
        main(["--root", str(project), "find", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    columns = [column.name for column in item_columns(item_location)]
    _, out, _ = run(capsys, project, "--format", "json")
    assert [column for column in json.loads(out)[0] if column not in columns] == ["state"]
    assert "json or csv: the columns of the open data's items.csv, then state (the item's state" in help_text

def cell(line: str, start: int, stop: int) -> str:
    """What a table's line holds between two terminal columns."""
    taken = [c for i, c in enumerate(line) if start <= width(line[:i]) < stop]
    return "".join(taken).strip()


def test_every_format_says_each_items_state(corpus, capsys, project, monkeypatch):
    """The state --status matches, as the pages count it on the build day: the table's 进展, JSON's and CSV's
    state; nothing for an item of a review."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    tracking = Tracking(corpus, date(2026, 1, 1))
    expected = [STATE_LABELS.get(tracking.item(e).state) for e in corpus.entries]
    assert {"已完成", "已报进展", "逾期未报", None} <= set(expected)

    _, table, _ = run(capsys, project)
    header, *lines = table.splitlines()
    start, stop = (width(header[:header.index(name)]) for name in ("进展", "标题"))
    rows = [line for line in lines if not line.startswith(" ")]
    assert [cell(line, start, stop) for line in rows] == [label or "" for label in expected]
    _, out, _ = run(capsys, project, "--format", "json")
    assert [record["state"] for record in json.loads(out)] == expected
    _, out, _ = run(capsys, project, "--format", "csv")
    assert [row["state"] for row in csv.DictReader(io.StringIO(out))] == [label or "" for label in expected]


def test_an_unknown_name_is_an_error_that_suggests(capsys, project):
    code, out, err = run(capsys, project, "--department", "基教课")
    assert code == 2 and out == ""
    assert "no department '基教课' (did you mean '基教科'" in err


@pytest.mark.parametrize("option, facet", [("--org", "organisation"), ("--theme", "theme"),
                                           ("--department", "department")])
def test_a_name_close_to_none_is_answered_with_the_names_there_are(corpus, capsys, project, option, facet):
    """No name to suggest: the error lists the ids and names the option takes, and where they are written."""
    records = getattr(corpus.vocabulary, facet + "s")
    code, out, err = run(capsys, project, option, "zzz", option, "qqq")
    columns = max(len(record.id) for record in records)
    source = os.path.join(str(project), "content", f"{facet}s.yaml")
    assert code == 2 and out == "" and len(records) <= LISTED
    assert err.splitlines() == [f"error: no {facet} 'zzz'; {source} lists {len(records)} (id, name):",
                                *(f"  {record.id.ljust(columns)}  {record.name}" for record in records),
                                f"error: no {facet} 'qqq'"]  # listed once


def test_a_long_list_of_names_is_cut_and_says_how_many_more():
    themes = [Theme(f"theme-{i}", f"主题{i}") for i in range(LISTED + 7)]
    _, [problem] = resolve(["zzz"], themes, "theme", ("name",), "content/themes.yaml")
    head, *lines, more = problem.splitlines()
    assert head == f"no theme 'zzz'; content/themes.yaml lists {LISTED + 7} (id, name):"
    assert [line.split() for line in lines] == [[t.id, t.name] for t in themes[:LISTED]]
    assert more == "  … and 7 more there"
    _, problems = resolve(["zzz"], [], "theme", ("name",), "content/themes.yaml")
    assert problems == ["no theme 'zzz'; content/themes.yaml lists no theme"]


def test_a_year_without_plans_is_noted_with_the_years_there_are(corpus, capsys, project):
    code, out, err = run(capsys, project, "--year", "1999", "--year", "2025")
    years = ", ".join(map(str, corpus.years))
    assert code == 0 and f"note: no plan is of 1999 (the plans' years: {years})" in err
    rows = [line for line in out.splitlines()[1:] if not line.startswith(" ")]  # not the targets' lines
    assert rows and all(line.split()[0] == "2025" for line in rows)


def test_an_empty_answer_says_how_many_items_each_facet_alone_takes_away(corpus, capsys, project):
    # a unit and a year it has items in neither alone: each facet matches items, the two together none
    pairs = [(d, y) for d in sorted({d.id for e in corpus.entries for d in e.owners + e.support})
             for y in corpus.years
             if not select(corpus, Criteria(departments=frozenset([d]), years=frozenset([y])))]
    department, year = pairs[0]
    by_unit = len(select(corpus, Criteria(departments=frozenset([department]))))
    of_year = len(select(corpus, Criteria(years=frozenset([year]))))
    assert by_unit and of_year
    code, out, err = run(capsys, project, "--department", department, "--year", str(year))
    assert code == 0 and out == ""
    assert (f"note: no item matches all of these; without --year: {by_unit}, without --department: {of_year} "
            "item(s)") in err
    code, out, err = run(capsys, project, "zzqqzz")  # one word alone, and nothing to say of it
    assert code == 0 and out == "" and "note:" not in err and "0 item(s)" in err


@pytest.mark.parametrize("output", ["json", "csv"])
def test_json_and_csv_are_utf8_whatever_the_terminals_encoding(project, output):
    """With a legacy encoding (PYTHONIOENCODING=cp1252) JSON stopped half-written; with gbk it was not UTF-8."""
    for encoding in ("cp1252", "gbk"):
        done = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "find", "--theme",
                               "preschool", "--format", output], capture_output=True,
                              env={**os.environ, "PYTHONIOENCODING": encoding})
        assert done.returncode == 0, done.stderr
        text = done.stdout.decode("utf-8")
        assert "学前教育" in (json.dumps(json.loads(text), ensure_ascii=False) if output == "json" else text)


def test_csv_written_into_a_file_has_the_open_datas_byte_order_mark_and_into_a_pipe_none(project, tmp_path):
    """plansite find --format csv > out.csv is a file Excel opens: without the mark it shows Chinese as mojibake.
    A program reading a pipe gets plain UTF-8 (a mark would be the start of its first column's name), and a file
    appended to gets none in its middle."""
    command = [sys.executable, "-m", "generator", "--root", str(project), "find", "--theme", "preschool"]
    piped = subprocess.run([*command, "--format", "csv"], capture_output=True, check=True).stdout
    written = tmp_path / "found.csv"
    for mode in ("wb", "ab"):  # > found.csv, then >> found.csv
        with written.open(mode) as out:
            subprocess.run([*command, "--format", "csv"], stdout=out, check=True)
    assert not piped.startswith(b"\xef\xbb\xbf") and written.read_bytes() == b"\xef\xbb\xbf" + piped * 2
    with (tmp_path / "found.json").open("wb") as out:
        subprocess.run([*command, "--format", "json"], stdout=out, check=True)
    assert (tmp_path / "found.json").read_bytes().startswith(b"[")  # JSON has none: it must not


def test_every_facet_the_command_names_has_the_value_that_allows_everything():
    """The counts offered without a facet (``find.without_each``) drop each facet the command names by setting it to
    Criteria's default: a facet renamed in one place, or given a default_factory, would silently drop out."""
    assert ALLOWS_ALL.keys() == OPTIONS.keys()
    assert MISSING not in ALLOWS_ALL.values()
