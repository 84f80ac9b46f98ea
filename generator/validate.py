"""Cross-reference and consistency rules over a loaded Site.

Each rule is a generator of Diagnostics; ``validate`` runs them all so one
``plansite check`` reports every problem at once.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from typing import Iterator

from .addresses import LISTING_KEY
from .diagnostics import Diagnostic, did_you_mean
from .ids import walk_sections
from .importer.owners import UNIT_SEPARATORS, split_units
from .load import VOCABULARY_FILES, PlanFile, Site, display_path, named_after_its_id
from .model import SLUG
from .project import CONTENT, PLANS, hand_written_files, published_schema
from .references import is_web_address
from .segmentation import DICTIONARY, dictionary_problems
from .yamlsource import cannot_read, open_to_read, read_text
from .validate_targets import early_deadline, metric_name_clashes, review_links, targets
from .vocabulary import Vocabulary, department_names, entries_named, normalise_name, placeholder_number


def validate(site: Site) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in (unique_vocabulary_ids, page_ids, department_references, placeholder_department_ids,
                 department_name_clashes, metric_name_clashes, data_license):
        found.extend(rule(site))
    found.extend(unique_plan_ids(site))
    found.extend(shared_sources(site))
    found.extend(dictionary_problems(display_path(site.root, DICTIONARY), site.vocabulary))
    found.extend(published_files(site, hand_written_files(site.root)))
    plans = display_path(site.root, PLANS)
    if not os.path.isdir(plans):
        found.append(Diagnostic(plans, 0, 0, "", "folder is missing: the site will hold no plan", "warning"))
    for plan_file in site.plans:
        for rule in PLAN_RULES:
            found.extend(rule(site, plan_file))
    return found


# The vocabulary an id of each kind is listed in (a key of ``load.VOCABULARY_FILES``), as messages name it.
LISTED_IN = {kind: posixpath.join(CONTENT, VOCABULARY_FILES[f"{kind}s"][0]) for kind in ("organisation", "theme")}


def unknown(kind: str, value: str, known: dict, *, many: bool = False) -> str:
    """'unknown theme 'x' (did you mean 'y'?); expected an id from content/themes.yaml', or, where ``value`` is
    the name of an entry of ``known`` (by id) written for its id, the id to write; where it is a theme's keyword,
    that theme's id; in a list (``many``), where it is several names or ids in one text, the list to write."""
    meant = entries_named(known.values(), value)
    if meant:
        return f"{value!r} is the {kind}'s name, not its id: write its id " + " or ".join(
            f"{entry.id!r} (the {kind} named {entry.name})" for entry in meant)
    keyed = [entry for entry in known.values() if value in getattr(entry, "keywords", ())]
    if keyed:
        return f"{value!r} is a keyword, not a {kind}: write the id of its {kind}, " + " or ".join(
            f"{entry.id!r} ({entry.name})" for entry in keyed)
    listed = [entry_id(known, part) for part in split_units(value)] if many else []
    if len(listed) > 1 and all(listed):
        return f"several {kind}s in one text; write each as an entry of the list: [{', '.join(listed)}]"
    return f"unknown {kind} {value!r}{did_you_mean(value, known)}; expected an id from {LISTED_IN[kind]}"


def entry_id(known: dict, written: str) -> str:
    """The id of the entry of ``known`` that ``written`` is the id or the name of; '' for none or several."""
    found = [written] if written in known else [entry.id for entry in entries_named(known.values(), written)]
    return found[0] if len(found) == 1 else ""


def unique_vocabulary_ids(site: Site) -> Iterator[Diagnostic]:
    for name, document in site.vocabulary_documents.items():
        seen: dict[str, int] = {}
        for i, entry in enumerate(getattr(site.vocabulary, name)):
            if entry.id in seen:
                yield document.diagnostic((name, i, "id"), f"duplicate id {entry.id!r} "
                                          f"(also {name}[{seen[entry.id]}])")
            seen.setdefault(entry.id, i)


# The kinds listed on a page of the folder of their pages (the vocabularies whose entries each get a page,
# ``PAGED``, and the plans), whose key (``LISTING_KEY``) is no id for them.
PAGED = ("organisations", "departments", "themes", "metrics")
LISTED = {*PAGED, PLANS}
MAX_ID_LENGTH = 100  # an id names files (feeds/departments/<id>.xml); a file system takes 255 bytes a name


