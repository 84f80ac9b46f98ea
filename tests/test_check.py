"""`plansite check`: every problem in one pass, each with file, line, column and field."""

import json
import os
import re
import shutil

import pytest

from generator import render, sitepages
from generator.addresses import address_of
from generator.cli import main
from generator.corpus import build_corpus
from generator.load import load_site
from generator.render import generated_files
from generator.schema import schema_files
from generator.sitehistory import read_site_history, tagged_history
from generator.sitepages import SITE_FOLDERS
from planhistory import site_editions
from projects import DEPARTMENTS, ORGANISATIONS, PLAN, THEMES, make_project, write
from sitefixtures import make_site_project


def check(tmp_path, capsys, *args):
    code = main(["--root", str(tmp_path), "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def messages(tmp_path):
    _, diagnostics = load_site(str(tmp_path))
    return [(d.line, d.field, d.severity, d.message) for d in diagnostics]


def test_valid_project_passes(tmp_path, capsys):
    make_project(tmp_path)
    code, out, err = check(tmp_path, capsys)
    assert code == 0 and out == ""
    assert "1 plan(s), 1 item(s)" in err


def test_owner_aliases_and_ids_resolve(tmp_path):
    make_project(tmp_path)
    site, _ = load_site(str(tmp_path))
    vocabulary = site.vocabulary
    assert vocabulary.resolve_owner("计划财务科", "demo-edu").id == "demo-jicaike"
    assert vocabulary.resolve_owner("demo-jijiaoke", "demo-edu").name == "基教科"
    assert vocabulary.resolve_owner("基础教育科", "demo-edu").id == "demo-jijiaoke"
    assert vocabulary.resolve_owner("基教科", "other-org") is None
    assert vocabulary.resolve_owner("demo-jijiaoke", "other-org") is None  # an id is the organisation's too
    assert vocabulary.organisations_naming("demo-jijiaoke") == vocabulary.organisations_naming("基教科") == [
        "demo-edu"]


BROKEN = PLAN.replace("owners: [基教科, 计划财务科]", "owners: [基教科, 计财处]") \
    .replace("themes: [preschool]", "themes: [pre-school]") \
    .replace("comparator: '>='", "comparator: 'range'") \
    .replace("year: 2025", "year: 二〇二五")


def test_every_problem_reported_in_one_pass_with_locations(tmp_path, capsys):
    make_project(tmp_path, BROKEN)
    code, out, _ = check(tmp_path, capsys)
    assert code == 1
    lines = out.splitlines()
    path = "plans/2025/demo-edu-2025.yaml"
    expected = [
        (4, "year", "expected an integer"),
        (12, "sections[0].items[0].owners[1]", "unknown department '计财处' for organisation 'demo-edu'"),
        (13, "sections[0].items[0].themes[0]", "unknown theme 'pre-school' (did you mean 'preschool'?)"),
        (15, "sections[0].items[0].targets[0]", "a 'range' target needs both 'min' and 'max'"),
    ]
    for line, field, message in expected:
        pattern = rf".*{re.escape(path)}:{line}:\d+: error: {re.escape(field)}: .*{re.escape(message)}"
        assert any(re.match(pattern, l) for l in lines), (line, field, message, lines)


def test_problems_are_printed_by_file_then_line_then_column_as_a_linter_prints_them(tmp_path, capsys):
    # A wrong type (found reading the file) below an id and a title naming another year and a wrong owner (found
    # after reading): printed in the order the checks ran, line 13 came before lines 1, 2 and 12.
    make_project(tmp_path, PLAN.replace("year: 2025", "year: 2024").replace("owners: [基教科, 计划财务科]",
                                                                           "owners: [基教科, 计财处]")
                 .replace("themes: [preschool]", "themes: preschool, [x]"))
    write(tmp_path, "content/departments.yaml", DEPARTMENTS + "  - {id: demo-edu-unit-1, name: 督导室, "
                                                              "organisation: demo-edu}\n")
    code, out, _ = check(tmp_path, capsys)
    assert code == 1
    places = [re.match(r"(.*?):(\d+):(\d+): (error|warning):", line).groups() for line in out.splitlines()]
    assert [(os.path.basename(path), int(line), severity) for path, line, _, severity in places] == [
        ("departments.yaml", 10, "warning"), ("demo-edu-2025.yaml", 1, "warning"), ("demo-edu-2025.yaml", 2, "warning"),
        ("demo-edu-2025.yaml", 4, "warning"), ("demo-edu-2025.yaml", 12, "error"),
        ("demo-edu-2025.yaml", 13, "error")]
    assert places == sorted(places, key=lambda p: (p[0], int(p[1]), int(p[2])))


def test_an_unknown_owner_is_matched_against_its_own_organisation_and_found_in_another(tmp_path):
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [计划财物科, 督导室]"))
    write(tmp_path, "content/organisations.yaml", ORGANISATIONS + "  - {id: other-edu, name: 他市教育局, region: 他市, "
                                                                 "level: 地市级}\n")
    write(tmp_path, "content/departments.yaml", DEPARTMENTS + "  - {id: other-duda, name: 督导室, "
                                                              "organisation: other-edu}\n")
    assert [(f, m) for _, f, s, m in messages(tmp_path)] == [
        ("sections[0].items[0].owners[0]", "unknown department '计划财物科' for organisation 'demo-edu' (did you mean "
                                           "'计划财务科' or '计财科'?); add it to content/departments.yaml"),
        ("sections[0].items[0].owners[1]", "unknown department '督导室' for organisation 'demo-edu': "
                                           "content/departments.yaml lists it under organisation 'other-edu'; an item "
                                           "names units of its plan's organisation")]


@pytest.mark.parametrize("owners, advice", [
    ("[基教科、计划财务科]", ": YAML does not split a text at '、'; write each unit as an entry of the list: [基教科, 计划财务科]"),
    ("[基教科，督导室；计财科]", ": YAML does not split a text at '，' or '；'; write each unit as an entry of the list: "
                        "[基教科, 督导室, 计财科]"),
    ("[各县(市、区)教育局]", "; add it to content/departments.yaml"),  # one unit: 、 in its brackets
])
def test_an_owner_listing_units_in_one_text_is_told_the_list_to_write(tmp_path, owners, advice):
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", f"owners: {owners}"))
    [(field, message)] = [(f, m) for _, f, _, m in messages(tmp_path)]
    assert (field, message) == ("sections[0].items[0].owners[0]", f"unknown department {owners[1:-1]!r} for "
                                f"organisation 'demo-edu'{advice}")


def test_unknown_organisation_does_not_cascade_into_owner_errors(tmp_path):
    make_project(tmp_path, PLAN.replace("organisation: demo-edu", "organisation: demo-ed"))
    assert messages(tmp_path) == [
        (3, "organisation", "error", "unknown organisation 'demo-ed' (did you mean 'demo-edu'?); "
                                     "expected an id from content/organisations.yaml")]


@pytest.mark.parametrize("written, message", [
    ("示例市教育局", "'示例市教育局' is the organisation's name, not its id: write its id 'demo-edu' (the organisation "
                   "named 示例市教育局)"),
    ("''", "must not be empty: a required field needs a value"),  # and not, again, that '' is unknown
])
def test_an_organisation_written_by_its_name_or_not_at_all_is_one_error(tmp_path, written, message):
    make_project(tmp_path, PLAN.replace("organisation: demo-edu", f"organisation: {written}"))
    assert messages(tmp_path) == [(3, "organisation", "error", message)]


def test_a_theme_written_by_its_name_is_told_its_id(tmp_path):
    make_project(tmp_path, PLAN.replace("themes: [preschool]", "themes: [学前 教育]"))
    assert messages(tmp_path) == [(13, "sections[0].items[0].themes[0]", "error", "'学前 教育' is the theme's name, not "
                                   "its id: write its id 'preschool' (the theme named 学前教育)")]


@pytest.mark.parametrize("written, message", [
    ("[学前]", "'学前' is a keyword, not a theme: write the id of its theme, 'preschool' (学前教育)"),
    ("[学前教育、心理健康]", "several themes in one text; write each as an entry of the list: [preschool, mental-health]"),
    ("['preschool, mental-health']",
     "several themes in one text; write each as an entry of the list: [preschool, mental-health]"),
    ("[学前教育、体育]", "unknown theme '学前教育、体育'; expected an id from content/themes.yaml"),
    ("[学前教育、]", "unknown theme '学前教育、'; expected an id from content/themes.yaml"),  # one name is no list
])
def test_a_theme_written_as_a_keyword_or_several_in_one_text_is_told_what_to_write(tmp_path, written, message):
    make_project(tmp_path, PLAN.replace("themes: [preschool]", f"themes: {written}"))
    assert messages(tmp_path) == [(13, "sections[0].items[0].themes[0]", "error", message)]


def test_a_list_in_one_text_is_not_offered_when_a_name_in_it_is_two_themes(tmp_path):
    make_project(tmp_path, PLAN.replace("themes: [preschool]", "themes: [学前教育、心理健康]"))
    write(tmp_path, "content/themes.yaml", THEMES + "  - {id: preschool-2, name: 学前教育}\n")
    assert messages(tmp_path) == [(13, "sections[0].items[0].themes[0]", "error", "unknown theme '学前教育、心理健康'; "
                                   "expected an id from content/themes.yaml")]


def test_an_organisation_is_one_and_is_not_told_to_be_a_list(tmp_path):
    make_project(tmp_path, PLAN.replace("organisation: demo-edu", "organisation: demo-edu、other-edu"))
    write(tmp_path, "content/organisations.yaml", ORGANISATIONS + "  - {id: other-edu, name: 另一市教育局}\n")
    found = [(field, message) for _, field, _, message in messages(tmp_path) if field == "organisation"]
    assert [message.split(" (")[0] for _, message in found] == ["unknown organisation 'demo-edu、other-edu'"]


def test_a_departments_organisation_written_by_its_name_is_told_its_id(tmp_path):
    """Once: the plan's owners naming that department are not also said to be another organisation's; the other
    owners are still checked."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [基教科, 不存在科]"))
    write(tmp_path, "content/departments.yaml",
          DEPARTMENTS.replace("organisation: demo-edu", "organisation: 示例市教育局", 1))
    assert [(f, m) for _, f, _, m in messages(tmp_path)] == [
        ("departments[0].organisation", "'示例市教育局' is the organisation's name, not its id: write its id "
                                        "'demo-edu' (the organisation named 示例市教育局)"),
        ("sections[0].items[0].owners[1]", "unknown department '不存在科' for organisation 'demo-edu'; add it to "
                                           "content/departments.yaml")]


def test_json_format_and_strict_mode(tmp_path, capsys):
    make_project(tmp_path, name="plans/2025/misnamed.yaml")
    code, out, _ = check(tmp_path, capsys)
    assert code == 0 and "warning: id: file name should be demo-edu-2025.yaml" in out
    code, out, _ = check(tmp_path, capsys, "--strict", "--format", "json")
    assert code == 1
    [diagnostic] = json.loads(out)
    assert diagnostic["severity"] == "error" and diagnostic["line"] == 1 and diagnostic["field"] == "id"


def test_unsafe_ids_and_duplicates(tmp_path):
    make_project(tmp_path, PLAN.replace("id: demo-edu-2025", "id: ../Demo"))
    write(tmp_path, "plans/2025/copy.yaml", PLAN.replace(
        "      - number: 1\n", "      - number: 1\n        id: a\n"
        "        title: x\n      - number: 2\n        id: a\n"))
    found = messages(tmp_path)
    assert any(f == "id" and "not a safe id" in m for _, f, _, m in found)
    assert not any("file name should be .yaml" in m for _, _, _, m in found)  # no id to name the file after
    assert any(f == "sections[0].items[1].id" and "item id 'a' is already used" in m
               for _, f, _, m in found)


SECOND_ITEM = "      - number: 1\n        title: 再扩大\n        text: 再扩大普惠资源。\n"
SECOND_SECTION = "  - number: 一\n    title: 又一节\n    items:\n" + SECOND_ITEM


@pytest.mark.parametrize("plan, found", [
    (PLAN + SECOND_ITEM, (16, "sections[0].items[1].number", "error",
                          "item id '1-1' is already used by the item at line 9; give one of them an explicit 'id'")),
    (PLAN + SECOND_SECTION, (16, "sections[1].number", "error",
                             "section id '1' is already used by the section at line 6; number them apart")),
])
def test_items_and_sections_numbered_alike_are_errors_naming_the_first(tmp_path, plan, found):
    make_project(tmp_path, plan)
    assert found in messages(tmp_path)


@pytest.mark.parametrize("end, line, field", [("sections:", 1, ""), ("    items:", 6, "sections")])
def test_a_plan_without_items_is_a_warning(tmp_path, end, line, field):
    make_project(tmp_path, PLAN[:PLAN.index(end)])  # no sections, or sections without items
    assert messages(tmp_path) == [(line, field, "warning", "the plan has no item: its page lists nothing")]


def test_an_item_whose_text_is_blank_is_a_warning(tmp_path):
    make_project(tmp_path, PLAN.replace("text: 扩大普惠资源。公办幼儿园在园幼儿占比提升至58%以上。", "text: ' '"))
    assert messages(tmp_path) == [(9, "sections[0].items[0]", "warning", "item has no text")]


def test_a_deadline_before_the_plans_year_is_a_warning(tmp_path):
    make_project(tmp_path, PLAN.replace("unit: '%'}", "unit: '%', deadline: 2012-06-30}").replace(
        "        themes: [preschool]\n", "        themes: [preschool]\n        deadline: 2024-12-31\n"))
    said = "is before the plan's year 2025: the site counts it overdue since then; is the year mistyped?"
    assert [(f, s, m) for _, f, s, m in messages(tmp_path)] == [
        ("sections[0].items[0].deadline", "warning", f"deadline 2024-12-31 {said}"),
        ("sections[0].items[0].targets[0].deadline", "warning", f"deadline 2012-06-30 {said}")]


def test_duplicate_plan_ids_across_files(tmp_path):
    make_project(tmp_path)
    write(tmp_path, "plans/2026/demo-edu-2025.yaml", PLAN)
    found = messages(tmp_path)
    assert any("duplicate plan id 'demo-edu-2025' (also in" in m for _, _, _, m in found)


def test_a_copy_of_a_plan_is_the_duplicate_wherever_it_sorts(tmp_path):
    """plans/2025/copy.yaml sorts before demo-edu-2025.yaml: the error is the copy's, and it is not told to take
    the name of the file it copies."""
    make_project(tmp_path)
    write(tmp_path, "plans/2025/copy.yaml", PLAN)
    _, diagnostics = load_site(str(tmp_path))
    assert [(os.path.basename(d.path), d.field, d.message) for d in diagnostics] == [
        ("copy.yaml", "id", f"duplicate plan id 'demo-edu-2025' (also in {tmp_path}/plans/2025/demo-edu-2025.yaml); "
                            "give this plan an id of its own: id: copy, as its file is named")]


def test_unknown_fields_and_missing_fields(tmp_path):
    make_project(tmp_path, PLAN.replace("        title: 扩大普惠资源\n", "        titel: 扩大普惠资源\n"))
    found = messages(tmp_path)
    assert (9, "sections[0].items[0].title", "error", "missing required field 'title': expected a string") in found
    assert any(f == "sections[0].items[0].titel" and "did you mean 'title'" in m for _, f, _, m in found)


def test_a_list_field_left_empty_is_an_empty_list(tmp_path):
    """``owners:`` with nothing after it, as a draft leaves it to be filled in, is no list yet and no error."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners:").replace("[preschool]", ""))
    site, diagnostics = load_site(str(tmp_path))
    [item] = site.plans[0].plan.sections[0].items
    assert diagnostics == [] and item.owners == item.themes == ()


