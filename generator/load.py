"""Read content/ and plans/ from disk into a validated Site."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import cached_property

from . import yamlsource
from .decode import decode
from .diagnostics import Diagnostic
from .model import DepartmentFile, MetricFile, OrganisationFile, Plan, ThemeFile
from .vocabulary import Vocabulary

VOCABULARY_FILES = {
    "organisations": ("organisations.yaml", OrganisationFile),
    "departments": ("departments.yaml", DepartmentFile),
    "themes": ("themes.yaml", ThemeFile),
    "metrics": ("metrics.yaml", MetricFile),
}
# Metrics are opt-in: without content/metrics.yaml targets are shown but not lined up, and not checked.
OPTIONAL_VOCABULARIES = {"metrics"}


@dataclass(frozen=True)
class PlanFile:
    path: str                      # as shown in diagnostics, e.g. plans/2025/x.yaml
    plan: Plan
    document: yamlsource.Document | None  # the parsed YAML, for locations (None: see ``without_documents``)


@dataclass(frozen=True)
class Site:
    root: str
    vocabulary: Vocabulary
    vocabulary_documents: dict[str, yamlsource.Document]
    plans: tuple[PlanFile, ...]

    @cached_property
    def plans_by_id(self) -> dict[str, Plan]:
        """The plans by id (of a duplicated id, the last; validation reports the duplicate)."""
        return {plan_file.plan.id: plan_file.plan for plan_file in self.plans}


def display_path(root: str, *parts: str) -> str:
    return os.path.normpath(os.path.join(root, *parts))


def plan_paths(root: str) -> list[str]:
    """Every plan file below plans/, in a stable order."""
    base = os.path.join(root, "plans")
    found = []
    for directory, dirs, files in os.walk(base):
        dirs.sort()
        found.extend(os.path.join(directory, f) for f in sorted(files)
                     if f.endswith((".yaml", ".yml")))
    return sorted(found)


def load_document(path: str, cls, diagnostics: list[Diagnostic]):
    document, problems = yamlsource.load(path)
    diagnostics.extend(problems)
    if document is None:
        return None, None
    return document, decode(cls, document, diagnostics)


def load_vocabulary(root: str, diagnostics: list[Diagnostic]) -> tuple[Vocabulary, dict]:
    parts, documents = {}, {}
    for name, (filename, cls) in VOCABULARY_FILES.items():
        path = display_path(root, "content", filename)
        if not os.path.exists(path):
            if name not in OPTIONAL_VOCABULARIES:
                diagnostics.append(Diagnostic(path, 0, 0, "", "vocabulary file is missing"))
            parts[name] = ()
            continue
        document, decoded = load_document(path, cls, diagnostics)
        parts[name] = getattr(decoded, name) if decoded else ()
        if document is not None:
            documents[name] = document
    return Vocabulary(**parts), documents


def without_documents(site: Site) -> Site:
    """``site`` without the parsed YAML of its plans, once it is validated: rendering needs the plans only.

    The documents hold a location for every value; they were four fifths of a loaded site's memory.
    """
    return replace(site, plans=tuple(replace(plan_file, document=None) for plan_file in site.plans))


def load_site(root: str = ".") -> tuple[Site, list[Diagnostic]]:
    """Load everything; the diagnostics say what is wrong (the Site holds what could be read)."""
    from .validate import validate  # validation is a separate stage over the loaded data

    diagnostics: list[Diagnostic] = []
    vocabulary, vocabulary_documents = load_vocabulary(root, diagnostics)
    plans = []
    for path in plan_paths(root):
        document, plan = load_document(path, Plan, diagnostics)
        if plan is not None:
            plans.append(PlanFile(path, plan, document))
    site = Site(root, vocabulary, vocabulary_documents, tuple(plans))
    diagnostics.extend(validate(site))
    return site, diagnostics
