"""Make a directory hold exactly a given set of files, touching only what changed.

The directory (docs/) is entirely generated: files that are no longer
produced are removed.  A file whose bytes are already right is left alone, so
its modification time stays and a watching ``mkdocs serve`` rebuilds only for
real changes; a file that changes is replaced atomically (temporary file in
the same directory, then ``os.replace``), so no reader ever sees half a page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int

    def __str__(self) -> str:
        return f"{self.written} written, {self.unchanged} unchanged, {self.removed} removed"


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def replace_file(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def current_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


def existing_files(directory: str) -> list[str]:
    """Every file below ``directory``, as relative '/'-separated paths."""
    found = []
    for folder, _, files in os.walk(directory):
        relative = os.path.relpath(folder, directory)
        found.extend(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
                     for name in files)
    return found


def remove_empty_folders(directory: str) -> None:
    for folder, _, _ in sorted(os.walk(directory), key=lambda entry: -len(entry[0])):
        if folder != directory and not os.listdir(folder):
            os.rmdir(folder)


def write_tree(directory: str, files: Mapping[str, str | bytes]) -> WriteResult:
    """Make ``directory`` contain exactly ``files`` ({relative '/'-path: content})."""
    written = unchanged = 0
    for relative, content in sorted(files.items()):
        path = os.path.join(directory, *relative.split("/"))
        data = as_bytes(content)
        if current_bytes(path) == data:
            unchanged += 1
        else:
            replace_file(path, data)
            written += 1
    stale = [relative for relative in existing_files(directory) if relative not in files]
    for relative in stale:
        os.remove(os.path.join(directory, *relative.split("/")))
    remove_empty_folders(directory)
    return WriteResult(written, unchanged, len(stale))
