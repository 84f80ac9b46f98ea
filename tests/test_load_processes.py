"""Plan files read in forked processes: the same site and diagnostics as one process gives."""

from __future__ import annotations

import pytest

from generator import load
from generator.load import load_site
from generator.model import Plan
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
    serial_site, serial_diagnostics = load_site(str(project), processes=1)
    site, diagnostics = load_site(str(project), processes=processes)
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
            load_site(str(project), processes=processes)
