import pickle
import re

import pytest
import yaml

from generator import yamlsource


def load(tmp_path, text, name="x.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return yamlsource.load(str(path))


def test_locations_of_values_and_keys(tmp_path):
    document, problems = load(tmp_path, "a: 1\nb:\n  - x: 2025-03-01\n    y: 中文\n")
    assert problems == []
    assert document.data == {"a": 1, "b": [{"x": __import__("datetime").date(2025, 3, 1), "y": "中文"}]}
    assert document.where(("b", 0, "y")) == (4, 8)
    assert document.key_where(("b", 0, "y")) == (4, 5)
    assert document.where(("b", 0, "missing")) == (3, 5)  # falls back to the parent


def test_a_pickled_document_unpickles_its_data_and_locations_when_first_read(tmp_path):
    document, _ = load(tmp_path, "a: 1\nb:\n  - x: 2025-03-01\n    y: 中文\n")
    received = pickle.loads(pickle.dumps(document))
    assert set(vars(received)) == {"path", "_packed"}  # as plan files arrive from the processes that read them
    assert received.key_where(("b", 0, "y")) == document.key_where(("b", 0, "y")) == (4, 5)
    assert set(vars(received)) == set(vars(document)) == {"path", "data", "locations", "key_locations"}
    assert received == document and pickle.loads(pickle.dumps(received)) == document
    with pytest.raises(AttributeError):
        received.missing


def test_locations_are_found_when_first_asked_for_in_the_text_that_was_read(tmp_path):
    # Most documents are never asked for a location: the data is built alone, the locations found in the same
    # text (not in the file, which may have changed since) when first asked for.
    document, _ = load(tmp_path, "a: 1\nb:\n  - x: 2025-03-01\n    y: 中文\n")
    assert "locations" not in vars(document) and "key_locations" not in vars(document)
    (tmp_path / "x.yaml").write_text("changed: 1\n")
    data = document.data
    assert document.key_where(("b", 0, "y")) == (4, 5) and document.where(("b", 0, "x")) == (3, 8)
    assert document.data is data and document.value_at(("b", 0, "y")) == "中文"


def test_a_file_with_something_to_report_is_read_with_its_locations(tmp_path):
    document, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert document is None and [(p.line, p.column, p.field) for p in problems] == [(3, 1, "a")]
    document, problems = load(tmp_path, "a: [1, 2]\nb: !!int x\n")
    assert document is None and [(p.line, p.column, p.field) for p in problems] == [(2, 4, "b")]


def test_duplicate_key_is_an_error_with_both_lines(tmp_path):
    document, problems = load(tmp_path, "id: a\ntitle: x\nid: b\n")
    assert document is None
    [problem] = problems
    assert (problem.line, problem.column, problem.field) == (3, 1, "id")
    assert "first defined at line 1" in problem.message


def test_syntax_error_names_line(tmp_path):
    _, [problem] = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert problem.line == 2 and "YAML syntax error" in problem.message


@pytest.mark.parametrize("text, line", [("a:\n  b: x\n\tc: 2\n", 3), ("a:\n  - x\n\t- y\n", 3), ("a:\n\tb: 1\n", 2)])
def test_a_tab_in_the_indentation_is_named_with_its_line(tmp_path, text, line):
    _, [problem] = load(tmp_path, text)
    assert problem.line == line and "replace the tab on this line with spaces" in problem.message


@pytest.mark.parametrize("text, field", [("a:\n  b: x\n\tc: 2\n", "a"), ("a:\n  - x\n\t- y\n", "a"),
                                         ("a:\n  b:\n\t  c: 2\n", "a.b")])
def test_a_tab_on_the_line_after_a_value_is_not_in_that_value(tmp_path, text, field):
    """libyaml stops in the value above (a plain text the line would go on with): the line is not in it."""
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column, problem.field) == (3, 1, field)


def test_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    document, [problem] = load(tmp_path, bomb)
    assert document is None and "alias" in problem.message


