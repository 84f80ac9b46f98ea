"""The `plansite import` command (its two forms: ``USAGE``).

Without -o the draft YAML goes to stdout; the report (counts, and every place the
importer was unsure of, by source line) always goes to stderr.

An existing -o file is never overwritten.  --merge merges the import into it: a
value that differs from a fresh import of the file's own source (source.file)
counts as curated and is kept; items are matched by identity, as `plansite
changes` matches them (a renumbered item keeps its curated values and takes its
new number); new items are added, items gone from the source are removed only
when nothing in them was curated; every change is listed.  With no change the
file is left as it was; a merge that would drop the file's comments is refused
unless --drop-comments lets them go.  SOURCE must be the file source.file
names: merging another file is refused, unless --new-source says it is a new
edition or a corrected copy of the same document (then source.file names
SOURCE).  The merged plan keeps the file's organisation, id, year and kind:
--org, --id, --year and --kind are refused.

--verify checks PLAN's items against SOURCE at their spans instead of
importing.  --add-unknown-owners appends the owners no department matches to
content/departments.yaml (a body outside the organisation, 县公安局, of kind
外单位) with ids <org>-unit-<N> (N counting on from the highest such id; no
pinyin is available): check the names and kinds, and rename the ids before pages
link to them.
"""

from __future__ import annotations

import argparse
import functools
import os
import re

USAGE = """%(prog)s SOURCE [--org ID] [--year N] [--kind KIND] [--id SLUG]
                         [-o PATH [--merge [--new-source] [--drop-comments]]] [--add-unknown-owners]
       %(prog)s --verify SOURCE PLAN.yaml"""


def plan_field(name: str, parse=str):
    """An argparse type: a value of the plan format's field ``name``, checked as a plan file's would be."""
    def checked(text: str):
        from ..decode import field_problem
        from ..model import Plan

        value = parse(text)
        problem = field_problem(Plan, name, value)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return value
    checked.__name__ = name  # argparse names the type in its messages
    return checked


def organisation_id(text: str) -> str:
    """An argparse type: an organisation's id, as content/organisations.yaml lists it next to its name.  (A plan
    file's organisation is checked against that list; the command line's may name one not listed yet.)"""
    from ..model import SLUG

    if not re.fullmatch(SLUG, text):
        raise argparse.ArgumentTypeError(f"{text!r} is no organisation id (lower-case ascii words joined by '-', "
                                         "e.g. xiangtan-edu): content/organisations.yaml gives each organisation's "
                                         "id next to its name")
    return text


def register(commands) -> None:
    parser = commands.add_parser(
        "import", help="turn a published plan (.txt .html .docx .pdf .xlsx) into a draft plan YAML", usage=USAGE,
        description=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", metavar="SOURCE", nargs="?",
                        help="the document: .txt or .text (UTF-8, UTF-16 or GB18030/GBK), .html or .htm, .docx, "
                             ".pdf or .xlsx (.doc .wps .xls .et are refused: save them as .docx or .xlsx)")
    parser.add_argument("--org", type=organisation_id,
                        help="organisation id in content/organisations.yaml, or a new one to add there (default: "
                             "guessed)")
    parser.add_argument("--year", type=plan_field("year", int),
                        help="the year the plan is for (default: from the title or text)")
    parser.add_argument("--kind", choices=["plan", "review", "breakdown"], help="default: from the title")
    parser.add_argument("--id", dest="plan_id", type=plan_field("id"),
                        help="plan id (default: <org>-<year>[-<kind>])")
    parser.add_argument("-o", "--output", metavar="PATH", help="write the YAML here instead of stdout")
    parser.add_argument("--merge", action="store_true",
                        help="PATH exists and is curated: merge the import into it, keeping curated edits")
    parser.add_argument("--new-source", action="store_true",
                        help="with --merge: SOURCE is not the file PATH was imported from (its source.file) but a "
                             "new edition or a corrected copy of that document (without it, such a merge is "
                             "refused)")
    parser.add_argument("--drop-comments", action="store_true",
                        help="with --merge: PATH holds YAML comments, which the merge drops (it writes the file anew; "
                             "without this option such a merge is refused)")
    # Zero or more values, so that both `--verify SOURCE PLAN` and `SOURCE --verify PLAN` parse (a second
    # optional positional would be consumed empty by argparse in the second form); see ``verify_paths``.
    parser.add_argument("--verify", nargs="*", metavar="PATH",
                        help="check PLAN's items against SOURCE at their spans: --verify SOURCE PLAN.yaml")
    parser.add_argument("--add-unknown-owners", action="store_true",
                        help="append unknown owners to content/departments.yaml as <org>-unit-<N>")
    parser.set_defaults(run=functools.partial(run, parser))


def verify_paths(parser: argparse.ArgumentParser, args) -> None:
    """Put SOURCE in ``args.source`` and, with --verify, PLAN in ``args.verify`` (else None); exit with a
    usage error when they are not there."""
    paths = ([args.source] if args.source else []) + (args.verify or [])
    if args.verify is None:
        if not paths:
            parser.error("the following arguments are required: SOURCE")
    elif len(paths) != 2:
        parser.error("--verify takes a source and a plan: plansite import --verify SOURCE PLAN.yaml")
    else:
        args.source, args.verify = paths


def merge_options(parser: argparse.ArgumentParser, args) -> None:
    """Exit with a usage error when --merge and --new-source are not given as they work."""
    if args.merge and not args.output:
        parser.error("--merge merges into the file given by -o PATH")
    if args.new_source and not args.merge:
        parser.error("--new-source says what --merge merges: it goes with -o PATH --merge")
    if args.drop_comments and not args.merge:
        parser.error("--drop-comments lets --merge drop the comments of the file it merges into: it goes with "
                     "-o PATH --merge")
    given = [flag for flag, value in (("--org", args.org), ("--id", args.plan_id), ("--year", args.year),
                                      ("--kind", args.kind)) if value]
    if args.merge and given and os.path.isfile(args.output):
        parser.error(f"{', '.join(given)}: a merge keeps the organisation, id, year and kind of {args.output}; "
                     "drop them (edit the file to change them)")


def run(parser: argparse.ArgumentParser, args) -> int:
    verify_paths(parser, args)
    merge_options(parser, args)
    # Imported here so that `plansite` starts quickly and its other commands never depend on the importer.
    from .workflow import run_import

    return run_import(args)
