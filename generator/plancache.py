"""Plan files as a run read them, kept for the next run: ``.plansite-cache/plans/`` in the project root.

Reading a plan file (YAML with a location for every value) and decoding it into the model is most of what
``plansite check`` and ``plansite find`` do, and a fifth of a generation: 3.7 s of CPU per 1,000 plans.
Each file read is kept here as its pickled plan and diagnostics, under a digest of

* its bytes and its path as given (the diagnostics name it);
* the code that read it (``uptodate.code_state``: this package's files with their size, time and inode,
  Python's version and the installed distributions),

so that a later run unpickles it (0.6 ms instead of 3.7 ms a file).  A file whose bytes, path or reader
changed is simply not found, and read again.  The parsed YAML is not kept (two thirds of the pickle, and
needed only to place a problem): validation re-reads a cached plan's file if it reports a problem in it
(``yamlsource.reread``).  After each load the entries no current plan file used are removed, so the cache
holds what plans/ holds.  The cache can be deleted at any time.

The file names digest the code's file stamps, which no one else can know, so a cache copied from another
machine or committed by someone else is never read (pickles can run code: only this machine's are read).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle

from . import yamlsource
from .atomicfile import replace_file
from .diagnostics import Diagnostic
from .model import Plan

FOLDER = os.path.join(".plansite-cache", "plans")  # in the project root
SUFFIX = ".pickle"

CachedPlan = tuple[Plan | None, list[Diagnostic]]  # a plan file's plan (None: it could not be read), its diagnostics


class PlanCache:
    """The cache of one project's plan files, for one version of the code."""

    def __init__(self, root: str):
        from .uptodate import code_digest

        self.folder = os.path.join(root, FOLDER)
        self.code = code_digest().encode("ascii")

    def key(self, path: str) -> str | None:
        """The name of the entry for the plan file ``path`` as it is now; None if it cannot be read, or is
        larger than a plan file may be (``yamlsource.MAX_BYTES``: it is not read whole, here or there), or a FIFO
        (``yamlsource.open_to_read``: loading it reports it)."""
        try:
            with yamlsource.open_to_read(path) as file:
                data = file.read(yamlsource.MAX_BYTES + 1)
        except OSError:
            return None
        if len(data) > yamlsource.MAX_BYTES:
            return None
        digest = hashlib.blake2b(self.code, digest_size=20)
        digest.update(os.fsencode(path) + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> CachedPlan | None:
        """The entry ``key``, or None if there is none (or it cannot be read: it is then read anew)."""
        try:
            with open(os.path.join(self.folder, key + SUFFIX), "rb") as file:
                return pickle.load(file)
        except Exception:  # noqa: BLE001 - none, or a damaged one (a full disk): the file is read anew
            return None

    def put(self, key: str, entry: CachedPlan) -> None:
        """Keep ``entry`` under ``key``; written whole or not at all (runs may share the cache)."""
        try:
            os.makedirs(self.folder, exist_ok=True)
            replace_file(os.path.join(self.folder, key + SUFFIX), pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
        except OSError:  # the cache only saves time: the next run reads the file again
            pass

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries not in ``keys``: those of plan files since edited, renamed or deleted."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.endswith(SUFFIX) and name[:-len(SUFFIX)] not in keys:
                with contextlib.suppress(OSError):
                    os.remove(os.path.join(self.folder, name))
