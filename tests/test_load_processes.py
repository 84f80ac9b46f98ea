"""Plan files read in forked processes, or taken from the cache of files read before (generator/plancache.py):
the same site and diagnostics as reading every file in one process gives."""

from __future__ import annotations

import os
import pickle

import pytest

from generator import load, uptodate, yamlsource
from generator.load import load_site
from generator.model import Plan
from generator.plancache import FOLDER
from projects import PLAN, make_project, write

BROKEN = {
    "a-syntax.yaml": PLAN.replace("sections:", "sections: ["),
    "b-duplicate-key.yaml": PLAN.replace("year: 2025", "year: 2025\nyear: 2026"),
    "c-unknown-theme.yaml": PLAN.replace("id: demo-edu-2025", "id: c-unknown-theme")
    .replace("themes: [preschool]", "themes: [pre-school]"),
    "d-anchor.yaml": PLAN.replace("year: 2025", "year: &y 2025"),
    "e-bad-values.yaml": PLAN.replace("id: demo-edu-2025", "id: e-bad-values").replace("year: 2025", "year: 二〇二五")
    .replace("comparator: '>='", "comparator: 'range'"),
    "f-misnamed.yaml": PLAN,  # a duplicate plan id, in a file not named after it
    "g-not-utf8.yaml": "id: g\ntitle: \xff\n",
}


@pytest.fixture
def project(tmp_path):
    make_project(tmp_path)
    for name, text in BROKEN.items():
        path = write(tmp_path, f"plans/2024/{name}", text)
        if name == "g-not-utf8.yaml":
            path.write_bytes(text.encode("latin-1"))
    return tmp_path


@pytest.mark.parametrize("processes", [2, 3])
def test_processes_give_the_same_site_and_diagnostics(project, processes):
    serial_site, serial_diagnostics = load_site(str(project), processes=1, cached=False)
    site, diagnostics = load_site(str(project), processes=processes, cached=False)
    assert len(serial_site.plans) == 4 and len(serial_diagnostics) > len(BROKEN)
    assert site == serial_site  # the plans in the same order, with their parsed YAML
    assert diagnostics == serial_diagnostics


def test_an_exception_reading_a_plan_is_raised_here(project, monkeypatch):
    decode = load.decode

    def decode_no_plan(cls, document, diagnostics):
        if cls is Plan:
            raise ValueError(f"cannot decode {document.path}")
        return decode(cls, document, diagnostics)

    monkeypatch.setattr(load, "decode", decode_no_plan)
    for processes in (1, 3):  # with 3, the file is read in a child, and this process fails on another first
        with pytest.raises(ValueError, match="cannot decode .*c-unknown-theme.yaml"):
            load_site(str(project), processes=processes, cached=False)


# --- the cache --------------------------------------------------------------------------------------------

def entries(project) -> set[str]:
    folder = project / FOLDER
    return set(os.listdir(folder)) if folder.is_dir() else set()


def not_read(monkeypatch):
    """Make reading a plan file fail: what a load then gives comes from the cache."""
    def refuse(path, cls, diagnostics):
        if cls is Plan:
            raise AssertionError(f"{path} was read")
        return decode(path, cls, diagnostics)
    decode = load.load_document
    monkeypatch.setattr(load, "load_document", refuse)


def test_a_second_load_reads_no_plan_file_and_gives_the_same(project, monkeypatch):
    first = load_site(str(project))
    assert len(entries(project)) == len(BROKEN) + 1  # one per plan file, those that cannot be read too
    with monkeypatch.context() as patch:
        not_read(patch)
        second = load_site(str(project))
    assert second == first  # the plans, their parsed YAML (read again when compared) and every diagnostic
    # Validation placed its problems (a duplicate id, an unknown theme) by reading the cached files again.
    assert any(d.path.endswith("c-unknown-theme.yaml") and d.line > 1 for d in second[1])
    assert second == load_site(str(project), cached=False)


def test_an_edited_file_is_read_again_and_its_old_entry_removed(project, monkeypatch):
    load_site(str(project))
    before = entries(project)
    edited = project / "plans/2024/c-unknown-theme.yaml"
    edited.write_text(BROKEN["c-unknown-theme.yaml"].replace("pre-school", "preschool"), encoding="utf-8")
    site, diagnostics = load_site(str(project))
    assert not any(d.path == str(edited) and d.severity == "error" for d in diagnostics)  # the theme is known now
    assert len(entries(project)) == len(before) and len(entries(project) - before) == 1
    (project / "plans/2024/d-anchor.yaml").unlink()
    load_site(str(project))
    assert len(entries(project)) == len(before) - 1
    expected = load_site(str(project), cached=False)
    with monkeypatch.context() as patch:
        not_read(patch)
        assert load_site(str(project)) == expected


def test_other_code_finds_nothing(project, monkeypatch):
    load_site(str(project))
    monkeypatch.setattr(uptodate, "code_state", lambda: ("another version",))
    not_read(monkeypatch)
    with pytest.raises(AssertionError, match="was read"):
        load_site(str(project))


def test_a_file_over_the_size_limit_is_not_read_whole_nor_cached(project, monkeypatch):
    load_site(str(project))
    before = entries(project)
    limit = max(path.stat().st_size for path in (project / "plans").rglob("*.yaml"))
    monkeypatch.setattr(yamlsource, "MAX_BYTES", limit)
    large = project / "plans/2024/h-large.yaml"
    large.write_text(PLAN + "#" * limit + "\n", encoding="utf-8")
    _, diagnostics = load_site(str(project))
    assert any(d.path == str(large) and f"the limit is {limit:,}" in d.message for d in diagnostics)
    assert entries(project) == before  # every other file from the cache; nothing kept for the large one


def test_a_damaged_entry_is_read_anew(project):
    expected = load_site(str(project))
    for name in entries(project):
        (project / FOLDER / name).write_bytes(b"not a pickle")
    assert load_site(str(project)) == expected
    for name in entries(project):
        pickle.loads((project / FOLDER / name).read_bytes())  # written again


def test_a_cached_document_is_read_only_when_asked_for(tmp_path):
    make_project(tmp_path)
    load_site(str(tmp_path))
    site, diagnostics = load_site(str(tmp_path))
    assert diagnostics == []  # validation asked for no location
    document = site.plans[0].document
    assert "data" not in vars(document)
    sent = pickle.loads(pickle.dumps(document))  # as to another process: neither copy read
    assert "data" not in vars(document) and vars(sent) == {"path": document.path}
    assert sent == document
    assert document.where(("title",))[0] > 1 and "data" in vars(document)
