"""Pagefind, measured: index time and size, query latency in chromium, and what the known queries find.

The queries are the list in tests/search_queries.yaml (what readers type, with
the items that must answer each).  Latency is measured in Debian's chromium
through Pagefind's JavaScript API as the search page gives it to Pagefind's UI
(``plansite-pagefind/pagefind.js``: each word of a query asked apart, see
``pagefind``): the first query loads the WebAssembly and the index chunks it
needs ("cold"), later ones reuse what was loaded ("warm").  A query's time
includes loading the data of its first ten results.

    python -m generator.bench.pagefindrun [--root .]

builds a copy of the project with Pagefind and prints, for the Pagefind
version installed, how many expected items the queries find; run it under
each version to compare them (see README).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile

from .. import pagefind
from ..corpus import build_corpus
from ..load import load_document, load_site
from ..project import copy_project
from ..searchquality import QueryFile, evaluate, load_cases
from .measure import plansite

QUERIES = os.path.join("tests", "search_queries.yaml")
SHOWN = 10  # results whose data a query loads, as Pagefind's UI does for its first page

_RUN_QUERIES = """
async ([queries, shown, all]) => {
  const pagefind = await import(
    new URL("assets/javascripts/plansite-pagefind/pagefind.js", document.baseURI).href)
  const {pagefindResult} = await import(
    new URL("assets/javascripts/pagefind-query.js", document.baseURI).href)
  const parts = await (await fetch(new URL("pagefind/plansite-parts.json", document.baseURI))).json()
  for (const part of parts) await pagefind.mergeIndex(new URL(part + "/", document.baseURI).pathname)
  await pagefind.init()
  await pagefind.filters()  // as the UI does on opening
  const answers = []
  for (const query of queries) {
    const started = performance.now()
    const search = await pagefind.search(query)  // as the search page asks
    const data = result => result.data().then(page => pagefindResult(page, query))
    const pages = await Promise.all(search.results.slice(0, shown).map(data))
    const milliseconds = performance.now() - started
    for (let next = shown; all && next < search.results.length; next += shown) {
      pages.push(...await Promise.all(search.results.slice(next, next + shown).map(data)))
    }
    const locations = pages.flatMap(page => [...page.sub_results]
      .sort((a, b) => (b.locations || []).length - (a.locations || []).length).map(sub => sub.url))
    answers.push({query, milliseconds, results: search.results.length, locations})
  }
  return answers
}
"""


def version() -> str:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    return result.stdout.strip() or result.stderr.strip()


def query_list(root: str) -> QueryFile:
    diagnostics: list = []
    _, cases = load_document(os.path.join(root, QUERIES), QueryFile, diagnostics)
    if cases is None:
        raise RuntimeError("\n".join(map(str, diagnostics)))
    return cases


def run_queries(site_dir: str, queries: list[str], every_result: bool = False, browser=None) -> list[dict]:
    """Each query's answer from Pagefind in chromium (``browser``, or one launched here): milliseconds, number
    of results, and the locations (sections) of its first ``SHOWN`` results, or of all of them."""
    from playwright.sync_api import sync_playwright

    from ..searchbrowser import launch, served

    with served(site_dir) as url:
        if browser is not None:
            return answers_in(browser, url, queries, every_result)
        with sync_playwright() as playwright:
            launched = launch(playwright)
            try:
                return answers_in(launched, url, queries, every_result)
            finally:
                launched.close()


def answers_in(browser, url: str, queries: list[str], every_result: bool) -> list[dict]:
    page = browser.new_page()
    try:
        page.goto(url)
        return page.evaluate(_RUN_QUERIES, [queries, SHOWN, every_result])
    finally:
        page.close()


def figures(root: str, project: str, browser=None) -> dict[str, str]:
    """Time the known queries on a built project's site with Pagefind as its search: rows for the benchmark's
    table (queried in ``browser``, or one launched here).  A project built with Material's search is switched
    to Pagefind and built again first (the site as a Pagefind project makes it: its theme marks what is
    indexed and brings the search page's scripts)."""
    rows = {}
    site_dir = os.path.join(project, "site")
    if not os.path.isdir(os.path.join(site_dir, pagefind.BUNDLE)):
        choose_pagefind(os.path.join(project, "mkdocs.yml"))
        build, stages = plansite(project, "build")
        rows["Pagefind as the search: plansite build, wall (s); of it indexing (s)"] = (
            f"{build.seconds:.1f}; {stages['pagefind']:.1f}")
    files, size = pagefind.index_size(site_dir)
    answers = run_queries(site_dir, [case.query for case in query_list(root).queries], browser=browser)
    warm = [answer["milliseconds"] for answer in answers[1:]]
    unanswered = [answer["query"] for answer in answers if not answer["results"]]
    return {
        **rows,
        "Pagefind bundle (MB, files, parts)": f"{size / 1024 / 1024:.1f}, {files:,}, {len(pagefind.bundles(site_dir))}",
        "Pagefind: known queries without a result": f"{len(unanswered)} of {len(answers)}"
                                                    + (f" ({', '.join(unanswered)})" if unanswered else ""),
        "Pagefind first query, cold (ms)": f"{answers[0]['milliseconds']:.0f}",
        "Pagefind query, warm median / max (ms)": f"{statistics.median(warm):.0f} / {max(warm):.0f}",
    }


def choose_pagefind(config_path: str) -> None:
    """Set ``extra.plansite.search: pagefind`` in a copy's mkdocs.yml (a text edit: the file has Python tags)."""
    with open(config_path, encoding="utf-8") as file:
        lines = file.read().splitlines()
    setting = ["  plansite:", "    search: pagefind"]
    if "extra:" in lines:
        at = lines.index("extra:") + 1
        lines[at:at] = setting
    else:
        lines += ["extra:", *setting]
    with open(config_path, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")


def recall(root: str) -> str:
    """Build a copy of the project with Pagefind; how many of the expected items the known queries find."""
    with tempfile.TemporaryDirectory(prefix="plansite-pagefind-") as work:
        copy = copy_project(root, work)
        choose_pagefind(os.path.join(copy, "mkdocs.yml"))
        plansite(copy, "build")
        site, _ = load_site(copy)
        corpus = build_corpus(site)
        cases, problems = load_cases(os.path.join(root, QUERIES), corpus)
        if cases is None or problems:
            raise RuntimeError("\n".join(map(str, problems)))
        answers = run_queries(os.path.join(copy, "site"), [case.query for case in cases.queries], every_result=True)
    found = {answer["query"]: [location.lstrip("/") for location in answer["locations"]] for answer in answers}
    anywhere = evaluate(dataclasses.replace(cases, top=len(corpus.entries)), found, corpus)
    in_top = evaluate(cases, found, corpus)
    lines = [f"{version()}: {in_top.found}/{in_top.expected} expected items in the top {cases.top}, "
             f"{anywhere.found}/{anywhere.expected} anywhere in the results, "
             f"{anywhere.answered}/{len(cases.queries)} queries finding all their items"]
    lines += [f"  {outcome.case.query}: missed {', '.join(outcome.missed)}"
              for outcome in anywhere.outcomes if outcome.missed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench.pagefindrun", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="the project (default: .)")
    print(recall(parser.parse_args(argv).root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