def test_vocabulary_errors(tmp_path):
    make_project(tmp_path)
    write(tmp_path, "content/departments.yaml", """\
        departments:
          - {id: demo-a, name: 基教科, organisation: demo-edu}
          - {id: demo-a, name: 计财科, organisation: demo-edux}
          - {id: demo-b, name: 基教科, organisation: demo-edu}
        """)
    found = messages(tmp_path)
    assert any(f == "departments[1].id" and "duplicate id 'demo-a'" in m for _, f, _, m in found)
    assert any(f == "departments[1].organisation" and "unknown organisation" in m for _, f, _, m in found)
    assert any(f == "departments[2]" and "already used by department 'demo-a'" in m for _, f, _, m in found)


def test_an_id_listed_three_times_is_said_to_be_also_at_its_first_entry(tmp_path):
    make_project(tmp_path)
    write(tmp_path, "content/themes.yaml", """\
        themes:
          - {id: preschool, name: 学前教育}
          - {id: preschool, name: 幼儿教育}
          - {id: preschool, name: 托幼}
        """)
    assert [(f, m) for _, f, _, m in messages(tmp_path)] == [
        (f"themes[{i}].id", "duplicate id 'preschool' (also themes[0])") for i in (1, 2)]


@pytest.mark.parametrize("url, accepted", [
    ("javascript:alert(1)", False),
    ("http:example.org", False),   # no host
    ("HTTPS://example.org/a", True),  # the site links it, so check takes it (it refused it)
    (" https://example.org/a ", True),
])
def test_source_url_must_be_http(tmp_path, url, accepted):
    make_project(tmp_path, PLAN + f"source: {{url: '{url}'}}\n")
    problems = [(f, m) for _, f, _, m in messages(tmp_path) if f == "source.url"]
    assert problems == ([] if accepted else [("source.url", "must be an http:// or https:// address")])