def test_absurd_nesting_is_refused(tmp_path):
    document, [problem] = load(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n")
    assert document is None and "nesting" in problem.message


def test_wrong_encoding_names_line_and_column(tmp_path):
    document, [problem] = load(tmp_path, "title: ok\nname: 教育局\n".encode("gb18030"))
    assert document is None
    assert (problem.line, problem.column) == (2, 7)
    assert "UTF-8" in problem.message


def test_byte_order_mark_is_accepted(tmp_path):
    document, problems = load(tmp_path, "\ufeffa: 1\n")
    assert problems == [] and document.data == {"a": 1}


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_BYTES", 10)
    document, [problem] = load(tmp_path, "a: 0123456789\n")
    assert document is None and "limit" in problem.message


SCALARS = ["yes", "No", "on", "OFF", "y", "true", "~", "null", "Null", "nULL", "", "0o17", "017", "0x1F", "0b101",
           "1_000", "+12", "09", "1:30", "190:20:30.15", "1_000.5", "1.5", "1e3", "1.0e+3", "-.inf", ".Inf",
           "2021-03-04",
           "2021-3-4", "2001-12-14t21:59:43.10-05:00", "2002-12-14 21:59:43.10 -5", "'yes'", '"1"', "!!str 1",
           "!!int '12'", "!!float 3", "! 12", "中文", "a b", "|\n  x\n  y", ">\n  x\n\n  y"]


# Integers that YAML 1.1 reads otherwise than they look (017 is 15, 1:30 is 90): kept as the text written.
WRITTEN_AS_TEXT = {"017", "0x1F", "0b101", "1_000", "1:30", "190:20:30.15", "1_000.5"}


@pytest.mark.parametrize("scalar", SCALARS)
def test_values_are_what_pyyaml_safe_loader_reads_but_odd_integers(tmp_path, scalar):
    in_flow = "x" if "\n" in scalar else scalar
    text = f"a: {scalar}\nb: [{in_flow}]\n"
    document, problems = load(tmp_path, text)
    expected = {"a": scalar, "b": [scalar]} if scalar in WRITTEN_AS_TEXT else yaml.safe_load(text)
    assert problems == [] and document.data == expected


@pytest.mark.parametrize("text, message, where", [
    ("a: 1\n---\nb: 2\n", "YAML syntax error: expected a single document in the stream but found another document",
     (2, 1, "")),
    ("a: 1\n---\nb: &x 1\n", "YAML anchors (&x) and aliases are not allowed", (3, 4, "b")),  # screened first
    ("a: !!int x\nb: [\n", "YAML syntax error", (3, 1, "b[0]")),  # a syntax error anywhere comes first
    ("a: {b: 1}\na: {b: 2, b: 2021-13-45}\n", "duplicate key 'a'", (2, 1, "a")),  # a duplicate's value is not read
    ("? [a]\n: 1\n", "mapping keys must be plain strings", (1, 3, "")),
])
def test_first_problem_of_a_file(tmp_path, text, message, where):
    document, [problem] = load(tmp_path, text)
    assert document is None
    assert problem.message.startswith(message) and (problem.line, problem.column, problem.field) == where


FULL_WIDTH = "(YAML keys end with an ASCII colon: replace the full-width '：' after '{}' with ':')"


@pytest.mark.parametrize("text, where, key", [
    # PyYAML stops on the line after the key, which it took for text: the error is at the '：'
    ("a:\n  b: 1\n  title： 扩大\n  text: x\n", (3, 8, "a"), "title"),
    ("a:\n  b: 1\n  title：扩大\n  text: x\n", (3, 8, "a"), "title"),
    ("id: x\nyear： 2025\nb: 1\n", (2, 5, ""), "year"),
    ("a:\n  b: 1\n  c： x\nd: 1\n", (3, 4, "a"), "c"),
])
def test_a_key_with_a_full_width_colon_is_named_where_the_colon_is(tmp_path, text, where, key):
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column, problem.field) == where
    assert problem.message == "YAML syntax error: while scanning a simple key could not find expected ':' " \
        + FULL_WIDTH.format(key)


@pytest.mark.parametrize("text, where, says", [
    # a value with a full-width colon after its key is text going on to the next line, where PyYAML stops
    ("a:\n  - number： 1\n    title: x\n", (2, 11, "a[0]"), "mapping values are not allowed in this context"),
    ("year： 2025\nb: 1\n", (1, 5, ""), "mapping values are not allowed in this context"),
    ("a:\n  b： x\n  c: y\n", (2, 4, "a"), "mapping values are not allowed in this context"),
    ("a:\n  b： x\n  # c\n  c: y\n", (2, 4, "a"), "while parsing a block mapping did not find expected key"),
])
def test_a_full_width_colon_the_next_line_continues_is_named_with_its_line(tmp_path, text, where, says):
    _, [problem] = load(tmp_path, text)
    key = re.search(r"(\w+)：", text).group(1)
    assert (problem.line, problem.column, problem.field) == where
    assert problem.message == f"YAML syntax error: {says} {FULL_WIDTH.format(key)}"


