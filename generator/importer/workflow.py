"""What `plansite import` does with its arguments: import, then print, write, merge or verify."""

from __future__ import annotations

import dataclasses
import os
import re
import sys

import yaml

from .. import yamlsource
from ..atomicfile import replace_file
from ..diagnostics import Diagnostic, did_you_mean, has_errors, print_diagnostics
from ..interrupt import Replacing, saying_what_was_done
from ..load import display_path, load_plan_files, load_vocabulary, plan_paths, vocabulary_path
from ..model import SLUG
from ..project import PLANS
from . import draft, unknown_owners
from .comments import comments
from .merge import assumed_base, merge
from .pipeline import Settings, import_source, names_another_source, stored_path
from .report import format_report
from .verify import verify


def run_import(args) -> int:
    """Import, then print, write, merge or verify as ``args`` say.  Stopped (Ctrl-C, SIGTERM) once it wrote the
    draft, it says so, and whether it added the unknown owners (each file is written whole or not at all)."""
    replacing = Replacing()
    if args.output:
        replacing.watch(args.output, args.output)
    if args.add_unknown_owners:
        departments = vocabulary_path(args.root, "departments")
        replacing.watch(departments, departments)
    with saying_what_was_done(replacing.done):
        return imported(args)


def imported(args) -> int:
    if args.verify:
        problems, matching = verify(args.source, args.verify, args.root)
        code = print_diagnostics(problems)
        if matching:
            print(matching, file=sys.stderr)
        return code
    vocabulary_problems: list[Diagnostic] = []
    vocabulary, _ = load_vocabulary(args.root, vocabulary_problems)
    for problem in vocabulary_problems:  # its warnings are check's (no departments yet: the report names each)
        if problem.severity == "error":
            print(problem, file=sys.stderr)

    curated, refusal = _curated(args)
    if refusal:
        return refusal
    settings = _settings(args, curated or {})
    imported = import_source(args.source, settings, vocabulary)
    if imported.errors:
        return print_diagnostics(list(imported.errors), to_stderr=True)
    print(format_report(settings.source_file, imported.plan, imported.unsure, imported.dropped, imported.places),
          end="", file=sys.stderr)

    plan, unchanged = imported.plan, False
    if curated is not None:
        base = _base(args, curated, settings, vocabulary, imported.plan)
        merged = merge(curated, base, _plain(imported.plan))
        plan, unchanged = merged.plan, merged.unchanged
        print(f"merge into {args.output}: {len(merged.changes)} change(s)", file=sys.stderr)
        for change in merged.changes:
            print(f"  {change}", file=sys.stderr)
    refusal = _refusal(args, plan, curated is not None, vocabulary, vocabulary_problems)
    if refusal:
        print(f"error: {refusal}; nothing written", file=sys.stderr)
        return 1
    if curated is not None and not unchanged and not args.drop_comments and _dropped_comments(args.output):
        return 1
    text = draft.dump(plan)
    if unchanged:
        print(f"{args.output} is left as it was", file=sys.stderr)
    elif args.output:
        try:
            _make_folder(args.output)
            replace_file(args.output, text)  # a curated file merged into is never left half-written
        except OSError as error:
            print(f"error: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 1
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if args.output and curated is None:
        _name_note(args, plan["id"])
    if args.add_unknown_owners:
        _add_unknown_owners(args, plan, vocabulary, settings.source_file)
    return 0


def _name_note(args, plan_id: str) -> None:
    """Say so when a draft written below plans/ is not named after its plan's id, as `plansite check` asks (the
    id of a 任务分解 or a 工作总结 ends in -breakdown or -review, which the path given often lacks)."""
    named = os.path.splitext(os.path.basename(args.output))[0]
    if named == plan_id or not _below_plans(args):
        return
    or_id = f", or write id: {named} in it" if re.fullmatch(SLUG, named) else ""
    print(f"note: {args.output} holds the plan {plan_id}: `plansite check` asks for its file to be named "
          f"{plan_id}.yaml (rename it{or_id})", file=sys.stderr)


def _dropped_comments(path: str) -> bool:
    """Whether the file merged into holds comments, which writing it anew would drop (then they are named)."""
    text, _ = yamlsource.read_text(path)
    found = comments(text or "")
    for line, comment in found:
        print(f"{path}:{line}: {comment}", file=sys.stderr)
    if found:
        print(f"error: {path} holds {len(found)} comment(s) (above), which the merge would drop: it writes the file "
              "anew from its data; nothing written. Move each note into the plan's notes field (or a commit "
              "message), then merge again; or merge with --drop-comments to let them go", file=sys.stderr)
    return bool(found)


def _make_folder(path: str) -> None:
    """Create the folder of the file ``path`` when it is missing, and say so (a mistyped year is seen)."""
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
        print(f"created folder {os.path.join(folder, '')}", file=sys.stderr)


def _curated(args) -> tuple[dict | None, int]:
    """The existing -o file as plain data when merging (None if there is none), and an exit code if the
    command must stop here."""
    if args.output and os.path.isdir(args.output):
        print(f"{args.output} is a folder: give the draft's file, such as {os.path.join(args.output, 'ID.yaml')}",
              file=sys.stderr)
        return None, 2
    if not args.output or not os.path.exists(args.output):
        if args.merge:
            print(f"note: {args.output} does not exist; writing a fresh draft", file=sys.stderr)
        return None, 0
    if not args.merge:
        print(f"{args.output} exists: refusing to overwrite it. Pass --merge to merge this import into it "
              "(curated edits are kept), or choose another -o path.", file=sys.stderr)
        return None, 2
    document, problems = yamlsource.load(args.output)
    if document is None or not isinstance(document.data, dict):
        problems = problems or [Diagnostic(args.output, 0, 0, "", "not a plan file (expected a mapping)")]
    elif not args.new_source:
        problems = _another_source(args, document)
    if problems:
        print_diagnostics(problems, to_stderr=True)
        return None, 2
    return document.data, 0


def _recorded_source(curated: dict) -> str:
    """The curated file's ``source.file`` ("" when it records none)."""
    source = curated.get("source")
    recorded = source.get("file") if isinstance(source, dict) else ""
    return recorded if isinstance(recorded, str) else ""


def _another_source(args, document: yamlsource.Document) -> list[Diagnostic]:
    """The refusal to merge SOURCE into a plan imported from another file: what was not curated would be
    replaced by the other file's text (the import of another document: every item's text and owners)."""
    recorded = _recorded_source(document.data)
    if not names_another_source(args.root, recorded, args.source):
        return []
    again = f"plansite import {display_path(args.root, recorded)} -o {args.output} --merge"
    return [document.diagnostic(("source", "file"), (
        f"{args.output} was imported from {recorded}, not from {stored_path(args.root, args.source)}: nothing "
        f"written. To merge that file again: {again}; for a new edition or a corrected copy of the same document "
        "add --new-source; another document wants another -o path"))]


def _settings(args, curated: dict) -> Settings:
    """Command-line values first, then the curated file's (so a merge imports as the file was made)."""
    return Settings(
        organisation=args.org or curated.get("organisation"),
        year=args.year or curated.get("year"),
        kind=args.kind or curated.get("kind"),
        plan_id=args.plan_id or curated.get("id"),
        source_file=stored_path(args.root, args.source),
    )


def _plain(plan: dict) -> dict:
    """The plan as it reads back from YAML, so that it compares equal with loaded files."""
    return yaml.safe_load(draft.dump(plan))


def _base(args, curated: dict, settings: Settings, vocabulary, fresh: dict) -> dict:
    """The import of the source the curated file names (what the file looked like before curation)."""
    recorded = _recorded_source(curated)
    if not names_another_source(args.root, recorded, args.source):
        return _plain(fresh)
    path = os.path.join(args.root, recorded)
    base = import_source(path, dataclasses.replace(settings, source_file=recorded), vocabulary) \
        if os.path.exists(path) else None
    if base is None or base.plan is None:
        print(f"note: the file's source {recorded} {'cannot be imported' if base else 'is gone'}; values that "
              "differ from this import count as curated, items of the file it lacks are kept and its items the "
              "file lacks are added", file=sys.stderr)
        return assumed_base(curated, _plain(fresh), recorded)
    return _plain(base.plan)


def _refusal(args, plan: dict, merging: bool, vocabulary, vocabulary_problems: list[Diagnostic]) -> str:
    """Why the plan may not be written ("" when it may)."""
    taken = not merging and args.output and _id_taken(args, plan["id"])
    if taken:
        return (f"the plan id {plan['id']!r} is already used by {taken}: pass --id to name this plan otherwise "
                f"(a new import of that plan's document is merged into it: -o {taken} --merge)")
    reason = args.add_unknown_owners and _owners_refusal(plan, vocabulary, vocabulary_problems)
    return f"--add-unknown-owners: {reason}" if reason else ""


def _id_taken(args, plan_id: str) -> str:
    """The plan file below plans/ that already has the id ``plan_id``, as ``load.plan_paths`` names it ("" when
    none has it, or when -o is not below plans/, where `plansite check` does not read it)."""
    if not _below_plans(args):
        return ""
    for plan_file, _ in load_plan_files(plan_paths(args.root)):
        if plan_file is not None and plan_file.plan.id == plan_id:
            return plan_file.path
    return ""


def _below_plans(args) -> bool:
    """Whether -o is below plans/, where `plansite check` reads plan files."""
    plans = os.path.realpath(os.path.join(args.root, PLANS))
    return os.path.commonpath([plans, os.path.realpath(args.output)]) == plans


def _owners_refusal(plan: dict, vocabulary, vocabulary_problems: list[Diagnostic]) -> str:
    """Why the plan's unknown owners may not be added to content/departments.yaml ("" when they may): with
    content/ unreadable every owner would seem unknown, and an unknown organisation would get departments."""
    if has_errors(vocabulary_problems):
        return "content/ has errors (above), so every unit would seem unknown; fix them first"
    if plan["organisation"] not in vocabulary.organisation_by_id:
        return (f"the organisation {plan['organisation']!r} is not in content/organisations.yaml"
                f"{did_you_mean(plan['organisation'], vocabulary.organisation_by_id)}; add it first, or pass --org")
    return ""


def _add_unknown_owners(args, plan: dict, vocabulary, source: str) -> None:
    names = unknown_owners.unknown_owners(plan, vocabulary)
    if not names:
        print("no unknown owners to add", file=sys.stderr)
        return
    path = vocabulary_path(args.root, "departments")
    organisation = vocabulary.organisation_by_id[plan["organisation"]].name
    outside = unknown_owners.outside(names, organisation)
    departments = unknown_owners.new_departments(names, plan["organisation"], set(vocabulary.department_by_id),
                                                 outside)
    unknown_owners.append_departments(path, departments, source)
    print(f"added {len(departments)} department(s) to {path}: "
          + ", ".join(f"{d['id']} ({d['name']})" for d in departments), file=sys.stderr)
    if outside:
        print(f"of them, as bodies outside {organisation}, of kind {unknown_owners.OUTSIDE_KIND}: {', '.join(outside)} "
              f"(if one is a unit of {organisation}'s, give it its kind)", file=sys.stderr)
