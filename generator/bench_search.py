"""``make bench-search``: how well the site's search answers the query list, with and without the dictionary.

The project (content/, plans/, mkdocs.yml) is copied twice into a temporary
directory and each copy is built by ``plansite build`` in a process of its own
(jieba keeps every word it learns for the life of a process, so two builds in
one process would share their words): once as it is, once with an empty
content/dictionary.txt.  Every query of the list then runs through Material's
search in chromium on both sites (``searchbrowser.search``), and once more on
the site without dictionary with Material's search worker as shipped instead of
the repaired one (``searchworker``; only made to read the index's anchors).
The table shows where each expected item ranked.

    python -m generator.bench_search [--root .] [--queries tests/search_queries.yaml] [-v]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from .corpus import build_corpus
from .diagnostics import print_diagnostics
from .load import load_site
from .project import copy_project
from .searchquality import Evaluation, QueryFile, evaluate, load_cases, ranking
from .searchworker import material_worker, reading_anchors
from .segmentation import DICTIONARY


def build_copy(root: str, target: str, *, dictionary: bool = True) -> str:
    """Copy the project at ``root`` to ``target``, build it in a new process; the site directory.

    ``dictionary=False`` empties the copy's content/dictionary.txt first.
    """
    copy_project(root, target)
    if not dictionary:
        open(os.path.join(target, DICTIONARY), "w").close()
    built = subprocess.run([sys.executable, "-m", "generator", "--root", target, "build"],
                           capture_output=True, text=True)
    if built.returncode:
        raise RuntimeError(f"plansite build of {target} failed:\n{built.stderr}")
    return os.path.join(target, "site")


def ship_material_worker(site_dir: str) -> None:
    """Put Material's search worker as shipped back into a built site, in place of the repaired one; only
    made to read the sections' addresses the index gives by their anchors, as the site's worker does."""
    path, source = material_worker()
    with open(os.path.join(site_dir, *path.split("/")), "w", encoding="utf-8") as file:
        file.write(reading_anchors(source))


def run_queries(site_dir: str, queries: list[str]) -> dict[str, list[str]]:
    """Each query's ranking (best first) by Material's search on the built site in ``site_dir``."""
    from playwright.sync_api import sync_playwright

    from .searchbrowser import launch, search, served

    with served(site_dir) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.goto(url)
            results = search(page, queries)
        finally:
            browser.close()
    return {query: ranking(groups) for query, groups in results.items()}


def rank_cell(ranks: tuple[int | None, ...]) -> str:
    return " ".join("-" if rank is None else str(rank) for rank in ranks)


def report(cases: QueryFile, runs: dict[str, Evaluation], verbose: bool) -> str:
    """A table: per query, the rank of each expected item in each run ('-': not in the top); then totals."""
    names = list(runs)
    width = max(len(case.query) for case in cases.queries) + 2
    lines = [f"{'query':<{width}}" + "".join(f"{name:<32}" for name in names)]
    outcomes = {name: run.outcomes for name, run in runs.items()}
    for i, case in enumerate(cases.queries):
        cells = [outcomes[name][i] for name in names]
        if verbose or any(cell.missed for cell in cells) or len({cell.ranks for cell in cells}) > 1:
            lines.append(f"{case.query:<{width}}" + "".join(f"{rank_cell(c.ranks):<32}" for c in cells))
    lines.append("")
    for name, run in runs.items():
        lines.append(f"{name}: {run.found}/{run.expected} expected items in the top {run.top} "
                     f"(hit rate {run.hit_rate:.1%}); {run.answered}/{len(run.outcomes)} queries fully answered")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench_search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="project directory (default: .)")
    parser.add_argument("--queries", default=os.path.join("tests", "search_queries.yaml"),
                        help="query list, relative to --root (default: tests/search_queries.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query, not only those that differ")
    args = parser.parse_args(argv)

    site, diagnostics = load_site(args.root)
    corpus = build_corpus(site)
    cases, problems = load_cases(os.path.join(args.root, args.queries), corpus)
    if print_diagnostics(diagnostics + problems) or cases is None:
        return 1
    queries = [case.query for case in cases.queries]
    runs = {}
    with tempfile.TemporaryDirectory(prefix="plansite-bench-search-") as work:
        for name, dictionary in (("with dictionary", True), ("without dictionary", False)):
            site_dir = build_copy(args.root, os.path.join(work, name.replace(" ", "-")), dictionary=dictionary)
            runs[name] = evaluate(cases, run_queries(site_dir, queries), corpus)
        ship_material_worker(site_dir)
        runs["no dictionary, Material's worker"] = evaluate(cases, run_queries(site_dir, queries), corpus)
    print(report(cases, runs, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
