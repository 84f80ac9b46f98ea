"""The `plansite import` command.

    plansite import SOURCE [--org ID] [--year N] [--kind plan|review|breakdown] [--id SLUG]
                           [-o PATH [--merge]] [--verify PLAN.yaml] [--add-unknown-owners]

Without -o the draft YAML goes to stdout; the report (counts, and every place the
importer was unsure of, by source line) always goes to stderr.

An existing -o file is never overwritten.  --merge merges the import into it: a
value that differs from a fresh import of the file's own source (source.file)
counts as curated and is kept; new items are added, items gone from the source
are removed only when nothing in them was curated; every change is listed.

--verify PLAN checks PLAN's items against SOURCE at their spans instead of
importing.  --add-unknown-owners appends the owners no department matches to
content/departments.yaml with ids <org>-unit-<N> (N counting on from the highest
such id; no pinyin is available): check the names and kinds, and rename the ids
before pages link to them.
"""

from __future__ import annotations

import argparse


def register(commands) -> None:
    parser = commands.add_parser(
        "import", help="turn a published plan (.txt .html .docx .pdf) into a draft plan YAML",
        description=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", metavar="SOURCE", help="the document: .txt (UTF-8 or GBK), .html, .docx or .pdf")
    parser.add_argument("--org", help="organisation id from content/organisations.yaml (default: guessed)")
    parser.add_argument("--year", type=int, help="the year the plan is for (default: from the title or text)")
    parser.add_argument("--kind", choices=["plan", "review", "breakdown"], help="default: from the title")
    parser.add_argument("--id", dest="plan_id", help="plan id (default: <org>-<year>[-<kind>])")
    parser.add_argument("-o", "--output", metavar="PATH", help="write the YAML here instead of stdout")
    parser.add_argument("--merge", action="store_true",
                        help="PATH exists and is curated: merge the import into it, keeping curated edits")
    parser.add_argument("--verify", metavar="PLAN", help="check PLAN's items against SOURCE at their spans")
    parser.add_argument("--add-unknown-owners", action="store_true",
                        help="append unknown owners to content/departments.yaml as <org>-unit-<N>")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here so that `plansite` starts quickly and its other commands never depend on the importer.
    from .workflow import run_import

    return run_import(args)
