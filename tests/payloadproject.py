"""A project holding the injection corpus (``payloads.PAYLOADS``) in every text field, built.

``payload_projects`` is a session fixture (import it into a test module): the
roots of that project and of the same project with neutral text of the same
line structure in place of each payload, both built.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.templating import md
from gitrepos import commit, git, init
from payloads import PAYLOADS
from sitefixtures import make_site_project

ORGANISATION = "payload-edu"
PLAN_ID = "payload-edu-2025"
NUMBERS = "一二三四五六七八九十"
PER_SECTION = 6


def neutral(text: str, index: int) -> str:
    """Harmless text with the lines of ``text``: the same lines are empty once rendered."""
    return "\n".join(f"中性{index}行{j}" if md(line) else line for j, line in enumerate(text.splitlines()))


def extend(root: Path, name: str, entries: list[dict]) -> None:
    path = root / "content" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[name] = [*data[name], *entries]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def plan(texts: list[str], edition: int) -> dict:
    """A plan filled with ``texts``; the second edition raises every target and adds a section.

    (Not texts but numbers change: how changes are told apart may depend on how alike texts are, and
    neutral texts are all alike.)"""
    every = "\n".join(texts)
    items = [{"number": str(i + 1), "title": text, "text": text, "owners": [text],
              "support": [texts[(i + 1) % len(texts)]], "themes": [f"payload-theme-{i}"],
              "targets": [{"text": text, "metric": text, "comparator": ">=", "value": i + edition, "unit": text}]}
             for i, text in enumerate(texts)]
    starts = range(0, len(items) - (PER_SECTION if edition == 1 else 0), PER_SECTION)
    sections = [{"number": NUMBERS[k], "title": texts[start], "text": texts[start + 1],
                 "items": items[start:start + PER_SECTION]} for k, start in enumerate(starts)]
    return {"id": PLAN_ID, "title": " ".join(texts), "organisation": ORGANISATION, "year": 2025, "kind": "plan",
            "source": {"url": "https://example.org/?q=" + "".join(texts)}, "preamble": every, "notes": every,
            "sections": sections, "closing": every}


def project(root: Path, texts: list[str]) -> Path:
    """The fixture project, and every text field of a further organisation, its units, themes, metrics and
    a plan filled with ``texts`` (one per item, unit, theme and metric; all of them where a field is long),
    in git with two published editions, so that the history pages and the feeds have entries too."""
    init(make_site_project(root))
    every = "\n".join(texts)
    extend(root, "organisations", [{"id": ORGANISATION, "name": texts[0], "region": texts[1], "level": "省级",
                                    "notes": every}])
    extend(root, "departments", [{"id": f"payload-unit-{i}", "name": text, "organisation": ORGANISATION,
                                  "full_name": text} for i, text in enumerate(texts)])
    extend(root, "themes", [{"id": f"payload-theme-{i}", "name": text, "description": text, "keywords": [text]}
                            for i, text in enumerate(texts)])
    if (root / "content" / "metrics.yaml").exists():
        extend(root, "metrics", [{"id": f"payload-metric-{i}", "name": text, "description": text}
                                 for i, text in enumerate(texts)])
    for edition, date in ((1, "2025-03-01T10:00:00+08:00"), (2, "2025-06-01T10:00:00+08:00")):
        (root / "plans" / "2025" / f"{PLAN_ID}.yaml").write_text(
            yaml.safe_dump(plan(texts, edition), allow_unicode=True, sort_keys=False), encoding="utf-8")
        commit(root, f"edition {edition}", date)
        git(root, "tag", "--annotate", "-m", f"edition {edition}", f"edition/2025.{edition}", date=date)
    return root


@pytest.fixture(scope="session")
def payload_projects(tmp_path_factory) -> tuple[Path, Path]:
    """The roots of two built projects: the corpus in every text field, and neutral text in its place."""
    built = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # one build date for both
        for name, texts in (("payloads", PAYLOADS), ("neutral", [neutral(t, i) for i, t in enumerate(PAYLOADS)])):
            root = project(tmp_path_factory.mktemp(name), texts)
            assert main(["--root", str(root), "build"]) == 0
            built.append(root)
    return tuple(built)