def test_a_source_file_that_is_not_there_is_a_warning_until_it_is(tmp_path):
    """source.file is a path from the project folder (not from where the tests run)."""
    make_project(tmp_path, PLAN + "source: {file: sources/通知.txt}\n")
    assert [(f, s, m) for _, f, s, m in messages(tmp_path)] == [
        ("source.file", "warning", "source file 'sources/通知.txt' not found (looked for "
                                   f"{tmp_path / 'sources/通知.txt'}: source.file is a path from the project's folder)")]
    make_project(tmp_path, PLAN + "source: {file: ../shared/seeds/001.txt}\n")  # the seeds beside the repository
    assert [m for _, _, _, m in messages(tmp_path)] == [
        f"source file '../shared/seeds/001.txt' not found (looked for {tmp_path.parent / 'shared/seeds/001.txt'}: "
        "source.file is a path from the project's folder)"]
    make_project(tmp_path, PLAN + "source: {file: sources/通知.txt}\n")
    write(tmp_path, "sources/通知.txt", "通知全文")
    assert messages(tmp_path) == []


def test_schema_files_are_up_to_date(capsys):
    assert main(["schema", "--check"]) == 0, "run `plansite schema` to regenerate plans/ and content/'s schemas"


def test_schemas_are_written_into_the_project_named_by_root(tmp_path, monkeypatch, capsys):
    """``plansite --root DIR schema`` writes DIR's schemas, wherever it is run from; --check names each file
    missing or out of date."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "project" / "plans").mkdir(parents=True)
    assert main(["--root", "project", "schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert "project/plans/plan.schema.json does not exist: run `plansite schema`" in err
    assert "project/content/schema/departments.json does not exist: run `plansite schema`" in err
    assert main(["--root", "project", "schema"]) == 0
    assert capsys.readouterr().err == "6 schema(s) written: plans/plan.schema.json, content/schema/\n"
    assert main(["--root", "project", "schema", "--check"]) == 0
    assert capsys.readouterr().err == "6 schema(s) up to date: plans/plan.schema.json, content/schema/\n"
    for relative, text in schema_files().items():
        assert (tmp_path / "project" / relative).read_text(encoding="utf-8") == text
    assert not (tmp_path / "plans").exists()
    (tmp_path / "project" / "content" / "schema" / "themes.json").write_text("{}", encoding="utf-8")
    assert main(["--root", "project", "schema", "--check"]) == 1
    assert capsys.readouterr().err == "project/content/schema/themes.json is out of date: run `plansite schema`\n"


def test_schema_paths_that_cannot_be_written_or_read_are_errors_naming_them(tmp_path, capsys):
    (tmp_path / "content").write_text("a file, not a folder", encoding="utf-8")
    assert main(["--root", str(tmp_path), "schema"]) == 1
    unwritable = tmp_path / "content" / "schema" / "organisations.json"
    assert f"error: {unwritable}: Not a directory" in capsys.readouterr().err
    other = tmp_path / "other"
    (other / "plans" / "plan.schema.json").mkdir(parents=True)
    assert main(["--root", str(other), "schema", "--check"]) == 1
    assert f"error: {other / 'plans' / 'plan.schema.json'}: Is a directory" in capsys.readouterr().err


def test_a_hand_written_page_that_is_not_utf8_is_an_error_naming_it(tmp_path, capsys):
    make_project(tmp_path)
    page = tmp_path / "content" / "pages" / "guide" / "about.md"
    page.parent.mkdir(parents=True)
    page.write_bytes("# 关于\n\n说明".encode("gb18030"))
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert f"{page}:1:3: error: file is not UTF-8 (save it as UTF-8;" in capsys.readouterr().out


@pytest.mark.parametrize("name, text", [("themes", "themes:\n  - {id: preschool, name: [学前\n"),
                                        ("organisations", "organisations: []\n"),
                                        ("departments", "departments: 基教科\n"),
                                        ("organisations", None),
                                        # read in part: the rules over its entries (names used twice,
                                        # made-up ids) wait for the file to be mended
                                        ("departments", DEPARTMENTS + "  - {id: demo-edu-unit-1, name: 基教科, "
                                                                      "organisation: demo-edu, kind: 部门}\n"),
                                        ("metrics", "metrics:\n  - {id: a, name: 入园率, better: up}\n"
                                                    "  - {id: b, name: 入园率}\n")])
def test_a_broken_vocabulary_file_is_reported_alone_not_through_every_reference_to_it(tmp_path, name, text):
    """Every plan names themes, departments and its organisation: with their file unreadable, each reference
    would be 'unknown' too, and the one error that matters lost among them."""
    make_project(tmp_path)
    path = tmp_path / "content" / f"{name}.yaml"
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    _, diagnostics = load_site(str(tmp_path))
    errors = [d for d in diagnostics if d.severity == "error"]
    assert len(errors) == 1 and errors[0].path.endswith(f"content/{name}.yaml"), [str(d) for d in errors]


@pytest.mark.parametrize("name", ["departments", "themes"])
def test_a_vocabulary_listing_nothing_yet_is_a_warning_but_organisations_must_list_one(tmp_path, name):
    """A new project may start without departments or themes (import --add-unknown-owners adds departments);
    every plan needs its organisation."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: []").replace(
        "themes: [preschool]", "themes: []"))
    write(tmp_path, f"content/{name}.yaml", f"{name}: []\n")
    assert [(d.field, d.severity, d.message) for d in load_site(str(tmp_path))[1]] == [
        (name, "warning", f"lists no {name}: the plans name theirs from here")]
    write(tmp_path, "content/organisations.yaml", "organisations: []\n")
    assert ("organisations", "error", "lists no organisations: the plans name theirs from here") in [
        (d.field, d.severity, d.message) for d in load_site(str(tmp_path))[1]]


