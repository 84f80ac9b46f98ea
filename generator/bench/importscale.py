"""``make bench-import``: how the importer's time grows with the length of a text.

    python -m generator.bench.importscale [--lines 1000,2000,5000,20000]

A document whose numbering breaks (a text pasted twice, numbers restarting) folds the rest of the text into its
last item, so one item can hold thousands of lines; reading such an item's lines, owner clause and targets was
quadratic in its length.  For each size the seed texts are repeated to that many lines and imported whole
(``import_source``, as ``plansite import`` does, without writing), and the figures are printed with the time a
line took: a column that stays flat as the size grows is linear.  Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import glob
import os
import tempfile
import time

from ..importer.pipeline import Settings, import_source
from ..importer.report import walk_item_dicts
from ..load import load_vocabulary
from .table import seconds

DEFAULT_LINES = "1000,2000,5000"
SEEDS = os.path.join("..", "shared", "seeds", "*.txt")


def seed_lines(root: str) -> list[str]:
    """The lines of the seed texts, one after another."""
    lines: list[str] = []
    for path in sorted(glob.glob(os.path.join(root, SEEDS))):
        with open(path, encoding="utf-8") as file:
            lines.extend(line for line in file.read().splitlines() if line.strip())
    return lines


def measure(root: str, sizes: list[int], work: str) -> list[tuple[int, int, int, float]]:
    """(lines, items, targets, seconds) of importing the seed lines repeated to each size."""
    problems: list = []
    vocabulary, _ = load_vocabulary(root, problems)
    lines = seed_lines(root)
    found = []
    for size in sizes:
        path = os.path.join(work, f"lines-{size}.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(lines[i % len(lines)] for i in range(size)) + "\n")
        started = time.perf_counter()
        imported = import_source(path, Settings(organisation="bench-edu", year=2025), vocabulary)
        took = time.perf_counter() - started
        items = list(walk_item_dicts(imported.plan["sections"])) if imported.plan else []
        found.append((size, len(items), sum(len(item.get("targets") or ()) for item in items), took))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench.importscale", description=__doc__.split("\n")[0])
    parser.add_argument("--lines", default=DEFAULT_LINES, help=f"text sizes in lines (default {DEFAULT_LINES})")
    parser.add_argument("--root", default=".", help="the project whose vocabularies the import uses")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.lines.split(",")]
    with tempfile.TemporaryDirectory(prefix="plansite-importscale-") as work:
        rows = measure(args.root, sizes, work)
    print(f"{'lines':>8} {'items':>7} {'targets':>8} {'import (s)':>11} {'ms per line':>12}")
    for size, items, targets, took in rows:
        print(f"{size:>8,} {items:>7,} {targets:>8,} {seconds(took):>11} {1000 * took / size:>12.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