def page_ids(site: Site) -> Iterator[Diagnostic]:
    """The ids that name a page, each of which must be able to: not too long for a file's name, and not its
    listing's key (a theme with the id index took themes/index.md, and one of the two pages was lost)."""
    for name in PAGED:
        document, entries = site.read_cleanly(name)
        for i, entry in enumerate(entries):
            if problem := page_id_problem(name, entry.id):
                yield document.diagnostic((name, i, "id"), problem)
    for plan_file in site.plans:
        if problem := page_id_problem(PLANS, plan_file.plan.id):
            yield plan_file.document.diagnostic(("id",), problem)


def page_id_problem(kind: str, page_id: str) -> str:
    """Why ``page_id`` cannot name the page of an entry of ``kind`` (a vocabulary, or plans), or ''."""
    if len(page_id) > MAX_ID_LENGTH:
        return f"id is {len(page_id)} characters long; it names its page's file and address: keep it to {MAX_ID_LENGTH}"
    if page_id == LISTING_KEY and kind in LISTED:
        return (f"id {LISTING_KEY!r} is the address of the page listing the {kind} (/{kind}/), which this one "
                "would replace; choose another id")
    return ""


def department_references(site: Site) -> Iterator[Diagnostic]:
    document, departments = site.read_cleanly("departments")
    if "organisations" not in site.vocabulary_documents:
        return
    known = site.vocabulary.organisation_by_id
    for i, department in enumerate(departments):
        if department.organisation not in known:
            yield document.diagnostic(("departments", i, "organisation"),
                                      unknown("organisation", department.organisation, known))


def placeholder_department_ids(site: Site) -> Iterator[Diagnostic]:
    """The ids ``import --add-unknown-owners`` made up are to be renamed while no page links to them: one
    warning at the first, naming each with its line (one each, 25 after an import, buried the errors)."""
    document, departments = site.read_cleanly("departments")
    made_up = [(("departments", i, "id"), department.id) for i, department in enumerate(departments)
               if placeholder_number(department.id, department.organisation) is not None]
    if not made_up:
        return
    listed = ", ".join(f"{department_id} (line {document.where(path)[0]})" for path, department_id in made_up)
    what = (f"{len(made_up)} ids plansite import made up: {listed}: rename each" if len(made_up) > 1 else
            "an id plansite import made up: rename it")
    yield document.diagnostic(made_up[0][0], f"{what} (e.g. after its unit's name in pinyin) before publishing, "
                              "since an id becomes part of its department page's address", "warning")


def department_name_clashes(site: Site) -> Iterator[Diagnostic]:
    document, departments = site.read_cleanly("departments")
    owner: dict[tuple[str, str], str] = {}
    for i, department in enumerate(departments):
        for name in set(map(normalise_name, department_names(department))):
            key = (department.organisation, name)
            if key in owner and owner[key] != department.id:
                yield document.diagnostic(("departments", i), f"name {name!r} is already used by "
                                          f"department {owner[key]!r} of the same organisation")
            owner.setdefault(key, department.id)


def unique_plan_ids(site: Site) -> Iterator[Diagnostic]:
    """A plan id used twice, reported in the file that is not named after it (a copy, most likely), else the
    later file."""
    first: dict[str, str] = {}
    for plan_file in sorted(site.plans, key=lambda p: not named_after_its_id(p)):  # (stable: by path within)
        plan_id = plan_file.plan.id
        if plan_id in first:
            yield plan_file.document.diagnostic(("id",), f"duplicate plan id {plan_id!r} "
                                                f"(also in {first[plan_id]}){own_id(site, plan_file)}")
        first.setdefault(plan_id, plan_file.path)


def shared_sources(site: Site) -> Iterator[Diagnostic]:
    """Plans naming one source file (paths compared normalised), each reported in the later plan (by year, then
    path) with the first: a plan copied from last year's keeps its source, and ``plansite import --verify`` and
    ``--merge`` would take the other plan's text for its own."""
    first: dict[str, PlanFile] = {}
    for plan_file in sorted(site.plans, key=lambda p: (p.plan.year or 0, p.path)):
        written = plan_file.plan.source.file
        if not written:
            continue
        other = first.setdefault(os.path.normpath(written), plan_file)
        if other is not plan_file:
            line = other.document.where(("source", "file"))[0]
            yield plan_file.document.diagnostic(("source", "file"), (
                f"source file {written!r} is also the source of {other.path} (line {line}): a copied plan keeps "
                "the source of the plan it was copied from; name this plan's own text"), "warning")


