"""The curator's loop on the example site: no-op regeneration, and edit → change visible in the browser.

Both run on a copy of the project (content/, plans/, mkdocs.yml), never on the
project itself.  The edit loop starts a real ``plansite serve`` process, opens
a plan page in Debian's chromium, changes the title of the plan's first item
in its YAML file and times how long the new title takes to appear in the page
(``plansite serve`` regenerates docs/, MkDocs rebuilds, the page reloads), then
until the plan's data file, written with the last of docs/, is served new.  The
benchmark runs it on the example site, and with ``--live-at`` on a synthetic one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from ..load import plan_paths
from ..project import DOCS
from .measure import Run, file_states, plansite
from .synth import all_items, read_yaml

TIMEOUT = 60.0


NOOP_RUNS = 5  # the machine is noisy: the median of a few runs, and the slowest


@dataclass(frozen=True)
class NoOp:
    runs: list[tuple[Run, dict[str, float]]]  # each run and its stage times, fastest first
    written: int                              # files of docs/ that any of the runs touched

    @property
    def median(self) -> tuple[Run, dict[str, float]]:
        return self.runs[len(self.runs) // 2]

    @property
    def slowest(self) -> Run:
        return self.runs[-1][0]


def noop_generation(root: str) -> NoOp:
    """``plansite generate`` once, then ``NOOP_RUNS`` times more with nothing to change."""
    plansite(root, "generate")
    docs = os.path.join(root, DOCS)
    before = file_states(docs)
    runs = sorted((plansite(root, "generate") for _ in range(NOOP_RUNS)), key=lambda run: run[0].seconds)
    after = file_states(docs)
    return NoOp(runs, sum(after.get(path) != state for path, state in before.items()))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds: float = TIMEOUT, interval: float = 0.01):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(interval)
    raise TimeoutError(f"not done after {seconds:.0f}s")


def shows(page, text: str) -> bool:
    """Does the page in the browser show ``text``? (False while it is reloading.)"""
    try:
        return page.evaluate("text => document.body.innerText.includes(text)", text)
    except Exception:  # noqa: BLE001 - the page is between two documents
        return False


def fetched(url: str) -> str:
    """The text at ``url``, '' when it cannot be had now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@dataclass(frozen=True)
class Edit:
    """Seconds from saving an edited item until the preview showed it."""

    shown: float     # in the plan's page, in the browser
    complete: float  # in every page: the plan's data file (written with the last of docs/) served new


def edit_to_browser(root: str, rounds: int = 5) -> list[Edit]:
    """Edit an item's title ``rounds`` times under ``plansite serve``; how long each took to be shown."""
    from playwright.sync_api import sync_playwright

    from ..searchbrowser import launch

    path = plan_paths(root)[0]
    plan = read_yaml(path)
    title = all_items(plan["sections"])[0]["title"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/plans/{plan['id']}/"
    data = f"http://127.0.0.1:{port}/data/plans/{plan['id']}.yaml"
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", root, "serve", "-a", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: fetched(url), seconds=TIMEOUT * 10, interval=0.2)  # a large site's first build
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(url)
            edits = []
            for round_ in range(1, rounds + 1):
                marker = f"{title}（修订{round_}）"
                with open(path, encoding="utf-8") as file:
                    text = file.read()
                head, body = text.split("\nsections:", 1)
                previous = f"{title}（修订{round_ - 1}）" if round_ > 1 else title
                with open(path, "w", encoding="utf-8") as file:
                    file.write(head + "\nsections:" + body.replace(previous, marker, 1))
                saved = time.monotonic()
                wait_until(lambda: shows(page, marker))
                shown = time.monotonic() - saved
                wait_until(lambda: marker in fetched(data), interval=0.05)
                edits.append(Edit(shown, time.monotonic() - saved))
                time.sleep(1.0)  # let the server settle before the next edit
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return edits