@pytest.mark.parametrize("folder, says", [
    ("plans/2019", "filed under 2019/: plans/2025/ is where it belongs"),
    ("plans", "filed under plans/, not a year's folder: plans/2025/ is where it belongs"),
    ("plans/drafts", "filed under drafts/, not a year's folder: plans/2025/ is where it belongs"),
])
def test_a_plan_filed_outside_its_years_folder_is_a_warning(tmp_path, folder, says):
    make_project(tmp_path)
    (tmp_path / folder).mkdir(exist_ok=True)
    (tmp_path / "plans" / "2025" / "demo-edu-2025.yaml").rename(tmp_path / folder / "demo-edu-2025.yaml")
    assert [(f, s, m) for _, f, s, m in messages(tmp_path)] == [("year", "warning", f"the plan is of 2025 but {says}")]


def test_a_project_without_a_plans_folder_is_a_warning(tmp_path):
    make_project(tmp_path)
    shutil.rmtree(tmp_path / "plans")
    assert messages(tmp_path) == [(0, "", "warning", "folder is missing: the site will hold no plan")]


@pytest.mark.parametrize("written, says", [
    ("'58'", "the text '58' (write 58, a number YAML reads as one)"),
    ("５８", "the text '５８' (write 58, a number YAML reads as one)"),
    ("2.5e3", "the text '2.5e3' (write 2500, a number YAML reads as one)"),  # YAML 1.1 wants 2.5e+3
    ("58％", "the text '58％' (write the number alone, 58, and its unit in unit: '%')"),
    ("3000个", "the text '3000个' (write the number alone, 3000, and its unit in unit: '个')"),
    ("50-60%", "the text '50-60%' (a range: write comparator: range, min: 50, max: 60, unit: '%')"),
    ("50～60", "the text '50～60' (a range: write comparator: range, min: 50, max: 60)"),
    ("五十八", "the text '五十八' (write it in digits: 58)"),
    ("58%以上", "the text '58%以上' (write the number alone, 58, and its unit in unit: '%' and 以上 as comparator: '>=')"),
    ("58以上", "the text '58以上' (write the number alone, 58, and 以上 as comparator: '>=')"),
    ("较高", "the text '较高'"),
])
def test_a_target_value_written_otherwise_says_what_to_write(tmp_path, written, says):
    make_project(tmp_path, PLAN.replace("value: 58,", f"value: {written},"))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [
        ("sections[0].items[0].targets[0].value", f"expected a number, got {says}")]


@pytest.mark.parametrize("written, says", [
    ("2025/6/30", "(write 2025-06-30)"),
    ("2025年6月30日", "(write 2025-06-30)"),
    ("2025年6月", "(a month: write the day it ends, 2025-06-30)"),
    ("2024年2月底", "(a month: write the day it ends, 2024-02-29)"),
    ("2025年13月", ""),
    ("0000-06", ""),  # no year 0: no hint, no crash
    ("年底", ""),
])
def test_a_deadline_written_otherwise_says_what_to_write(tmp_path, written, says):
    make_project(tmp_path, PLAN.replace("unit: '%'}", f"unit: '%', deadline: {written}}}"))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [
        ("sections[0].items[0].targets[0].deadline",
         f"expected a date (YYYY-MM-DD), got the text {written!r}" + (f" {says}" if says else ""))]


@pytest.mark.parametrize("values, expected", [
    ("value: 58%", [("sections[0].items[0].targets[0].value",
                     "expected a number, got the text '58%' (write the number alone, 58, and its unit in unit: '%')")]),
    ("comparator: range, min: 50%, max: 60", [("sections[0].items[0].targets[0].min",
                                              "expected a number, got the text '50%' "
                                              "(write the number alone, 50, and its unit in unit: '%')")]),
    ("value: ", [("sections[0].items[0].targets[0]", "a '>=' target needs a 'value'")]),
    ("comparator: range, max: 60", [("sections[0].items[0].targets[0]",
                                     "a 'range' target needs both 'min' and 'max'")]),
])
def test_a_target_value_that_is_no_number_is_reported_once(tmp_path, values, expected):
    """A value given that is not a number is that error alone, not also a value missing."""
    make_project(tmp_path, PLAN.replace("comparator: '>=', value: 58", values))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == expected


TARGET = "sections[0].items[0].targets[0]"


@pytest.mark.parametrize("values, expected", [
    ("comparator: range, min: 60, max: 50", [(f"{TARGET}.min", "min 60 is above max 50")]),
    ("comparator: range, min: 50, max: 50", []),
    ("comparator: range, min: 50, max: 60, value: 55",
     [(f"{TARGET}.value", "a 'range' target uses min and max, not value")]),
    ("comparator: '>=', value: 58, max: 60", [(TARGET, "min and max belong to comparator 'range'")]),
    ("comparator: '>=', value: 58, min: 50", [(TARGET, "min and max belong to comparator 'range'")]),
])
def test_a_targets_bounds_are_those_of_its_comparator(tmp_path, values, expected):
    make_project(tmp_path, PLAN.replace("comparator: '>=', value: 58", values))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == expected


@pytest.mark.parametrize("span, wrong", [("[5, 3]", True), ("[1, 2, 3]", True), ("[3]", True), ("[3, 3]", False),
                                         ("[0, 40]", False)])
def test_an_items_span_is_a_start_and_an_end_not_before_it(tmp_path, span, wrong):
    make_project(tmp_path, PLAN.replace("        themes: [preschool]\n", f"        span: {span}\n"))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [
        ("sections[0].items[0].span", "expected [start, end] with start <= end")] * wrong


TITLE, ADDED = "        title: 扩大普惠资源", "        themes: [preschool]\n"