def own_id(site: Site, plan_file: PlanFile) -> str:
    """What to do about a plan whose id another has: a copy keeps the id of the plan it was copied from, and is
    most often named already for the id it should have."""
    named = os.path.splitext(os.path.basename(plan_file.path))[0]
    if re.fullmatch(SLUG, named) and named not in site.files_by_id:
        return f"; give this plan an id of its own: id: {named}, as its file is named"
    return "; give this plan an id of its own, and name its file after it"


def file_name(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    # (an id that is not one is an error of its own; a file named after it holds a duplicate, also one)
    if plan_file.plan.id and plan_file.plan.id not in site.ids_with_their_file:
        yield plan_file.document.diagnostic(
            ("id",), f"file name should be {plan_file.plan.id}.yaml so the plan is easy to find",
            "warning")
    folder, year = os.path.basename(os.path.dirname(plan_file.path)), plan_file.plan.year
    if year and folder != str(year):
        filed = f"{folder}/" if folder.isdigit() else f"{folder}/, not a year's folder"
        yield plan_file.document.diagnostic(
            ("year",), f"the plan is of {year} but filed under {filed}: plans/{year}/ is where it belongs",
            "warning")


YEARS = re.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-9][0-9])(?![0-9])")  # a year a title or an id names
# Why each field naming a year must name the plan's: what a copied plan keeps wrong.
NAMING_YEARS = {"id": "the id is the address of the plan's page", "title": "a copied plan keeps its title"}


