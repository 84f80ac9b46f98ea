"""README's field reference of the plan format is the one generated from the model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import fieldref
from generator.model import Item, Plan, Section, Source, Target

README = Path(__file__).parent.parent / "README.md"


def test_readme_holds_the_field_reference_of_the_model():
    text = README.read_text(encoding="utf-8")
    assert fieldref.replaced(text, fieldref.reference()) == text, "run `python -m generator.fieldref`"


def test_every_field_of_every_class_of_the_format_is_in_the_reference_once():
    reference = fieldref.reference()
    for cls in (Plan, Source, Section, Item, Target):
        table = reference.split(f"**{cls.__name__}**: ", 1)[1].split("\n\n**", 1)[0]
        rows = [line for line in table.splitlines() if line.startswith("| `")]
        assert [row.split("`")[1] for row in rows] == [f.name for f in dataclasses.fields(cls)]
    assert reference.count("**Section**: ") == 1  # a class met twice (sections hold sections) is listed once


def test_a_row_says_type_default_and_meaning_and_shows_the_meaning_as_written():
    rows = {line.split("`")[1]: line for line in fieldref.reference().split("**Target**")[1].splitlines()
            if line.startswith("| `")}
    assert rows["comparator"] == ("| `comparator` | one of `>=`, `<=`, `=`, `>`, `<`, `range` | `>=` | "
                                  "How the value is to be met; 'range' uses min and max. |")
    assert rows["text"].startswith("| `text` | text | **required** |")
    assert "a review item as &lt;plan id>#&lt;item id>" in rows["evidence"]  # no HTML tag to a Markdown reader


def test_the_module_writes_the_reference_between_the_markers_and_keeps_the_rest(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{fieldref.BEGIN}\nstale\n{fieldref.END}\n\nafter\n", encoding="utf-8")
    assert fieldref.main([str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == (f"# Title\n\n{fieldref.BEGIN}\n\n{fieldref.reference()}\n"
                                                  f"{fieldref.END}\n\nafter\n")


def test_help_is_printed_not_taken_for_a_file(capsys):
    with pytest.raises(SystemExit) as stop:
        fieldref.main(["--help"])
    assert stop.value.code == 0
    assert "python -m generator.fieldref" in capsys.readouterr().out
