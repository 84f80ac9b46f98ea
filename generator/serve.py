"""``plansite serve``: live preview that follows edits to plans/ and content/.

Two loops run in one process: a watchdog observer regenerates docs/ whenever
something under plans/ or content/ changes (after a short quiet period, since
editors save in bursts), and ``mkdocs serve`` watches docs/ and reloads the
browser.  Generation happens outside MkDocs' hooks and writes only the pages
whose bytes changed, so a reload rebuilds little; when the input has errors
they are printed and docs/ (and the preview) stay as they were.
"""

from __future__ import annotations

import logging
import os
import threading

from .build import CONFIG, generate, mkdocs_messages, teach_segmenter

WATCHED = ("plans", "content")
QUIET_SECONDS = 0.3


class Regenerator:
    """Regenerates docs/ once events have stopped arriving for ``QUIET_SECONDS``."""

    def __init__(self, root: str):
        self.root = root
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def dispatch(self, event) -> None:  # the watchdog handler interface
        if event.event_type in ("opened", "closed_no_write") or os.path.basename(event.src_path).startswith("."):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(QUIET_SECONDS, self.regenerate)
            self.timer.daemon = True
            self.timer.start()

    def regenerate(self) -> None:
        site = generate(self.root)
        if site is not None:
            teach_segmenter(site.vocabulary)


def serve(root: str, dev_addr: str | None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.observers import Observer

    site = generate(root)
    if site is None:
        return 1
    teach_segmenter(site.vocabulary)
    observer = Observer()
    regenerator = Regenerator(root)
    for name in WATCHED:
        folder = os.path.join(root, name)
        if os.path.isdir(folder):
            observer.schedule(regenerator, folder, recursive=True)
    observer.start()
    try:
        with mkdocs_messages(logging.INFO):
            mkdocs_serve(config_file=os.path.join(root, CONFIG), dev_addr=dev_addr)
    finally:
        observer.stop()
        observer.join()
    return 0


def cmd_serve(args) -> int:
    return serve(args.root, args.dev_addr)


def register(commands) -> None:
    parser = commands.add_parser("serve", help="preview the site, regenerating it when plans/ or content/ change")
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT", default=None,
                        help="address to serve on (default: mkdocs.yml's dev_addr, 127.0.0.1:8000)")
    parser.set_defaults(run=cmd_serve)
