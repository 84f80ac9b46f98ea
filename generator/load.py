"""Read content/ and plans/ from disk into a validated Site."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import cached_property, partial

from . import yamlsource
from .decode import decode
from .diagnostics import Diagnostic, has_errors
from .ids import Placed, walk_items
from .model import DepartmentFile, MetricFile, OrganisationFile, Plan, SiteFile, ThemeFile
from .plancache import CachedPlan, PlanCache
from .project import CONTENT, PLANS
from .processes import collector_paused, fork_map, processes_for
from .vocabulary import Vocabulary

VOCABULARY_FILES = {
    "organisations": ("organisations.yaml", OrganisationFile),
    "departments": ("departments.yaml", DepartmentFile),
    "themes": ("themes.yaml", ThemeFile),
    "metrics": ("metrics.yaml", MetricFile),
}
SITE_FILE = "site.yaml"  # in content/: SiteFile, optional
# Metrics are opt-in: without content/metrics.yaml targets are shown but not lined up, and not checked.
OPTIONAL_VOCABULARIES = {"metrics"}
# An empty list is an error where every plan needs an entry (its organisation), else a warning: a new project
# may start with no departments or themes (``import --add-unknown-owners`` adds the first departments).
REQUIRED_ENTRIES = {"organisations"}
# Fewer plan files than this per process, and a second process costs more than it saves (forking, and
# sending the plans and their parsed YAML back): the example site is read in one process.
PLANS_PER_PROCESS = 100


@dataclass(frozen=True)
class PlanFile:
    path: str                      # as shown in diagnostics, e.g. plans/2025/x.yaml
    plan: Plan
    document: yamlsource.Document | None  # the parsed YAML, for locations (None: see ``without_documents``)

    @cached_property
    def placed(self) -> tuple[Placed, ...]:
        """The plan's items with where they stand (``ids.walk_items``): walked once for the rules of validation
        that go through every item, not once by each."""
        return tuple(walk_items(self.plan.sections))

    @cached_property
    def item_keys(self) -> frozenset[str]:
        """The ids of the plan's items (``Placed.key``): what a reference to one of them names (``references``)."""
        return frozenset(placed.key for placed in self.placed)


def named_after_its_id(plan_file: PlanFile) -> bool:
    return os.path.splitext(os.path.basename(plan_file.path))[0] == plan_file.plan.id


@dataclass(frozen=True)
class Site:
    root: str
    vocabulary: Vocabulary
    vocabulary_documents: dict[str, yamlsource.Document]  # those read without errors: references are checked
                                                          # against these only (the others' errors are reported)
    plans: tuple[PlanFile, ...]
    settings: SiteFile = SiteFile()                     # content/site.yaml
    settings_document: yamlsource.Document | None = None  # for locations, when it was read without errors

    def read_cleanly(self, name: str) -> tuple[yamlsource.Document | None, tuple]:
        """The vocabulary ``name``'s document and entries when its file was read without errors, else None and
        none: a rule over a file's entries reports at its locations, and a broken file is reported alone."""
        document = self.vocabulary_documents.get(name)
        return (document, getattr(self.vocabulary, name)) if document is not None else (None, ())

    @cached_property
    def ids_with_their_file(self) -> frozenset[str]:
        """The plan ids that a plan file is named after (plans/<year>/<id>.yaml)."""
        return frozenset(p.plan.id for p in self.plans if named_after_its_id(p))

    @cached_property
    def files_by_id(self) -> dict[str, PlanFile]:
        """The plan files by their plan's id (of a duplicated id, the last; validation reports the duplicate)."""
        return {plan_file.plan.id: plan_file for plan_file in self.plans}


def display_path(root: str, *parts: str) -> str:
    return os.path.normpath(os.path.join(root, *parts))


def plan_paths(root: str) -> list[str]:
    """Every plan file below plans/, in a stable order (named as ``display_path`` names files)."""
    base = display_path(root, PLANS)
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


def vocabulary_path(root: str, name: str) -> str:
    """Where the vocabulary ``name`` (a key of ``VOCABULARY_FILES``) is read from, as diagnostics name it."""
    return display_path(root, CONTENT, VOCABULARY_FILES[name][0])


def load_settings(root: str, diagnostics: list[Diagnostic]) -> tuple[SiteFile, yamlsource.Document | None]:
    """content/site.yaml, if there is one (else the defaults)."""
    path = display_path(root, CONTENT, SITE_FILE)
    if not os.path.exists(path):
        return SiteFile(), None
    problems: list[Diagnostic] = []
    document, decoded = load_document(path, SiteFile, problems)
    diagnostics.extend(problems)
    if decoded is None or has_errors(problems):
        return SiteFile(), None
    return decoded, document


