"""Property-based tests: the loader never crashes and never loses text."""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import yamlsource
from generator.decode import decode
from generator.ids import walk_items
from generator.model import Plan

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.text())
def test_arbitrary_text_gives_data_or_diagnostics(tmp_path, text):
    document, problems = yamlsource.load(str(tmp_path / "x.yaml"), text)
    assert (document is None) == any(p.severity == "error" for p in problems)
    for problem in problems:
        assert problem.line >= 0 and problem.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(json_values)
def test_decoder_reports_instead_of_crashing(tmp_path, value):
    text = yaml.safe_dump(value, allow_unicode=True)
    document, problems = yamlsource.load(str(tmp_path / "x.yaml"), text)
    if document is None:  # refused on purpose (e.g. a merge key): said so, with a place
        assert problems and all(p.message for p in problems)
        return
    diagnostics = []
    plan = decode(Plan, document, diagnostics)
    assert plan is None or isinstance(plan, Plan)
    if not isinstance(value, dict):
        assert plan is None and diagnostics


# YAML itself folds NEL/LS/PS and other C0/C1 controls into line breaks; plan text never holds them
# (the importer normalises them when it reads a source), so they are left out here.
texts = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), include_characters="\n\t"),
                min_size=1, max_size=60)


titles = texts.filter(str.strip)  # a blank title is an error (a required field left empty)


@SETTINGS
@given(st.lists(st.tuples(titles, texts), min_size=1, max_size=6))
def test_dump_then_load_keeps_every_item_text(tmp_path, pairs):
    data = {"id": "p", "title": "t", "organisation": "o", "year": 2025, "sections": [
        {"number": "一", "title": "s", "items": [
            {"number": str(i + 1), "title": title, "text": text} for i, (title, text) in enumerate(pairs)]}]}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    document, problems = yamlsource.load(str(tmp_path / "x.yaml"), text)
    assert problems == []
    diagnostics = []
    plan = decode(Plan, document, diagnostics)
    assert diagnostics == []
    assert [(p.item.title, p.item.text) for p in walk_items(plan.sections)] == pairs