@pytest.mark.parametrize("text", [
    "text: 目标：提升\nquoted: '目标：提升'\nflow: [目标：提升, x]\nmapping: {text: 目标：提升}\nmore: 目标：\n  提升\n",
    "- 目标：提升\n- number：1 是文字\n",
])
def test_a_full_width_colon_in_a_value_is_text(tmp_path, text):
    document, problems = load(tmp_path, text)
    assert problems == [] and document.data == yaml.safe_load(text)


@pytest.mark.parametrize("text, expected", [
    # another mistake next to a full-width colon in a value: no word of the colon
    ("a: 目标：提升\nfoo bar\nb: 1\n", (3, 1, "", "while scanning a simple key could not find expected ':'")),
    ("a: 目标：提升\n  b: 1\n", (2, 4, "", "mapping values are not allowed in this context "
                                     "(YAML nests by indentation: align the key 'b' with the keys of its siblings "
                                     "at column 1)")),
    ("x:\n  a: '目标：提升'\n   b: 1\n", (3, 4, "x", "while parsing a block mapping did not find expected key "
                                             "(YAML nests by indentation: align the key 'b' with the keys of its "
                                             "siblings at column 3)")),
    ("a: 目标：提升 [注] x\nb: [1, 2\nc: 3\n", (3, 2, "b[2]", "while parsing a flow sequence did not find "
                                                  "expected ',' or ']' (the '[' on line 2 starts a list that must "
                                                  "end with ']')")),
    ("a:\n  b： 1: x\n c: 2\n", (3, 2, "", "while parsing a block mapping did not find expected key (YAML nests "
                                        "by indentation: align the key 'c' with the keys of its siblings at "
                                        "column 3 or column 1)")),
    # the value does not start with an indicator, or what follows is no text: no word of quoting it
    ("x: 'a' b\n", (1, 8, "", "while parsing a block mapping did not find expected key")),
    ("x: [1, 2]]\n", (1, 10, "", "while parsing a block mapping did not find expected key")),
    ("x:\n  `y: 1\n", (2, 3, "x", "while scanning for the next token found character that cannot start any token")),
    # a key goes on with a sequence's entry above it: where it belongs is not in the text
    ("a:\n  - x\n    b: 1\n", (3, 6, "a[1]", "mapping values are not allowed in this context")),
])
def test_other_mistakes_next_to_a_full_width_colon_or_a_value_are_not_said_to_be_them(tmp_path, text, expected):
    _, [problem] = load(tmp_path, text)
    line, column, field, says = expected
    assert (problem.line, problem.column, problem.field, problem.message) == (line, column, field,
                                                                              f"YAML syntax error: {says}")


@pytest.mark.parametrize("text, where, says, quoted", [
    ("a:\n  comparator: >=\n", (2, 16, "a.comparator"),
     "while scanning a block scalar did not find expected comment or line break", "'>' must be quoted: write "
                                                                                  "comparator: '>='"),
    ("a: {comparator: >=, value: 58}\n", (1, 17, "a.comparator"),
     "while scanning for the next token found character that cannot start any token", "'>' must be quoted: "
                                                                                      "write comparator: '>='"),
    ("a:\n  - x: | b # c\n", (2, 10, "a[0].x"),
     "while scanning a block scalar did not find expected comment or line break", "'|' must be quoted: write "
                                                                                  "x: '| b'"),
    ("unit: %\n", (1, 7, "unit"), "while scanning for the next token found character that cannot start any token",
     "'%' must be quoted: write unit: '%'"),
    ("a: [x, @y, z]\n", (1, 8, "a[1]"),
     "while scanning for the next token found character that cannot start any token", "'@' must be quoted: "
                                                                                      "write '@y'"),
    ("a: `b` c\n", (1, 4, "a"), "while scanning for the next token found character that cannot start any token",
     "'`' must be quoted: write a: '`b` c'"),
    ("a: *注 见附件\n", (1, 5, "a"), "while scanning an alias did not find expected alphabetic or numeric character",
     "'*' must be quoted: write a: '*注 见附件'"),
    ("a: &注 见附件\n", (1, 5, "a"),
     "while scanning an anchor did not find expected alphabetic or numeric character", "'&' must be quoted: "
                                                                                       "write a: '&注 见附件'"),
    ("a: !重要 it's\n", (1, 5, "a"), "while scanning a tag did not find expected whitespace or line break",
     "'!' must be quoted: write a: '!重要 it''s'"),
    ("a: [注] 见附件\nb: 1\n", (1, 8, "a"), "while parsing a block mapping did not find expected key",
     "'[' must be quoted: write a: '[注] 见附件'"),
])
def test_a_value_starting_with_an_indicator_is_said_to_be_quoted(tmp_path, text, where, says, quoted):
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column, problem.field) == where
    assert problem.message == f"YAML syntax error: {says} (a YAML value starting with {quoted})"