def named_years(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    """An id or a title naming years the plan's is not among (nor between: 2023—2025年): a plan copied from last
    year's keeps them, and the site would list 洮北区教育局2025年工作要点 under 2026 beside the plan of 2025, or
    publish the plan of 2024 at plans/demo-edu-2025/."""
    plan = plan_file.plan
    for field, why in NAMING_YEARS.items():
        years = sorted({int(year) for year in YEARS.findall(unicodedata.normalize("NFKC", getattr(plan, field)))})
        if years and plan.year and not years[0] <= plan.year <= years[-1]:
            yield plan_file.document.diagnostic((field,), f"the {field} names {'、'.join(map(str, years))} but the plan "
                                                f"is of {plan.year}: correct the one that is wrong ({why})", "warning")


def organisation(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    known, written = site.vocabulary.organisation_by_id, plan_file.plan.organisation  # '': decoding said why
    if written and "organisations" in site.vocabulary_documents and written not in known:
        yield plan_file.document.diagnostic(("organisation",), unknown("organisation", written, known))


def data_license(site: Site) -> Iterator[Diagnostic]:
    """The licence's text must be where a reader of the data can follow it."""
    license = site.settings.data_license
    if license and not is_web_address(license.path):
        yield site.settings_document.diagnostic(("data_license", "path"), "must be an http:// or https:// address")


def source(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    url, path = plan_file.plan.source.url, plan_file.plan.source.file
    if url and not is_web_address(url):
        yield plan_file.document.diagnostic(("source", "url"), "must be an http:// or https:// address")
    if path and not os.path.exists(os.path.join(site.root, path)):
        looked_for = os.path.realpath(os.path.join(site.root, path))  # as the system looked: ../ of a symlink's target
        yield plan_file.document.diagnostic(("source", "file"), f"source file {path!r} not found (looked for "
                                            f"{looked_for}: source.file is a path from the project's folder)",
                                            "warning")


def published_files(site: Site, hand_written: dict[str, str]) -> Iterator[Diagnostic]:
    """The files of content/pages/ (``hand_written``: {path in docs/: source path}) and the plan format's schema
    (``render.site_copies``) are published as they are, so must be readable, and MkDocs reads its pages as UTF-8."""
    for name, path in hand_written.items():
        if name.endswith(".md"):
            yield from read_text(path)[1]
        elif problem := unreadable(path):
            yield cannot_read(path, problem)
    if (schema := published_schema(site.root)) and (problem := unreadable(schema)):
        yield cannot_read(schema, problem)


def unreadable(path: str) -> str:
    """Why the file ``path`` cannot be opened to be read (a dangling symlink, no permission, a FIFO), or ''."""
    try:
        with open_to_read(path):
            return ""
    except OSError as error:
        return error.strerror or str(error)


def sections(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    """A plan without items; sections numbered alike under one parent, which would share an id, so an anchor on
    the plan's page."""
    document, seen = plan_file.document, {}
    if not plan_file.placed:
        yield document.diagnostic(("sections",) if plan_file.plan.sections else (),
                                  "the plan has no item: its page lists nothing", "warning")
    for placed in walk_sections(plan_file.plan.sections):
        key = placed.section_keys[-1]
        if key in seen:
            line = document.where(seen[key])[0]
            yield document.diagnostic(placed.path + ("number",), f"section id {key!r} is already used by the "
                                      f"section at line {line}; number them apart")
        seen.setdefault(key, placed.path)


def items(site: Site, plan_file: PlanFile) -> Iterator[Diagnostic]:
    plan, document, vocabulary = plan_file.plan, plan_file.document, site.vocabulary
    owners_known = plan.organisation in vocabulary.organisation_by_id and "departments" in site.vocabulary_documents
    themes_known = "themes" in site.vocabulary_documents
    seen: dict[str, tuple] = {}
    for placed in plan_file.placed:
        item, path = placed.item, placed.path
        if placed.key in seen:
            other, numbered = seen[placed.key]
            yield document.diagnostic(path + ("id" if item.id else "number",),
                                      f"item id {placed.key!r} is already used by the item at line "
                                      f"{document.where(other)[0]}; " + what_to_do(bool(item.id), numbered))
        seen.setdefault(placed.key, (path, not item.id))
        if not item.text.strip():
            yield document.diagnostic(path, "item has no text", "warning")
        for field in ("owners", "support") if owners_known else ():
            for i, owner in enumerate(getattr(item, field)):
                if vocabulary.resolve_owner(owner, plan.organisation) is None and not misplaced(vocabulary, owner):
                    yield document.diagnostic(path + (field, i), unknown_owner(vocabulary, owner, plan.organisation))
        for i, theme in enumerate(item.themes if themes_known else ()):
            if theme not in vocabulary.theme_by_id:
                yield document.diagnostic(path + ("themes", i),
                                          unknown("theme", theme, vocabulary.theme_by_id, many=True))
        yield from early_deadline(document, path, plan, item.deadline)
        if len(item.span) not in (0, 2) or (item.span and item.span[0] > item.span[1]):
            yield document.diagnostic(path + ("span",), "expected [start, end] with start <= end")


def what_to_do(explicit: bool, other_numbered: bool) -> str:
    """What to do about an item whose id (``explicit``: its 'id', else the one its numbering gives it) another
    item has: the other takes it from its numbering when the plan was renumbered and this one was given its old
    id to keep its address, which the other then needs an 'id' of its own to leave."""
    if not explicit:
        return "give one of them an explicit 'id'"
    if other_numbered:
        return ("that one takes it from its numbering: give this one another 'id', or, to keep this one's (an "
                "address published before), give that one an 'id' of its own")
    return "give this one another 'id'"


def misplaced(vocabulary: Vocabulary, owner: str) -> bool:
    """Whether ``owner`` names a department of an organisation that is not listed: content/departments.yaml's
    error about that department says what is wrong, and the items naming it are not blamed too."""
    return any(o not in vocabulary.organisation_by_id for o in vocabulary.organisations_naming(owner))


def unknown_owner(vocabulary: Vocabulary, owner: str, organisation: str) -> str:
    """Why ``owner`` names no department of ``organisation``, and what to do."""
    problem = f"unknown department {owner!r} for organisation {organisation!r}"
    elsewhere = vocabulary.organisations_naming(owner)
    if elsewhere:
        return (f"{problem}: content/departments.yaml lists it under organisation "
                f"{', '.join(map(repr, elsewhere))}; an item names units of its plan's organisation")
    listed = as_list(owner)
    if listed:
        return f"{problem}: {listed}"
    return f"{problem}{did_you_mean(owner, vocabulary.owner_names(organisation))}; add it to content/departments.yaml"


def as_list(owner: str) -> str:
    """For an owner that lists units with a Chinese list's punctuation (基教科、秘书科), which YAML keeps as one text,
    the list to write, split as ``plansite import`` splits owners (``split_units``); else ''."""
    separators, units = [repr(c) for c in dict.fromkeys(owner) if c in UNIT_SEPARATORS], split_units(owner)
    if not separators or len(units) < 2:
        return ""
    return (f"YAML does not split a text at {' or '.join(separators)}; write each unit as an entry of the list: "
            f"[{', '.join(units)}]")


PLAN_RULES = (file_name, named_years, organisation, source, sections, items, targets, review_links)