@pytest.mark.parametrize("old, new, field, says", [
    *(("year: 2025", f"year: {year}", "year", f"expected an integer, got {got}") for year, got in [
        ("", "nothing"), ("[2025]", "a list"), ("{年: 2025}", "a mapping"), ("2025.5", "float 2025.5"),
        ("二〇二五年" * 10, "a text"), ("2025-12-31 10:00:00", "a date with a time (2025-12-31 10:00:00)"),
        ("true", "bool True")]),
    ("value: 58,", "value: .inf,", "sections[0].items[0].targets[0].value", "expected a number, got float inf"),
    ("value: 58,", "value: .nan,", "sections[0].items[0].targets[0].value", "expected a number, got float nan"),
    ("      - number: 1\n", "      - number: true\n", "sections[0].items[0].number",
     "expected a string, got bool True"),
    (TITLE, "        title: true", "sections[0].items[0].title", "expected a string, got bool True"),
    (TITLE, "        title: [扩大, 普惠]", "sections[0].items[0].title", "expected a string, got a list"),
    (ADDED, ADDED + "        deadline: 年底\n", "sections[0].items[0].deadline",
     "expected a date (YYYY-MM-DD), got the text '年底'"),
    ("year: 2025\n", "year: 2025\nsource:\n", "source", "expected a mapping, got nothing"),
    (TITLE, "        title: ' '", "sections[0].items[0].title", "must not be empty: a required field needs a value"),
])
def test_a_value_the_field_cannot_take_is_one_error_saying_why(tmp_path, old, new, field, says):
    """What the file holds instead, in words: an empty field is 'nothing', a long text is not quoted whole."""
    make_project(tmp_path, PLAN.replace(old, new))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [(field, says)]


BLANK = "must not be blank: spaces alone say nothing; write the value, or leave the field out"


@pytest.mark.parametrize("metric, expected", [
    ("' '", [(15, "sections[0].items[0].targets[0].metric", "error", BLANK)]),
    ("'\u3000'", [(15, "sections[0].items[0].targets[0].metric", "error", BLANK)]),
    ("''", []),  # none, as plansite import drafts a target whose metric it cannot read
])
def test_a_blank_metric_is_an_error_at_its_line_and_an_empty_one_names_none(tmp_path, metric, expected):
    """metric: ' ' passed check: a target naming nothing, shown in a blank cell where one naming no metric shows —,
    and paired across editions with other targets of blank metrics as if they measured the same."""
    make_project(tmp_path, PLAN.replace("metric: 公办幼儿园在园幼儿占比", f"metric: {metric}"))
    assert messages(tmp_path) == expected


PLAN_FILE = "plans/2025/demo-edu-2025.yaml"
METRICS = "metrics:\n  - id: gongban-ruyuan\n    name: 公办幼儿园在园幼儿占比\n"
YEAR = "year: 2025\n"
TARGET_UNIT = "unit: '%'}"

# Each optional text the model marks blank=False, given spaces alone: (file, its text before and after, and the line
# and field of the error).  Each passed check, published as a blank where the site shows — or nothing (a region, a
# unit, a full name in brackets, a description, the notes' box), or read as given (source.file a missing file, an
# address or evidence that is none).
BLANK_TEXTS = {
    "an organisation's region": ("content/organisations.yaml", ORGANISATIONS,
                                 ORGANISATIONS.replace("region: 示例省示例市", "region: ' '"), 4,
                                 "organisations[0].region"),
    "an organisation's notes": ("content/organisations.yaml", ORGANISATIONS, ORGANISATIONS + "    notes: '\u3000'\n",
                                6, "organisations[0].notes"),
    "a department's full name": ("content/departments.yaml", DEPARTMENTS,
                                 DEPARTMENTS.replace("full_name: 基础教育科", "full_name: ' '"), 4,
                                 "departments[0].full_name"),
    "a theme's description": ("content/themes.yaml", THEMES,
                              THEMES.replace("name: 学前教育\n", "name: 学前教育\n    description: ' '\n"), 4,
                              "themes[0].description"),
    "a metric's unit": ("content/metrics.yaml", METRICS, METRICS + "    unit: ' '\n", 4, "metrics[0].unit"),
    "a metric's description": ("content/metrics.yaml", METRICS, METRICS + "    description: ' '\n", 4,
                               "metrics[0].description"),
    "a target's unit": (PLAN_FILE, PLAN, PLAN.replace(TARGET_UNIT, "unit: ' '}"), 15,
                        "sections[0].items[0].targets[0].unit"),
    "a target's evidence": (PLAN_FILE, PLAN, PLAN.replace(TARGET_UNIT, "unit: '%', evidence: ' '}"), 15,
                            "sections[0].items[0].targets[0].evidence"),
    "a plan's notes": (PLAN_FILE, PLAN, PLAN.replace(YEAR, YEAR + "notes: ' '\n"), 5, "notes"),
    "a plan's source.url": (PLAN_FILE, PLAN, PLAN.replace(YEAR, YEAR + "source: {url: ' '}\n"), 5, "source.url"),
    "a plan's source.file": (PLAN_FILE, PLAN, PLAN.replace(YEAR, YEAR + "source: {file: ' '}\n"), 5, "source.file"),
}


@pytest.mark.parametrize("name", BLANK_TEXTS)
def test_an_optional_text_of_spaces_alone_is_an_error_at_its_line_and_an_empty_one_is_none(tmp_path, name):
    """blank=False in the model: spaces alone are an error where the field is, '' is the field left out."""
    file, valid, blank, line, field = BLANK_TEXTS[name]
    make_project(tmp_path)
    write(tmp_path, file, valid)
    assert messages(tmp_path) == []
    write(tmp_path, file, blank)
    assert messages(tmp_path) == [(line, field, "error", BLANK)]
    write(tmp_path, file, blank.replace("' '", "''").replace("'\u3000'", "''"))
    assert messages(tmp_path) == []


BLANK_ENTRY = "must not be blank: an entry empty or of spaces alone says nothing; write the value, or delete the entry"
ENTRY = "ENTRY"  # where the second entry of the list goes: a value in the valid file, then one that says nothing
REVIEW = PLAN.replace("id: demo-edu-2025", "id: demo-edu-2025-review").replace(YEAR, YEAR + "kind: review\n")

# Each list of texts of the model, its second entry left empty or spaces alone: (file, its text with ENTRY, the valid
# entry, and the line and field of the error).  Each passed check: an alias ' ' made an owner ' ' (or '') its
# unit's, a keyword ' ' made the importer give its theme to every item whose text holds a space.
LIST_ENTRIES = {
    "a department's aliases": ("content/departments.yaml", DEPARTMENTS.replace("[计划财务科]", "[计划财务科, ENTRY]"),
                               "计财处", 9, "departments[1].aliases[1]"),
    "a theme's keywords": ("content/themes.yaml", THEMES.replace("[幼儿园, 学前]", "[幼儿园, ENTRY]"), "学前", 4,
                           "themes[0].keywords[1]"),
    "a metric's aliases": ("content/metrics.yaml", METRICS + "    aliases:\n      - 公办园在园幼儿占比\n      - ENTRY\n",
                           "公办园占比", 6, "metrics[0].aliases[1]"),
    "an item's owners": (PLAN_FILE, PLAN.replace("[基教科, 计划财务科]", "[基教科, ENTRY]"), "计划财务科", 12,
                         "sections[0].items[0].owners[1]"),
    "an item's support": (PLAN_FILE, PLAN.replace("[基教科, 计划财务科]", "[基教科]\n        support: [计财科, ENTRY]"),
                          "计划财务科", 13, "sections[0].items[0].support[1]"),
    "an item's themes": (PLAN_FILE, PLAN.replace("[preschool]", "[preschool, ENTRY]"), "mental-health", 13,
                         "sections[0].items[0].themes[1]"),
    "a review item's reviews": ("plans/2025/demo-edu-2025-review.yaml",
                                REVIEW.replace("targets:", "reviews: [demo-edu-2025#1-1, ENTRY]\n        targets:"),
                                "demo-edu-2025#1-1", 15, "sections[0].items[0].reviews[1]"),
}


