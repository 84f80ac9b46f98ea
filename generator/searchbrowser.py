"""The built site in Debian's chromium: serving it, launching the browser, and running Material's search.

``search`` runs queries through the very search a reader's browser runs: the
page's own configuration names Material's search worker, which is started with
the site's search index and the options the page gives it, then sent each query
as the search box sends it.  Scores and order are therefore Material's (lunr,
its Chinese query segmentation, its boosts), not a re-implementation.

Used by the browser tests and by ``bench_search``; Playwright is a test
dependency, imported only where a browser is launched.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Material's worker protocol (integrations/search/worker/message): SETUP=0, READY=1, QUERY=2, RESULT=3.
_RUN_QUERIES = """
async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base, location.href)
  const index = await (await fetch(new URL("search/search_index.json", base))).json()
  const worker = new Worker(new URL(config.search, base))
  const reply = () => new Promise((resolve, reject) => {
    worker.addEventListener("message", event => resolve(event.data), {once: true})
    worker.addEventListener("error", event => reject(new Error(event.message)), {once: true})
  })
  const options = {suggest: config.features.includes("search.suggest")}
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options}})
  await reply()
  const results = {}
  for (const query of queries) {
    worker.postMessage({type: 2, data: query})
    const message = await reply()
    results[query] = message.data.items.map(group => group.map(
      item => ({location: item.location, score: item.score})))
  }
  worker.terminate()
  return results
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(directory: str) -> Iterator[str]:
    """``directory`` served over HTTP on 127.0.0.1 (a free port) while the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's chromium, headless (Playwright never downloads a browser here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def search(page, queries: list[str]) -> dict[str, list[list[dict]]]:
    """Material's search result for each query, from a page of the site already loaded in ``page``.

    A result is Material's ``items``: one list per page of the site, each holding
    the matching documents as ``{"location", "score"}``, in Material's order.
    """
    return page.evaluate(_RUN_QUERIES, list(queries))
