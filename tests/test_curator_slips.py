"""Slips a curator makes in everyday work on a project (copying a plan, recording progress, editing in a
Windows editor), each reported at its place with what to do, and nothing silently lost."""

import pytest

from generator.load import load_site
from projects import DEPARTMENTS, PLAN, REVIEW_HEAD, make_project, write


def messages(tmp_path):
    _, diagnostics = load_site(str(tmp_path))
    return [(d.line, d.field, d.severity, d.message) for d in diagnostics]


PROGRESS = PLAN.replace("unit: '%'}", "unit: '%', status: 已完成, actual: 60, as_of: 2025-13-01}") \
    .replace("        themes: [preschool]\n", "        themes: [preschool]\n        status: 推进中\n")


def test_a_date_that_does_not_exist_is_reported_with_the_other_problems_of_its_file(tmp_path):
    """2025-13-01 stopped reading the file: the status below it, also wrong, was reported only once the date
    was put right.  Nor is the curator then told to give the as_of they gave."""
    make_project(tmp_path, PROGRESS)
    found = [(field, message) for _, field, severity, message in messages(tmp_path)]
    assert found == [
        ("sections[0].items[0].targets[0].as_of",
         "expected a date that exists, got the text '2025-13-01' (month must be in 1..12)"),
        ("sections[0].items[0].status", "expected one of '未开始', '进行中', '已完成', '未完成', '已调整' (did you mean "
                                        "'进行中'?), got the text '推进中'")]


def test_progress_recorded_on_an_item_of_a_review_is_a_warning_saying_where_it_belongs(tmp_path):
    """The site shows no state for an item of a review (a report): its status was dropped without a word."""
    make_project(tmp_path)
    write(tmp_path, "plans/2025/demo-edu-2025-review.yaml", REVIEW_HEAD + """\
      - number: 一是
        title: 普惠资源持续扩大
        text: 普惠资源持续扩大。
        status: 已完成
""")
    assert messages(tmp_path) == [(13, "sections[0].items[0].status", "warning", (
        "an item of a review reports on items of a plan and has no progress of its own: the site shows no status "
        "here; record it on the item it reports on, in its plan, and name that item in reviews"))]


@pytest.mark.parametrize("written, meant", [("完成", "已完成"), ("正在推进", "进行中"), ("尚未启动", "未开始"),
                                            ("未能完成", "未完成")])