@pytest.mark.parametrize("blank", ["' '", "'\u3000'", "''"])
@pytest.mark.parametrize("name", LIST_ENTRIES)
def test_an_entry_of_a_list_of_texts_empty_or_of_spaces_alone_is_an_error_at_its_line(tmp_path, name, blank):
    """One rule for every list of texts (decode's _tuple): an entry that says nothing is an error naming it."""
    file, text, valid, line, field = LIST_ENTRIES[name]
    make_project(tmp_path)
    write(tmp_path, file, text.replace(ENTRY, valid))
    assert messages(tmp_path) == []
    write(tmp_path, file, text.replace(ENTRY, blank))
    assert messages(tmp_path) == [(line, field, "error", BLANK_ENTRY)]


@pytest.mark.parametrize("year, errors", [(1948, ["1948 is out of range (1949–2100)"]), (1949, []), (2100, []),
                                          (2101, ["2101 is out of range (1949–2100)"])])
def test_a_plans_year_is_from_1949_to_2100_as_the_schema_says(tmp_path, year, errors):
    make_project(tmp_path, PLAN.replace("year: 2025", f"year: {year}"))
    assert [m for _, f, s, m in messages(tmp_path) if s == "error"] == errors


def test_a_plan_file_holding_only_comments_is_said_to_be_empty(tmp_path):
    make_project(tmp_path, "# 草稿\n")
    assert messages(tmp_path) == [
        (0, "", "error", "the file is empty (or holds only comments): expected a mapping of fields")]


@pytest.mark.parametrize("written", ["12", "010", "1:20", "1_0", "0x1F"])
def test_a_whole_number_written_as_an_items_number_is_read_as_written(tmp_path, written):
    """Numbers as printed may be unquoted (``number: 12``); other text fields want quotes (see above).  YAML 1.1
    reads 010 as 8 and 1:20 as 80: an integer not in plain decimal stays the text it is."""
    make_project(tmp_path, PLAN.replace("      - number: 1\n", f"      - number: {written}\n"))
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == [] and site.plans[0].plan.sections[0].items[0].number == written


def test_a_comparator_written_the_other_way_round_is_suggested_first(tmp_path):
    make_project(tmp_path, PLAN.replace("comparator: '>='", "comparator: '=>'"))
    [(field, message)] = [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"]
    assert field == "sections[0].items[0].targets[0].comparator" and "(did you mean '>=' or" in message


@pytest.mark.parametrize("written, meant", [("'≥'", ">="), ("≤", "<="), ("'≧'", ">="), ("＝", "="), ("'＞'", ">")])
def test_a_comparator_written_as_the_site_shows_it_or_full_width_is_told_how_to_write_it(tmp_path, written, meant):
    make_project(tmp_path, PLAN.replace("comparator: '>='", f"comparator: {written}"))
    [(field, message)] = [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"]
    assert field == "sections[0].items[0].targets[0].comparator" and f"(did you mean {meant!r}?)" in message


@pytest.mark.parametrize("change, expected", [
    (("      - number: 1\n", "      - number: 1.10\n"),
     ("sections[0].items[0].number", "expected a string (quote it to keep it as written), got float 1.1")),
    (("title: 扩大普惠资源", "title: 2025"),
     ("sections[0].items[0].title", "expected a string (quote it to keep it as written), got int 2025")),
    (("unit: '%'}", "unit: '%', deadline: '2025-02-30'}"),
     ("sections[0].items[0].targets[0].deadline",
      "expected a date that exists, got the text '2025-02-30' (day is out of range for month)")),
    (("unit: '%'}", "unit: '%', deadline: '２０２５-１２-３１'}"),
     ("sections[0].items[0].targets[0].deadline",
      "expected a date (YYYY-MM-DD), got the text '２０２５-１２-３１' (write 2025-12-31)")),
])
def test_values_yaml_reads_otherwise_than_written_are_errors_saying_what_to_do(tmp_path, change, expected):
    """A decimal in a text field would lose what was written (1.10 is read as 1.1): quote it; a quoted date
    is a date (as editors read it), if it exists."""
    make_project(tmp_path, PLAN.replace(*change))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [expected]


def test_files_are_named_alike_from_the_project_folder(tmp_path, capsys, monkeypatch):
    """``--root .`` (the default): plans/… as content/…, not ./plans/…."""
    make_project(tmp_path, BROKEN)
    write(tmp_path, "content/themes.yaml", "themes:\n  - {id: Pre School, name: 学前教育}\n")
    monkeypatch.chdir(tmp_path)
    _, out, _ = check(".", capsys)
    assert {line.split("/")[0] for line in out.splitlines()} == {"plans", "content"}


SYNTAX = "{}/plans/2025/demo-edu-2025.yaml:{}: error: {}: YAML syntax error: {}"


@pytest.mark.parametrize("change, where, field, message", [
    (("title: 扩大普惠资源", "title： 扩大普惠资源"), "10:14", "sections[0].items[0]",
     "while scanning a simple key could not find expected ':' "
     "(YAML keys end with an ASCII colon: replace the full-width '：' after 'title' with ':')"),
    (("comparator: '>='", "comparator: >="), "15:74", "sections[0].items[0].targets[0]",
     "while scanning for the next token found character that cannot start any token "
     "(a YAML value starting with '>' must be quoted: write comparator: '>=')"),
    (("        owners:", "         owners:"), "12:16", "sections[0].items[0]",
     "mapping values are not allowed in this context "
     "(YAML nests by indentation: align the key 'owners' with the keys of its siblings at column 9)"),
    (("        owners:", "       owners:"), "12:8", "sections[0].items",
     "while parsing a block collection did not find expected '-' indicator "
     "(YAML nests by indentation: align the key 'owners' with the keys of its siblings at column 9 or column 5)"),
    (("text: 扩大普惠资源。", "text: 扩大普惠资源: "), "11:21", "sections[0].items[0]",
     "mapping values are not allowed in this context "
     "(a YAML value containing ': ' must be quoted: write text: '扩大普惠资源: 公办幼儿园在园幼儿占比提升至58%以上。')"),
    (("        owners:", "\towners:"), "12:1", "sections[0].items[0]",  # not in the text above it
     "while scanning a plain scalar found a tab character that violates indentation "
     "(YAML indents with spaces only: replace the tab on this line with spaces)"),
])
def test_a_yaml_syntax_error_says_what_to_write(tmp_path, capsys, change, where, field, message):
    """One slip each in a curated plan: PyYAML's words, then what to write instead, where the slip is."""
    make_project(tmp_path, PLAN.replace(*change))
    code, out, _ = check(tmp_path, capsys)
    assert code == 1 and out.splitlines() == [SYNTAX.format(tmp_path, where, field, message)]


def test_a_long_value_to_quote_is_shown_by_its_start_and_end(tmp_path, capsys):
    """A line of 100,000 characters holding ': ' is not repeated whole in what to write."""
    make_project(tmp_path, PLAN.replace("text: 扩大普惠资源。", "text: " + "扩大普惠资源" * 20000 + ": "))
    code, out, _ = check(tmp_path, capsys)
    [line] = out.splitlines()
    assert code == 1 and len(line) < 500
    assert line.endswith("must be quoted: write text: '" + ("扩大普惠资源" * 7)[:40] + "…公办幼儿园在园幼儿占比提升至58%以上。' "
                         "(all of the value: it is shortened here))")


def test_a_full_width_colon_in_braces_is_said_to_be_one(tmp_path):
    """In {} the key and its full-width colon are text, a key without a value: no syntax error."""
    make_project(tmp_path, PLAN.replace("{text: 公办", "{text： 公办"))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [
        ("sections[0].items[0].targets[0].text： 公办幼儿园在园幼儿占比提升至58%以上",
         "unknown field (YAML keys end with an ASCII colon: replace the full-width '：' after 'text' with ':')"),
        ("sections[0].items[0].targets[0].text", "missing required field 'text': expected a string")]


def test_a_full_width_colon_after_a_mappings_only_key_is_said_to_be_one(tmp_path):
    make_project(tmp_path, PLAN.replace("year: 2025\n", "year: 2025\nsource:\n  url： https://example.org/a\n"))
    assert [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"] == [
        ("source", "expected a mapping, got the text 'url： https://example.org/a' "
                   "(YAML keys end with an ASCII colon: replace the full-width '：' after 'url' with ':')")]


def test_a_full_width_colon_in_a_value_is_text(tmp_path):
    make_project(tmp_path, PLAN.replace("text: 扩大普惠资源。", "text: 目标：扩大普惠资源。"))
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == [] and site.plans[0].plan.sections[0].items[0].text.startswith("目标：扩大普惠资源。")


@pytest.mark.parametrize("relative, old, new, line, field, listing", [
    ("content/themes.yaml", "id: preschool", "id: index", 2, "themes[0].id", "themes"),
    ("content/departments.yaml", "id: demo-jicaike", "id: index", 6, "departments[1].id", "departments"),
    ("content/organisations.yaml", "id: demo-edu", "id: index", 2, "organisations[0].id", "organisations"),
    ("plans/2025/demo-edu-2025.yaml", "id: demo-edu-2025", "id: index", 1, "id", "plans"),
    ("content/metrics.yaml", "id: public-kindergarten-share", "id: index", 2, "metrics[0].id", "metrics"),
])
def test_an_id_that_takes_its_listings_page_is_an_error(tmp_path, relative, old, new, line, field, listing):
    # themes/index.md is the list of themes: a theme with the id index replaced it without a word.
    make_project(tmp_path)
    write(tmp_path, "content/metrics.yaml", "metrics:\n  - id: public-kindergarten-share\n    name: 公办园占比\n")
    path = tmp_path / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    found = [(ln, f, m) for ln, f, severity, m in messages(tmp_path) if severity == "error" and "listing" in m]
    assert found == [(line, field, f"id 'index' is the address of the page listing the {listing} "
                                    f"(/{listing}/), which this one would replace; choose another id")]


@pytest.mark.parametrize("relative, old, line, field", [
    ("content/themes.yaml", "id: preschool", 2, "themes[0].id"),
    ("content/departments.yaml", "id: demo-jicaike", 6, "departments[1].id"),
    ("content/organisations.yaml", "id: demo-edu", 2, "organisations[0].id"),
    ("plans/2025/demo-edu-2025.yaml", "id: demo-edu-2025", 1, "id"),
])
def test_an_id_too_long_to_name_its_page_is_an_error(tmp_path, relative, old, line, field):
    # A department id of 300 letters passed check; generate stopped with a traceback (OSError: File name too long).
    make_project(tmp_path)
    path = tmp_path / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, "id: " + "a" * 300, 1), encoding="utf-8")
    found = [(ln, f, m) for ln, f, severity, m in messages(tmp_path) if severity == "error" and "long" in m]
    assert found == [(line, field, "id is 300 characters long; it names its page's file and address: "
                                    "keep it to 100")]


