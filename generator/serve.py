"""``plansite serve``: live preview that follows edits to plans/ and content/.

A watchdog observer regenerates docs/ whenever something under plans/ or
content/ changes (after a short quiet period, since editors save in bursts).
When the regeneration succeeded, MkDocs rebuilds the preview at once and
the browser reloads (MkDocs' livereload server); when the input has errors
they are printed and docs/ and the preview stay as they were.

The preview is MkDocs' own server, driven here rather than by ``mkdocs
serve``, whose loop took 3–4 s from saving an item to seeing it on the
example site: it polls docs/ every 0.5 s, rebuilds every page on every
change, and (mkdocs.yml watches plans/ and content/ for a plain ``mkdocs
serve``) started a useless rebuild on the edit itself, before docs/ was
regenerated.  Here the regenerator signals the rebuild directly, and the
rebuilds are "dirty": only pages whose Markdown changed are built again (docs/
keeps the files of unchanged pages, see ``write``), with one configuration
for the whole session, so Material's search index keeps the other pages.
A page removed from docs/ stays in the preview until it is restarted.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from typing import Callable
from urllib.parse import urlsplit

from .build import generate, mkdocs_messages, site_config

WATCHED = ("plans", "content")
QUIET_SECONDS = 0.1
SIGNAL = "docs-changed"  # the file that makes the server rebuild (see ``signal``)


class Regenerator:
    """Regenerates docs/ once events have stopped arriving for ``QUIET_SECONDS``; then calls ``done``."""

    def __init__(self, root: str, done: Callable[[], None]):
        self.root = root
        self.done = done
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
        result = generate(self.root)
        if result is not None and result.changed:  # a file saved as it was changes nothing to rebuild
            self.done()


def signal(signals: str) -> None:
    """Make the server rebuild once: a file renamed into the watched folder ``signals`` is one event.
    (Writing a file there is three, opened, modified and closed, and the server built twice, the second
    time while the browser was reloading.)"""
    staged = os.path.join(os.path.dirname(signals), SIGNAL)
    with open(staged, "w", encoding="utf-8") as file:
        file.write(str(os.getpid()))
    os.replace(staged, os.path.join(signals, SIGNAL))


def serve(root: str, dev_addr: str | None) -> int:
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers import Observer

    from .buildhooks import cache_templates

    if generate(root) is None:
        return 1
    with tempfile.TemporaryDirectory(prefix="plansite-serve-") as work, mkdocs_messages(logging.INFO):
        signals = os.path.join(work, "signals")
        os.mkdir(signals)
        options = {"dev_addr": dev_addr} if dev_addr else {}
        config = site_config(root, site_dir=os.path.join(work, "site"), **options)
        if config is None:
            return 1
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = url = f"http://{host}:{port}{mount_path}"
        config.plugins.on_startup(command="serve", dirty=True)
        cache_templates(config)

        server = LiveReloadServer(builder=lambda: build(config, serve_url=url, dirty=True), host=host, port=port,
                                  root=config.site_dir, mount_path=mount_path)
        server.observer = Observer()  # native events: MkDocs' polling observer looks every 0.5 s
        server.build_delay = 0.0  # one signal per regeneration: no burst of events to wait out
        server.watch(signals)
        build(config, serve_url=url)

        observer = Observer()
        regenerator = Regenerator(root, lambda: signal(signals))
        for name in WATCHED:
            folder = os.path.join(root, name)
            if os.path.isdir(folder):
                observer.schedule(regenerator, folder, recursive=True)
        observer.start()
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            observer.stop()
            observer.join()
            config.plugins.on_shutdown()
    return 0


def cmd_serve(args) -> int:
    return serve(args.root, args.dev_addr)


def register(commands) -> None:
    parser = commands.add_parser("serve", help="preview the site, regenerating it when plans/ or content/ change")
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT", default=None,
                        help="address to serve on (default: mkdocs.yml's dev_addr, 127.0.0.1:8000)")
    parser.set_defaults(run=cmd_serve)
