"""Run a ``plansite`` command in this process and print its stage times as JSON.

    python -m generator.bench.child ROOT COMMAND...

The command runs exactly as ``plansite --root ROOT COMMAND...`` would (its
messages go to stderr, its exit code is this process's); then one JSON line
goes to stdout: the exit code and ``terminal.seconds``, the time of each stage it went through (see
``progress``).  The benchmark starts this in a child process of its own, so
the child's peak memory (``os.wait4``) is the command's.
"""

from __future__ import annotations

import json
import sys

from ..cli import main
from ..progress import terminal


def run(root: str, command: list[str]) -> dict:
    code = main(["--root", root, *command])
    return {"code": code, "seconds": terminal.seconds}


if __name__ == "__main__":
    outcome = run(sys.argv[1], sys.argv[2:])
    print(json.dumps(outcome))
    sys.exit(outcome["code"])