@pytest.mark.parametrize("relative", ["plans/2025/fifo.yaml", "content/pages/fifo.md", "content/pages/fifo.png",
                                      "content/dictionary.txt", "plans/plan.schema.json"])
def test_a_fifo_among_the_inputs_is_reported_not_waited_for(tmp_path, capsys, relative):
    # Reading a FIFO waits for a writer: check hung on a plans/*.yaml one, generate on one anywhere in content/,
    # and on the plan format's schema, which it publishes.
    make_project(tmp_path)
    os.makedirs((tmp_path / relative).parent, exist_ok=True)
    os.mkfifo(tmp_path / relative)
    for command in ("check", "generate"):
        code = main(["--root", str(tmp_path), command])
        out = capsys.readouterr().out
        assert code == 1
        assert f"{tmp_path / relative}: error: cannot read file: it is a FIFO, a socket or a device, not a file" in out
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("relative", ["plans/plan.schema.json", "content/schema/themes.json"])
def test_schema_check_reports_a_fifo_in_a_schemas_place(tmp_path, capsys, relative):
    # --check compares each schema file with what it should hold: it opened a FIFO and waited for a writer.
    assert main(["--root", str(tmp_path), "schema"]) == 0
    (tmp_path / relative).unlink()
    os.mkfifo(tmp_path / relative)
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / relative}: it is a FIFO, a socket or a device, not a file\n"


@pytest.mark.parametrize("make, reason", [(os.mkfifo, "it is a FIFO, a socket or a device, not a file"),
                                          (os.mkdir, "Is a directory")])
def test_an_mkdocs_yml_that_is_no_file_is_reported_by_build_and_serve(tmp_path, capsys, make, reason):
    # generate reads only site_url from mkdocs.yml and went on without it, but opened a FIFO and waited for a
    # writer; MkDocs (build, serve) opened it too, and took a folder for a traceback.
    make_project(tmp_path)
    make(tmp_path / "mkdocs.yml")
    assert main(["--root", str(tmp_path), "generate"]) == 0
    assert (tmp_path / "docs" / "index.md").exists()
    for command in ("build", "serve"):
        capsys.readouterr()
        assert main(["--root", str(tmp_path), command]) == 1
        assert f"{tmp_path / 'mkdocs.yml'}: error: cannot read file: {reason}\n" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_source_file_beside_a_project_reached_through_a_symlink_is_found(tmp_path):
    """../shared/seeds/ from a project whose folder is given through a symlink is where the system finds it (beside
    the real folder), not beside the link, as the path's text would have it."""
    real = tmp_path / "repos" / "project"
    real.mkdir(parents=True)
    write(tmp_path / "repos", "shared/seeds/001.txt", "通知全文")
    os.symlink(real, tmp_path / "link")
    make_project(tmp_path / "link", PLAN + "source: {file: ../shared/seeds/001.txt}\n")
    assert messages(tmp_path / "link") == []