@pytest.mark.parametrize("text, where, hint", [
    ("a: [注 见附件\nb: 1\n", (2, 2, "a[1]"), "the '[' on line 1 starts a list that must end with ']'; a text value "
                                          "starting with it must be quoted: write a: '[注 见附件'"),
    ("a:\n  - {注 见附件\n  - b\n", (4, 1, "a[0]"), "the '{' on line 2 starts a mapping that must end with '}'; a "
                                                "text value starting with it must be quoted: write '{注 见附件'"),
    ("a: {b: 1, c: 2\nd: 1\n", (2, 2, "a"), "the '{' on line 1 starts a mapping that must end with '}'"),
])
def test_a_list_or_mapping_not_closed_is_said_to_be_closed_or_quoted(tmp_path, text, where, hint):
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column, problem.field) == where and problem.message.endswith(f" ({hint})")


INDENTATION = "(YAML nests by indentation: align the key '{}' with the keys of its siblings at {})"


@pytest.mark.parametrize("text, where, says, key, columns", [
    # one space too far: the key goes on with the value above
    ("a:\n  b: 1\n   c: 2\n", (3, 5, "a"), "mapping values are not allowed in this context", "c", "column 3"),
    ("a:\n  - b: x\n    c:\n      d: 1\n       e: 2\n", (5, 9, "a[0].c"),
     "mapping values are not allowed in this context", "e", "column 7"),
    # one space too little: in neither the mapping above nor the one around it, the nearer first
    ("a:\n  b: 1\n c: 2\n", (3, 2, ""), "while parsing a block mapping did not find expected key", "c",
     "column 3 or column 1"),
    ("a:\n  - b: 1\n   c: 2\n", (3, 4, "a"), "while parsing a block collection did not find expected '-' indicator",
     "c", "column 5 or column 1"),
    ("a:\n  - x\n  b: 1\n", (3, 3, "a"), "while parsing a block collection did not find expected '-' indicator", "b",
     "column 1"),
])
def test_a_key_indented_otherwise_than_its_siblings_is_said_to_be_aligned(tmp_path, text, where, says, key,
                                                                         columns):
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column, problem.field) == where
    assert problem.message == f"YAML syntax error: {says} {INDENTATION.format(key, columns)}"


@pytest.mark.parametrize("text, where, hint", [
    ("a:\n  b: 时间: 2025年 # c\n", (2, 8, "a"), "a YAML value containing ': ' must be quoted: write b: '时间: 2025年'"),
    ("a:\n  - 时间: 2025年: x\n", (2, 14, "a[0]"), "a YAML value containing ': ' must be quoted"),
    ("a: 时间\n  甲: 乙\n", (2, 4, ""), "a key must be aligned with the keys of its siblings, and a value containing "
                                      "': ' must be quoted"),
])
def test_a_value_holding_a_colon_and_a_space_is_said_to_be_quoted(tmp_path, text, where, hint):
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column, problem.field) == where
    assert problem.message == f"YAML syntax error: mapping values are not allowed in this context ({hint})"


def test_a_colon_and_a_space_in_a_value_in_braces_is_said_to_be_quoted(tmp_path):
    _, [problem] = load(tmp_path, "- {text: 目标: 提升, value: 1}\n")
    assert (problem.line, problem.column, problem.field) == (1, 12, "[0]")
    assert problem.message == ("YAML syntax error: while parsing a flow mapping did not find expected ',' or '}' "
                               "(a YAML value containing ': ' must be quoted: write text: '目标: 提升')")


# A plan's items as plansite import writes them (lists not indented under their key); line 7 is {}
ITEM = "sections:\n- number: 一\n  title: 甲\n  items:\n  - number: 1\n    title: 乙\n{}    support: []\n"


@pytest.mark.parametrize("odd, where", [
    ("  owners: []\n", (7, 3)),  # two spaces too few: a key of the section, so YAML stops at the next line
    ("owners: []\n", (7, 1)),
    ("  owners: []\n\n  # a comment\n", (7, 3)),
])
def test_a_key_indented_too_little_is_named_not_the_right_one_below_it(tmp_path, odd, where):
    _, [problem] = load(tmp_path, ITEM.format(odd))
    assert (problem.line, problem.column) == where
    assert problem.message.endswith("(YAML nests by indentation: the key 'owners' on line 7 is not aligned with its "
                                    "siblings: indent it to column 5, as the lines around it)")


