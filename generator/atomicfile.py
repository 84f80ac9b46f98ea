"""Writing one file whole or not at all.

``replace_file`` writes the new content into a temporary file beside the
target and renames it over the target in one step, so a crash, a full disk or
an interrupt leaves the old file (or none, if there was none), never half of
the new one.  Curated files (a plan merged with ``plansite import --merge``,
``content/departments.yaml``, the plan schema) and the caches and records of
later runs are written this way.  Directories of generated files are replaced
whole by ``write`` instead.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat


def replace_file(path: str, content: str | bytes) -> None:
    """Write ``content`` (text is written as UTF-8) to ``path`` whole or not at all.  A file that was there keeps
    its permissions; the temporary file is removed when writing fails, and the error raised."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder, name = os.path.split(os.path.abspath(path))
    staged = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(staged, "xb") as file:  # created with the umask's permissions, as open(path, "w") would
            file.write(data)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(staged, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(staged, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(staged)
        raise