# A hand-written file at the address of a page the site makes, known from its ids: the file's path under
# content/pages/, and the address it would take.
TAKEN = {"index.md": "", "years.md": "years", "tasks/index.md": "tasks", "data.md": "data", "targets.md": "targets",
         "editions/index.md": "editions", "plans/demo-edu-2025.md": "plans/demo-edu-2025",
         "themes/preschool/index.md": "themes/preschool", "departments/demo-jijiaoke.md": "departments/demo-jijiaoke",
         "organisations/demo-edu.md": "organisations/demo-edu", "years/2025.md": "years/2025",
         "metrics/index.md": "metrics",
         # an index.html, at the path MkDocs writes the page of its folder's address to: check and generate passed
         # it, then the build failed ("Excluding 'years/index.html' … conflicts with 'years/index.md'") or the page
         # replaced it in silence (plans/<id>/index.html)
         "index.html": "", "years/index.html": "years", "plans/demo-edu-2025/index.html": "plans/demo-edu-2025"}


def check_says_what_generate_says(root, capsys, page: str, address: str) -> None:
    """check and generate both fail, with the same error, on the file ``page`` of content/pages/ at ``address``."""
    write(root, f"content/pages/{page}", "# 手写的页面\n")
    error = f"{root}/content/pages/{page}: error: the site makes /{address} itself; rename this file"
    code, out, _ = check(root, capsys)
    assert code == 1 and error in out.splitlines()
    assert main(["--root", str(root), "generate"]) == 1
    assert error in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("page", TAKEN)
def test_a_hand_written_page_at_an_address_the_site_makes_is_the_error_generate_reports(tmp_path, capsys, page):
    """check says what generate says of it, without rendering."""
    make_project(tmp_path)
    check_says_what_generate_says(tmp_path, capsys, page, TAKEN[page])


def test_check_lists_the_files_the_site_makes_only_once_the_plans_are_valid(tmp_path, capsys):
    """The cross-index the files the site makes are found from needs a site loaded without errors: with an unknown
    department and a hand-written content/pages/years.md, check reports the department, not a traceback."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [基教科, 计财处]"))
    write(tmp_path, "content/pages/years.md", "# 手写的页面\n")
    code, out, _ = check(tmp_path, capsys)
    assert code == 1 and "unknown department '计财处'" in out and "years.md" not in out


# A hand-written file at the path of a file the site copies into docs/ itself: its own CSS and JavaScript
# (generator/static/) and the plan format's schema.  (Neither check nor generate said so: the site's copy replaced it.)
SITE_COPIES = ("assets/plansite/site.css", "assets/plansite/finder.js", "data/plan.schema.json")


@pytest.mark.parametrize("path", SITE_COPIES)
def test_a_hand_written_file_at_the_path_of_a_file_the_site_copies_is_the_error_generate_reports(tmp_path, capsys,
                                                                                              path):
    make_project(tmp_path)
    main(["--root", str(tmp_path), "schema"])
    check_says_what_generate_says(tmp_path, capsys, path, path)


@pytest.fixture(scope="module")
def with_editions(tmp_path_factory):
    """The site fixture with two editions tagged in git (``planhistory.site_editions``)."""
    return site_editions(make_site_project(tmp_path_factory.mktemp("editions")))


# A hand-written file at the address of a file the site makes that only the cross-index of the plans (the years of
# a theme's items or a metric's targets, the years with targets), git's edition tags or the vocabulary's feeds and
# the data files name, in the site fixture with editions: the file's path under content/pages/, and its address.
# (check did not see any of them: generate did.)
NEEDS_CROSS_INDEX = {"themes/preschool/2025.md": "themes/preschool/2025",
                     "metrics/qa-metric/2025/index.md": "metrics/qa-metric/2025", "targets/2024.md": "targets/2024",
                     "editions/2024.2.md": "editions/2024.2", "feeds/themes/safety.xml": "feeds/themes/safety.xml",
                     "data/items.csv": "data/items.csv", "data/finder/2025.json": "data/finder/2025.json"}


@pytest.mark.parametrize("page", NEEDS_CROSS_INDEX)
def test_a_hand_written_file_at_an_address_the_cross_index_or_git_names_is_the_error_generate_reports(
        with_editions, tmp_path, capsys, page):
    root = tmp_path / "project"
    shutil.copytree(with_editions, root, symlinks=True)
    check_says_what_generate_says(root, capsys, page, NEEDS_CROSS_INDEX[page])


def test_the_editions_check_reads_from_their_tags_are_those_generation_reads(with_editions):
    """check knows the editions' pages from the tags alone (``tagged_history``), not reading the plans at each: the
    site makes the same files with either history."""
    site, _ = load_site(str(with_editions))
    history = read_site_history(str(with_editions), site, str(with_editions / "mkdocs.yml"))
    assert len(history.editions) == 2
    assert generated_files(site, history=history).keys() == generated_files(
        site, history=tagged_history(str(with_editions))).keys()


def test_every_file_the_site_makes_stands_in_one_of_the_site_folders(with_editions):
    """check looks for the files the site makes only when a hand-written file stands in one of ``SITE_FOLDERS``:
    on a project with every kind of entry and editions, each file the site makes stands in one, and each holds one."""
    site, _ = load_site(str(with_editions))
    made = generated_files(site, history=tagged_history(site.root))
    assert all(map(sitepages.in_site_folder, made))
    assert all(any(sitepages.under(address_of(path), folder) for path in made) for folder in SITE_FOLDERS)


def test_check_makes_no_cross_index_for_hand_written_files_in_no_folder_the_site_makes(tmp_path, capsys,
                                                                                     monkeypatch):
    """content/pages/about.md, guide/images/a.png and assets/images/logo.png take no address the site makes (its
    assets/ holds Material's search worker alone): check does not list the files it makes, which takes the
    renderers and the cross-index (about 1 s of CPU at 1,000 plans)."""
    make_project(tmp_path)
    write(tmp_path, "content/pages/about.md", "# 关于\n")
    write(tmp_path, "content/pages/guide/images/a.png", "png")
    write(tmp_path, "content/pages/assets/images/logo.png", "png")
    built = []
    monkeypatch.setattr(render, "build_corpus", lambda site: built.append(len(site.plans)) or build_corpus(site))
    assert check(tmp_path, capsys)[0] == 0
    assert built == []
    write(tmp_path, "content/pages/themes/mental-health/2025.md", "# 手写的页面\n")
    assert check(tmp_path, capsys)[0] == 0
    assert built == [1]


def test_a_hand_written_page_is_named_as_the_other_files_are_under_root_dot(tmp_path, capsys, monkeypatch):
    """content/pages/years.md, not ./content/pages/years.md (which sorted before content/departments.yaml)."""
    make_project(tmp_path)
    write(tmp_path, "content/pages/years.md", "# 手写的页面\n")
    write(tmp_path, "content/departments.yaml", DEPARTMENTS + "  - {id: demo-edu-unit-1, name: 督导室, "
                                                              "organisation: demo-edu}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["--root", ".", "check"]) == 1
    lines = [line.split(":")[0] for line in capsys.readouterr().out.splitlines()
             if ": error: " in line or ": warning: " in line]
    assert lines == ["content/departments.yaml", "content/pages/years.md"]
    assert main(["--root", ".", "generate"]) == 1
    assert "content/pages/years.md: error: the site makes /years itself; rename this file" in capsys.readouterr().out