@pytest.mark.parametrize("entries, where, which", [
    # at the column of the list of items: an item of its own
    ("  - party-building\n", (8, 3), "list entry on line 8 is indented less than the key 'themes' above it, so it is"),
    ("- party-building\n", (8, 1), "list entry on line 8 is indented less than the key 'themes' above it, so it is"),
    ("  - party-building\n  - preschool\n", (8, 3),
     "list entries on lines 8–9 are indented less than the key 'themes' above them, so they are"),
])
def test_list_entries_indented_less_than_their_key_are_named_not_the_key_below_them(tmp_path, entries, where, which):
    """YAML stops at the key after the entries, which is where it should be."""
    _, [problem] = load(tmp_path, ITEM.format("    themes:\n" + entries))
    assert (problem.line, problem.column) == where
    assert problem.message.endswith(f"(YAML nests by indentation: the {which} not in its value: indent each '-' to "
                                    "column 5 or further)")


def test_a_key_indented_too_far_below_a_key_with_no_value_is_said_to_be_aligned(tmp_path):
    """Not the entry above it: the key with no value (deadline:) is no sibling of the key YAML stopped at."""
    text = ("sections:\n- number: 一\n  title: 甲\n  items:\n  - number: '1'\n    title: 乙\n    deadline:\n"
            "  - number: '2'\n      title: 丙\n    text: 丁\n")
    _, [problem] = load(tmp_path, text)
    assert problem.line == 9
    assert problem.message.endswith("(YAML nests by indentation: align the key 'title' with the keys of its siblings "
                                    "at column 5)")


def test_a_key_indented_with_full_width_spaces_is_said_to_be_so(tmp_path):
    _, [problem] = load(tmp_path, ITEM.format("\u3000\u3000\u3000\u3000owners: []\n"))
    assert (problem.line, problem.column) == (7, 1)
    assert problem.message.endswith("(YAML indents with ASCII spaces only: line 7 begins with full-width spaces "
                                    "'\u3000', which YAML reads as text; replace them with spaces)")


def test_a_text_whose_lines_begin_with_full_width_spaces_loads(tmp_path):
    document, problems = load(tmp_path, "text: |\n  \u3000\u3000第一段。\n  \u3000\u3000第二段。\nnotes: x\n")
    assert problems == [] and document.data["text"] == "\u3000\u3000第一段。\n\u3000\u3000第二段。\n"


@pytest.mark.parametrize("text, hint", [
    # a list closed on the line YAML stopped at: what is amiss is a quoted word with text after it, not the ']'
    ('keywords: [党建, 党组织,\n  理论学习, "党史"学习, 干部队伍]\nb: 1\n', None),
    # ids in brackets not closed: a list, never a text to quote
    ("themes: [party-building\nb: 1\n", "the '[' on line 1 starts a list that must end with ']'"),
    # quoted, then ': ': the quotes end the value
    ("title: '深化改革': 说明\n", "a quoted YAML value ends at its closing quote: put all of the value inside the quotes"),
    # a value of two lines: no one line to write in quotes
    ("title: 深化: 领导\n  第二行\n", "a YAML value containing ': ' must be quoted, all of its lines"),
    # a word that is no field of the formats, then a full-width colon: text, not a key mistyped
    ("text: 甲\nPISA：测评结果\nb: 1\n", None),
])
def test_hints_only_where_the_text_shows_the_slip(tmp_path, text, hint):
    _, [problem] = load(tmp_path, text)
    assert problem.message.endswith(f"({hint})") if hint else not problem.message.endswith(")"), problem.message


def test_a_key_indented_too_little_is_named_when_yaml_stops_lines_below_it(tmp_path):
    """targets: at the section's indentation takes the list below it as its value; YAML stops at span:."""
    text = ("sections:\n- number: 一\n  title: 甲\n  items:\n  - number: 1\n    title: 乙\n  targets:\n"
            "    - text: 丙\n      value: 1\n    span: [1, 2]\n")
    _, [problem] = load(tmp_path, text)
    assert (problem.line, problem.column) == (7, 3)
    assert problem.message.endswith("(YAML nests by indentation: the key 'targets' on line 7 is not aligned with "
                                    "its siblings: indent it to column 5, as the lines around it)")