def load_vocabulary(root: str, diagnostics: list[Diagnostic]) -> tuple[Vocabulary, dict]:
    parts, documents = {}, {}
    for name, (filename, cls) in VOCABULARY_FILES.items():
        path = vocabulary_path(root, name)
        if not os.path.exists(path):
            if name not in OPTIONAL_VOCABULARIES:
                diagnostics.append(Diagnostic(path, 0, 0, "", "vocabulary file is missing"))
            parts[name] = ()
            continue
        problems: list[Diagnostic] = []
        document, decoded = load_document(path, cls, problems)
        if decoded is not None and not has_errors(problems) and not getattr(decoded, name) \
                and name not in OPTIONAL_VOCABULARIES:
            problems.append(document.diagnostic((name,), f"lists no {name}: the plans name theirs from here",
                                                "error" if name in REQUIRED_ENTRIES else "warning", at_key=True))
        diagnostics.extend(problems)
        parts[name] = getattr(decoded, name) if decoded else ()
        if document is not None and not has_errors(problems):
            documents[name] = document
    return Vocabulary(**parts), documents


def without_documents(site: Site) -> Site:
    """``site`` without the parsed YAML of its plans, once it is validated: rendering needs the plans only.

    The documents hold a location for every value; they were four fifths of a loaded site's memory.
    A plan file's items as validation walked them (``PlanFile.placed``) are kept: the corpus is made of them.
    """
    return replace(site, plans=tuple(without_document(plan_file) for plan_file in site.plans))


def without_document(plan_file: PlanFile) -> PlanFile:
    kept = replace(plan_file, document=None)
    if "placed" in vars(plan_file):  # (a cached_property: ``replace`` makes a new PlanFile without it)
        vars(kept)["placed"] = plan_file.placed
    return kept


def load_site(root: str = ".", processes: int | None = None,
              cached: bool = True) -> tuple[Site, list[Diagnostic]]:
    """Load everything; the diagnostics say what is wrong (the Site holds what could be read).

    The plan files are read in ``processes`` processes, by default as many as pay (see
    ``processes.processes_for``); the site and the diagnostics are the same whatever their number.
    With ``cached``, plan files read before as they are now come from ``plancache`` instead.
    """
    from .validate import validate  # here: validate imports this module's Site and PlanFile

    with collector_paused():
        diagnostics: list[Diagnostic] = []
        vocabulary, vocabulary_documents = load_vocabulary(root, diagnostics)
        settings, settings_document = load_settings(root, diagnostics)
        plans = []
        for plan_file, problems in load_plan_files(plan_paths(root), processes, PlanCache(root) if cached else None):
            diagnostics.extend(problems)
            if plan_file is not None:
                plans.append(plan_file)
        site = Site(root, vocabulary, vocabulary_documents, tuple(plans), settings, settings_document)
        diagnostics.extend(validate(site))
    return site, diagnostics


Loaded = tuple[PlanFile | None, list[Diagnostic]]  # a plan file read (None when it cannot be), its diagnostics


def load_plan_files(paths: list[str], processes: int | None = None, cache: PlanCache | None = None) -> list[Loaded]:
    """Each plan file read and decoded, with its diagnostics, in the order of ``paths``.

    The files ``cache`` does not hold are read and put in it, shared out in order between ``processes``
    processes (``processes.fork_map``; by default as many as pay); an exception reading one is raised
    here, the one of the first file as in one process.
    """
    keys = {path: cache.key(path) for path in paths} if cache else {}
    loaded = {path: from_cache(path, entry) for path, key in keys.items()
              if key and (entry := cache.get(key)) is not None}
    missing = [path for path in paths if path not in loaded]
    count = len(missing)
    processes = processes or processes_for(count, PLANS_PER_PROCESS)
    shares = [[(path, keys.get(path)) for path in missing[i * count // processes:(i + 1) * count // processes]]
              for i in range(processes)]
    for share, error in fork_map(partial(_load_share, cache), shares):
        if error is not None:
            raise error
        loaded.update(share)
    if cache:
        cache.keep_only({key for key in keys.values() if key})
    return [loaded[path] for path in paths]


def from_cache(path: str, entry: CachedPlan) -> Loaded:
    """A plan file as the cache keeps it: its document is read again only if a location is asked for."""
    plan, diagnostics = entry
    return (PlanFile(path, plan, yamlsource.reread(path)) if plan is not None else None), diagnostics


def _load_share(cache: PlanCache | None, files: list[tuple[str, str | None]]
                ) -> tuple[list[tuple[str, Loaded]], Exception | None]:
    """The files read (with their cache keys), each with what was read, and the exception that stopped
    reading them, if one did (raised by ``load_plan_files`` in the order of the files, whichever process
    got there first)."""
    loaded = []
    try:
        for path, key in files:
            diagnostics: list[Diagnostic] = []
            document, plan = load_document(path, Plan, diagnostics)
            loaded.append((path, (PlanFile(path, plan, document) if plan is not None else None, diagnostics)))
            if cache and key:
                cache.put(key, (plan, diagnostics))
    except Exception as error:  # noqa: BLE001 - raised by the caller, in order
        return loaded, error
    return loaded, None