def test_a_status_in_other_words_is_told_the_state_it_means(tmp_path, written, meant):
    """完成 was told '未完成' or '已完成', the opposite first; 正在推进, sharing no character with 进行中, nothing."""
    make_project(tmp_path, PLAN.replace("        themes: [preschool]\n",
                                        f"        themes: [preschool]\n        status: {written}\n"))
    [(field, message)] = [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"]
    assert field == "sections[0].items[0].status" and f"(did you mean {meant!r}?), got" in message


@pytest.mark.parametrize("name, said", [
    ("plans/2026/demo-edu-2026.yaml", "give this plan an id of its own: id: demo-edu-2026, as its file is named"),
    ("plans/2026/计划.yaml", "give this plan an id of its own, and name its file after it")])
def test_a_plan_copied_with_its_id_is_told_the_id_to_give_it(tmp_path, name, said):
    """A new year's plan made from a copy of last year's keeps its id: the error said only that it was a
    duplicate."""
    make_project(tmp_path)
    write(tmp_path, name, PLAN.replace("year: 2025", "year: 2026"))
    [(field, message)] = [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"]
    assert field == "id" and message.endswith(f"/plans/2025/demo-edu-2025.yaml); {said}")


def test_an_old_id_kept_by_a_renumbered_item_says_the_item_numbered_so_now_needs_an_id(tmp_path):
    """A curator inserting an item before item 1 renumbers it 2 and keeps its address with id: 1-1, as README
    says; the new item 1 takes 1-1 from its numbering, and the error said to give the old one another id."""
    make_project(tmp_path, PLAN.replace("      - number: 1\n        title: 扩大普惠资源\n",
                                        "      - number: 1\n        title: 新增事项\n"
                                        "      - number: 2\n        id: 1-1\n        title: 扩大普惠资源\n"))
    [(line, field, message)] = [(n, f, m) for n, f, s, m in messages(tmp_path) if s == "error"]
    assert (line, field) == (12, "sections[0].items[1].id") and message == (
        "item id '1-1' is already used by the item at line 9; that one takes it from its numbering: give this one "
        "another 'id', or, to keep this one's (an address published before), give that one an 'id' of its own")


@pytest.mark.parametrize("change, where, said", [
    (("        title: 扩大普惠资源\n", "        title:\u3000扩大普惠资源\n"), (10, 15, "sections[0].items[0]"),
     "YAML syntax error: while scanning a simple key could not find expected ':' (a YAML key's colon is followed by "
     "an ASCII space: replace the full-width space after 'title:' with ' ')"),
    (("year: 2025\n", "year: 2025\nsource:\n  file:\u3000seeds/x.txt\n"), (6, 3, "source"),
     "expected a mapping, got the text 'file:\\u3000seeds/x.txt' (a YAML key's colon is followed by an ASCII space: "
     "replace the full-width space after 'file:' with ' ')"),
])
def test_a_full_width_space_after_a_keys_colon_is_told_to_be_an_ascii_one(tmp_path, change, where, said):
    """A Chinese input method types the space after 'title:' full-width: YAML reads the line as text, and the
    error, on the line below, said nothing of it."""
    make_project(tmp_path, PLAN.replace(*change))
    assert [(line, column, field, message) for line, column, field, message in located(tmp_path)] == [(*where, said)]


def located(tmp_path):
    _, diagnostics = load_site(str(tmp_path))
    return [(d.line, d.column, d.field, d.message) for d in diagnostics]


@pytest.mark.parametrize("written", ["２０２５", "2025年", "'2025'"])
def test_a_year_in_full_width_digits_or_with_its_unit_is_told_the_number_to_write(tmp_path, written):
    make_project(tmp_path, PLAN.replace("year: 2025", f"year: {written}"))
    [(field, message)] = [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"]
    assert field == "year" and message.endswith(" (write 2025)")


CURLY = "‘’ and “” are not YAML's quotes but part of the text"


@pytest.mark.parametrize("change, field, severity, said", [
    (("value: 58", "value: ‘58’"), "sections[0].items[0].targets[0].value", "error",
     f"expected a number, got the text '‘58’' ({CURLY}: write 58)"),
    (("comparator: '>='", "comparator: ‘>=’"), "sections[0].items[0].targets[0].comparator", "error",
     f"expected one of '>=', '<=', '=', '>', '<', 'range' (did you mean '>='?), got the text '‘>=’' ({CURLY}: "
     "write '>=')"),
    (("unit: '%'", "unit: “%”"), "sections[0].items[0].targets[0].unit", "warning", f"{CURLY}: write '%'"),
    (("      - number: 1\n", "      - number: ‘(一)’\n"), "sections[0].items[0].number", "warning",
     f"{CURLY}: write '(一)'"),
])
def test_a_value_in_curly_quotes_is_told_they_are_text(tmp_path, change, field, severity, said):
    """A word processor's quotes around a value are kept in it: a number, a unit or an item's number (its
    address, item-1-p1) then changed without a word, and errors did not say why '‘58’' is no number."""
    make_project(tmp_path, PLAN.replace(*change))
    assert [(f, s, m) for _, f, s, m in messages(tmp_path)] == [(field, severity, said)]


MANY = "、".join(f"第{n}科" for n in range(1, 30))


@pytest.mark.parametrize("change, field, said", [
    (("owners: [基教科, 计划财务科]", "owners: 基教科、计划财务科"), "owners", "write [基教科, 计划财务科]"),
    (("owners: [基教科, 计划财务科]", "owners: [基教科]\n        support: 某县教育局（体育局）"), "support",
     "write ['某县教育局（体育局）']"),
    (("themes: [preschool]", "themes: preschool"), "themes", "write [preschool]"),
    # the curly quotes are no part of the names, and say so first
    (("themes: [preschool]", "themes: “preschool”"), "themes", f"{CURLY}: write [preschool]"),
    (("owners: [基教科, 计划财务科]", "owners: “基教科、计划财务科”"), "owners", f"{CURLY}: write [基教科, 计划财务科]"),
    (("owners: [基教科, 计划财务科]", "owners: ‘基教科’，‘计划财务科’"), "owners", f"{CURLY}: write [基教科, 计划财务科]"),
    # a quote opened or closed alone, and the punctuation ending the text or a name, are no part of the names
    (("owners: [基教科, 计划财务科]", "owners: “基教科、计划财务科"), "owners", f"{CURLY}: write [基教科, 计划财务科]"),
    (("owners: [基教科, 计划财务科]", "owners: 基教科、‘计划财务科"), "owners", f"{CURLY}: write [基教科, 计划财务科]"),
    (("owners: [基教科, 计划财务科]", "owners: “基教科、计划财务科”。"), "owners", f"{CURLY}: write [基教科, 计划财务科]"),
    (("owners: [基教科, 计划财务科]", "owners: 基教科”，计划财务科。"), "owners", f"{CURLY}: write [基教科, 计划财务科]"),
    (("owners: [基教科, 计划财务科]", "owners: 基教科、计划财务科 。"), "owners", "write [基教科, 计划财务科]"),
    # a name's own quotes, paired, are kept
    (("owners: [基教科, 计划财务科]", "owners: “双减”工作组、计划财务科"), "owners", "write ['“双减”工作组', 计划财务科]"),
    # a name YAML reads as another value (nothing, true, a number), quoted
    (("owners: [基教科, 计划财务科]", "owners: 基教科、null、on、12"), "owners", "write [基教科, 'null', 'on', '12']"),
    # one PyYAML takes for a number it cannot read (0x_): quoted too, and no crash
    (("owners: [基教科, 计划财务科]", "owners: 基教科、0x_"), "owners", "write [基教科, '0x_']"),
    (("owners: [基教科, 计划财务科]", f"owners: {MANY}"), "owners",
     "write [第1科, 第2科, 第3科, 第4科, 第5科, 第6科, 第7科, 第8科, …6科, 第27科, 第28科, 第29科] (all of the value: it is "
     "shortened here)"),
])
def test_units_or_themes_written_as_a_text_are_told_the_list_to_write(tmp_path, change, field, said):
    """owners: 基教科、计财科, as the plan prints it, was 'expected a list, got the text …', without saying how; in
    curly quotes, to write the quotes into the list (['“preschool”']), and not that they are text; null, on or 12
    were left bare, read as None, True and 12.  A quote without its pair (“基教科、计财科) or the text's full stop
    (“基教科、计财科”。) was kept in a name: ['“基教科', '计财科”。']."""
    make_project(tmp_path, PLAN.replace(*change))
    [(found, message)] = [(f, m) for _, f, s, m in messages(tmp_path) if s == "error"]
    assert found == f"sections[0].items[0].{field}" and message.endswith(f" ({said})")


def test_a_chinese_text_in_its_own_quotes_is_left_alone(tmp_path):
    make_project(tmp_path, PLAN.replace("title: 扩大普惠资源", "title: “双减”"))
    assert messages(tmp_path) == []


@pytest.mark.parametrize("encoding, said", [("gbk", "it reads as GBK (GB18030; Notepad's ANSI)"),
                                            ("utf-16", "it reads as UTF-16 (Notepad's Unicode)")])
def test_a_plan_saved_in_a_windows_encoding_is_told_which(tmp_path, encoding, said):
    """Notepad's ANSI on a Chinese Windows is GBK: the error named a byte, not the encoding to choose away from."""
    make_project(tmp_path)
    (tmp_path / "plans/2025/demo-edu-2025.yaml").write_bytes(PLAN.encode(encoding))
    [(field, severity, message)] = [(f, s, m) for _, f, s, m in messages(tmp_path)]
    assert message.startswith(f"file is not UTF-8 (save it as UTF-8; {said}; byte 0x")


def test_a_file_in_no_windows_encoding_is_told_only_to_be_saved_as_utf8(tmp_path):
    make_project(tmp_path)
    (tmp_path / "plans/2025/demo-edu-2025.yaml").write_bytes(PLAN.encode() + b"\xe9 \xff\n")
    [(field, severity, message)] = [(f, s, m) for _, f, s, m in messages(tmp_path)]
    assert message == "file is not UTF-8 (save it as UTF-8; byte 0xe9 cannot be decoded)"


def test_an_owner_written_as_a_department_id_since_renamed_is_told_the_id_it_has_now(tmp_path):
    """A department's id renamed in content/departments.yaml, the plans writing the old one were told of no id."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [demo-jijiaoke]"))
    write(tmp_path, "content/departments.yaml", DEPARTMENTS.replace("demo-jijiaoke", "demo-jichu-jiaoyuke"))
    assert [(f, m) for _, f, _, m in messages(tmp_path)] == [(
        "sections[0].items[0].owners[0]", "unknown department 'demo-jijiaoke' for organisation 'demo-edu' (did you "
        "mean 'demo-jichu-jiaoyuke' or 'demo-jicaike'?); add it to content/departments.yaml")]


def named_another_year(field: str, named: int, year: int) -> list:
    why = {"title": "a copied plan keeps its title", "id": "the id is the address of the plan's page"}[field]
    return [({"id": 1, "title": 2}[field], field, "warning",
             f"the {field} names {named} but the plan is of {year}: correct the one that is wrong ({why})")]


@pytest.mark.parametrize("title, plan_id, year, found", [
    ("示例市教育局2025年工作要点", "demo-edu-2026", 2026, named_another_year("title", 2025, 2026)),
    ("示例市教育局２０２５年工作要点", "demo-edu-2026", 2026, named_another_year("title", 2025, 2026)),
    ("示例市教育局2023—2025年教育发展规划", "demo-edu-2024", 2024, []),
    ("示例市教育局2025年工作总结和2026年工作计划", "demo-edu-2025", 2025, []),
    ("示例市教育局工作要点", "demo-edu-2026", 2026, []),
    ("示例市教育局工作要点", "demo-edu-2025", 2024, named_another_year("id", 2025, 2024)),
    ("示例市教育局工作要点", "demo-edu-2025-review", 2026, named_another_year("id", 2025, 2026)),
    ("示例市教育局工作要点", "demo-edu-2023-2025", 2024, []),
    ("示例市教育局2024年工作要点", "demo-edu", 2024, []),
])
def test_a_title_or_an_id_naming_another_year_than_the_plans_is_a_warning(tmp_path, title, plan_id, year, found):
    """A new year's plan copied from last year's, its year put right but not its title or id: the site listed
    示例市教育局2025年工作要点 under 2026; a plan given year 2024 whose id said 2025 was warned of its folder and
    title, not of its id, which becomes its address (plans/demo-edu-2025/ for a plan of 2024)."""
    make_project(tmp_path, PLAN.replace("title: 示例市教育局2025年工作要点", f"title: {title}")
                 .replace("id: demo-edu-2025", f"id: {plan_id}").replace("year: 2025", f"year: {year}"),
                 name=f"plans/{year}/{plan_id}.yaml")
    assert messages(tmp_path) == found


SOURCED = PLAN.replace("year: 2025\n", "year: 2025\nsource:\n  file: ../seeds/2025.txt\n")


def test_two_plans_of_one_source_file_are_a_warning_in_the_later_naming_both_files_and_lines(tmp_path):
    """Next year's plan copied from this year's, its id, title and year put right but not its source: two plans
    claimed one published text, and ``plansite import --verify`` checked the copy against last year's."""
    make_project(tmp_path, SOURCED)
    copy = SOURCED.replace("demo-edu-2025", "demo-edu-2026").replace("2025年", "2026年").replace("year: 2025",
                                                                                                "year: 2026")
    write(tmp_path, "plans/2026/demo-edu-2026.yaml", copy.replace("../seeds/2025.txt", "./../seeds//2025.txt"))
    _, diagnostics = load_site(str(tmp_path))
    shared = [(d.path, d.line, d.field, d.severity, d.message) for d in diagnostics if "also the source" in d.message]
    assert shared == [(
        f"{tmp_path}/plans/2026/demo-edu-2026.yaml", 6, "source.file", "warning",
        f"source file './../seeds//2025.txt' is also the source of {tmp_path}/plans/2025/demo-edu-2025.yaml (line 6): "
        "a copied plan keeps the source of the plan it was copied from; name this plan's own text")]


def test_plans_of_different_source_files_are_no_warning(tmp_path):
    make_project(tmp_path, SOURCED)
    write(tmp_path, "plans/2026/demo-edu-2026.yaml", SOURCED.replace("demo-edu-2025", "demo-edu-2026")
          .replace("2025", "2026"))
    assert [m for _, _, _, m in messages(tmp_path) if "is also the source" in m] == []


def test_an_owner_written_as_a_department_id_with_a_full_width_hyphen_is_told_the_id(tmp_path):
    """A Chinese input method types the hyphen of an id full-width (demo－jijiaoke): ids were suggested only to an
    owner written in ASCII, so this one was told to add a department."""
    make_project(tmp_path, PLAN.replace("owners: [基教科, 计划财务科]", "owners: [demo－jijiaoke]"))
    assert [(f, m) for _, f, _, m in messages(tmp_path)] == [(
        "sections[0].items[0].owners[0]", "unknown department 'demo－jijiaoke' for organisation 'demo-edu' (did you "
        "mean 'demo-jijiaoke' or 'demo-jicaike'?); add it to content/departments.yaml")]
