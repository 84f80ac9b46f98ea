"""``make bench``: build synthetic corpora of growing size and print what each costs.

    python -m generator.bench [--sizes 10,100,1000] [--budget 900] [--search material|pagefind] [--pagefind]
                              [--plain-max PLANS] [--live-at PLANS] [--no-live] [--no-browser] [--keep DIR]

For each size a project is synthesised from the curated plans (see ``synth``),
built with ``plansite build`` and with plain MkDocs, and regenerated once
more with nothing changed (see ``measure``).  A size whose build is predicted
(from the previous size, linearly) to take longer than ``--budget`` seconds is
skipped; ``--sizes 10,100,1000,10000`` asks for the largest, and ``--plain-max
1000`` leaves out the plain MkDocs build of larger sizes.  With
``--pagefind`` each project is also built again with Pagefind as its search
and queried in chromium, and the known queries are run against this project built with Pagefind (see
``pagefindrun``); ``--search pagefind`` builds the sites with Pagefind as
their search, as a large site would be, and queries them the same way.  Then,
on a copy of the project itself, the curator's loop is timed (see ``live``); ``--live-at 1000`` times the
edit loop on the synthetic project of that size too.
Figures are reported, never asserted: the targets are printed next to them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile

from ..project import copy_project
from .live import Edit, edit_to_browser, noop_generation
from .measure import Measurement, measure
from .pagefindrun import choose_pagefind, figures, recall
from .synth import read_seeds, synthesise
from .table import seconds, size_table, table

DEFAULT_SIZES = "10,100,1000"
TARGET_SIZE = 1000  # the generator's share of the build is judged at this size


def predicted_seconds(measured: list[Measurement], plans: int) -> float:
    """What measuring ``plans`` plans should take, scaled linearly from the largest size measured."""
    if not measured:
        return 0.0
    last = measured[-1]
    return (last.build.seconds + (last.plain.seconds if last.plain else 0.0) + last.noop.seconds
            + last.up_to_date.seconds) \
        * plans / last.plans


def edit_figures(edits: list[Edit]) -> dict[str, str]:
    """The edit loop's figures: median / slowest, until the plan page showed the edit and every page did."""
    def spread(values: list[float]) -> str:
        return f"{seconds(statistics.median(values))} / {seconds(max(values))}"
    return {"edit one item → shown in its plan page in chromium, median / max (s)": spread([e.shown for e in edits]),
            "edit one item → every page rebuilt, median / max (s)": spread([e.complete for e in edits])}


def measure_sizes(root: str, sizes: list[int], budget: float, work: str, pagefind: bool, keep: bool,
                  plain_max: int | None, search: str, live_at: int | None = None) -> tuple[list, list]:
    seeds = read_seeds(root)
    measured, skipped = [], []
    for plans in sizes:
        if predicted_seconds(measured, plans) > budget:
            skipped.append(plans)
            continue
        print(f"bench: {plans:,} plans …", file=sys.stderr, flush=True)
        project = os.path.join(work, f"plans-{plans}")
        items = synthesise(seeds, project, plans)
        if search == "pagefind":
            choose_pagefind(os.path.join(project, "mkdocs.yml"))
        measurement = measure(project, plans, items, plain_max is None or plans <= plain_max)
        if plans == live_at:
            print(f"bench: {plans:,} plans, the edit loop …", file=sys.stderr, flush=True)
            measurement.extra.update(edit_figures(edit_to_browser(project, rounds=3)))
        if pagefind or search == "pagefind":  # after the edit loop: this may switch the project to Pagefind
            try:
                measurement.extra.update(figures(root, project))
            except Exception as error:  # noqa: BLE001 - a figure that failed is reported, the others kept
                print(f"bench: Pagefind at {plans:,} plans failed: {error}", file=sys.stderr, flush=True)
                measurement.extra["Pagefind queries in chromium"] = f"failed ({type(error).__name__})"
        measured.append(measurement)
        if not keep:
            shutil.rmtree(project, ignore_errors=True)
    return measured, skipped


def live_report(root: str, work: str, browser: bool) -> str:
    example = copy_project(root, os.path.join(work, "example"))
    noop = noop_generation(example)
    median, stages = noop.median
    rows = [[f"no-op plansite generate, wall, median / slowest of {len(noop.runs)} (s)",
             f"{seconds(median.seconds)} / {seconds(noop.slowest.seconds)}", "< 0.5"],
            ["  of which checking the inputs (docs/ up to date: nothing loaded), median run (s)",
             seconds(stages.get("inputs", 0.0)), ""],
            ["no-op plansite generate, files written", str(noop.written), "0"]]
    if browser:
        shown, complete = edit_figures(edit_to_browser(example)).items()
        rows += [[*shown, "≤ 1"], [*complete, ""]]
    return table(["example site (a copy of this project)", "measured", "target"], rows)


def targets(measured: list[Measurement]) -> str:
    """The size-dependent targets of the issue, with the figure measured (or why there is none)."""
    by_size = {m.plans: m for m in measured}
    rows = []
    at = by_size.get(TARGET_SIZE)
    rows.append(["generator share of the build at 1,000 plans (%)",
                 f"{100 * at.generator_seconds / at.build.seconds:.1f}" if at else "not measured", "≤ 5"])
    largest = by_size.get(10_000)
    rows.append(["10,000 plans: plansite build wall (min), peak (GB)",
                 f"{largest.build.seconds / 60:.1f}, {largest.build.peak_bytes / 1024 ** 3:.2f}" if largest
                 else "not measured (--sizes …,10000)", "≤ 10, ≤ 4"])
    ratios = [m.index_bytes / m.indexed_text_bytes for m in measured if m.index_bytes]
    rows.append(["search index / UTF-8 text it indexes, worst size", f"{max(ratios):.3f}" if ratios else "–",
                 "≤ 1.1"])
    return table(["target", "measured", "target"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="the project whose curated plans are resampled (default: .)")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"numbers of plans (default: {DEFAULT_SIZES})")
    parser.add_argument("--budget", type=float, default=900.0, metavar="SECONDS",
                        help="skip a size predicted to take longer than this (default: 900)")
    parser.add_argument("--search", choices=("material", "pagefind"), default="material",
                        help="the synthetic sites' search (extra.plansite.search; default: material)")
    parser.add_argument("--pagefind", action="store_true",
                        help="also build each project with Pagefind as its search and time queries (implied by "
                             "--search pagefind)")
    parser.add_argument("--plain-max", type=int, metavar="PLANS",
                        help="build with plain MkDocs only the sizes up to PLANS (default: every size)")
    parser.add_argument("--live-at", type=int, metavar="PLANS",
                        help="also time the edit loop (plansite serve, chromium) on the synthetic project of PLANS")
    parser.add_argument("--no-live", dest="live", action="store_false", help="skip the example-site measurements")
    parser.add_argument("--no-browser", dest="browser", action="store_false",
                        help="skip the edit → browser measurement (needs chromium)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary directory)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    work = args.keep or tempfile.mkdtemp(prefix="plansite-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        measured, skipped = measure_sizes(args.root, sizes, args.budget, work, args.pagefind, bool(args.keep),
                                          args.plain_max, args.search, args.live_at)
        print(size_table(measured) if measured else "no size measured")
        if skipped:
            print(f"\nskipped, predicted over the {args.budget:.0f}s budget: "
                  + ", ".join(f"{size:,} plans" for size in skipped))
        if args.pagefind:
            print("\nPagefind on this project, the known queries (tests/search_queries.yaml):\n" + recall(args.root))
        if args.live:
            print("\n" + live_report(args.root, work, args.browser))
        print("\n" + targets(measured))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
