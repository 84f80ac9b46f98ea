"""A small wrapper over the ``git`` command line, run from the project root.

Every path given to or returned by these functions is relative to that root
(which may be a sub-directory of the work tree), with forward slashes, but for
the paths of a branch holding no project (``top``: the site's).
Failures raise :class:`GitError` (or a subclass) carrying git's own message.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from dataclasses import dataclass


class GitError(Exception):
    """A git command failed; the message says which one and why."""


class NotARepository(GitError):
    """The project root is not inside a git work tree."""


class UnknownRevision(GitError):
    """A tag, branch or commit name that does not resolve to a commit (``why``: none of this repository has that
    name, or it has no commit yet)."""

    def __init__(self, revision: str, why: str = "not a tag, branch or commit of this repository"):
        super().__init__(f"unknown revision {revision!r}: {why}")
        self.revision = revision


NOTHING_COMMITTED = "no commit yet in this repository"
UNBORN_BRANCH = "the branch checked out has no commit yet, though the repository has some"
_HEAD_RELATIVE = re.compile(r"(?:HEAD|@)(?![\w/.-])")  # a revision naming the branch checked out (HEAD~2, @^)
IGNORED = "!!"  # the status of a file git ignores (``Repo.status``)


@dataclass(frozen=True)
class Repo:
    root: str  # the project root: git runs here, paths are relative to it

    def git(self, *args: str, input: bytes | None = None, env: dict | None = None) -> str:
        """Run ``git args…`` in the root and return its standard output as text."""
        return self._run(args, input, env).decode("utf-8", "surrogateescape")

    def _run(self, args, input=None, env=None) -> bytes:
        try:
            done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=self.root,
                                  input=input, capture_output=True, env={**os.environ, **(env or {})})
        except FileNotFoundError as exc:
            if not os.path.isdir(self.root):
                raise GitError(f"{self.root}: no such directory") from None
            raise GitError("the git program is not installed") from exc
        if done.returncode:
            message = done.stderr.decode("utf-8", "replace").strip()
            if "not a git repository" in message:
                raise NotARepository(f"{os.path.abspath(self.root)} is not in a git repository")
            raise GitError(f"`git {' '.join(args)}` failed: {message}")
        return done.stdout

    def is_shallow(self) -> bool:
        """True in a clone made with ``--depth``: its oldest commits stand for all earlier history."""
        return self.git("rev-parse", "--is-shallow-repository").strip() == "true"

    def resolve(self, rev: str) -> str:
        """The full commit id ``rev`` names (a tag, branch, commit or expression such as HEAD~2)."""
        try:
            return self.git("rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}").strip()
        except NotARepository:
            raise
        except GitError:
            why = self.commitless()
            if why == UNBORN_BRANCH and not _HEAD_RELATIVE.match(rev):
                why = None  # another name, unknown for itself: the branch's commits have nothing to do with it
            raise UnknownRevision(rev, *([f"{why} (the first `git commit` makes one)"] if why else [])) from None

    def has_commits(self) -> bool:
        """False in a repository made but never committed to, or on a branch not yet born (``HEAD`` names no
        commit)."""
        return subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=self.root,
                              capture_output=True).returncode == 0

    def commitless(self) -> str | None:
        """Why ``HEAD`` names no commit (``NOTHING_COMMITTED``, or ``UNBORN_BRANCH`` on a branch not yet born in a
        repository with commits: ``git switch --orphan``), None when it names one."""
        if self.has_commits():
            return None
        return UNBORN_BRANCH if self.git("rev-list", "-n1", "--all").strip() else NOTHING_COMMITTED

    def has_branch(self, name: str) -> bool:
        """Whether the local branch ``name`` exists."""
        return subprocess.run(["git", "show-ref", "--verify", "--quiet", f"refs/heads/{name}"], cwd=self.root,
                              capture_output=True).returncode == 0

    def is_ref_name(self, name: str) -> bool:
        """Whether ``name`` (such as ``refs/tags/x``) is a well-formed ref name (``git check-ref-format``)."""
        return subprocess.run(["git", "check-ref-format", name], cwd=self.root,
                              capture_output=True).returncode == 0

    def merge_base(self, first: str, second: str) -> str | None:
        """The best common ancestor of two commits, None when their histories share no commit."""
        done = subprocess.run(["git", "merge-base", "--end-of-options", first, second], cwd=self.root,
                              capture_output=True, text=True)
        if done.returncode == 1 and not done.stderr.strip():
            return None
        if done.returncode:
            raise GitError(f"`git merge-base {first} {second}` failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def exists(self, rev: str, path: str, top: bool = False) -> bool:
        """Whether ``path`` exists in ``rev`` (a missing branch counts as not existing); see ``blob`` for ``top``."""
        return subprocess.run(["git", "cat-file", "-e", blob(rev, path, top)], cwd=self.root,
                              capture_output=True).returncode == 0

    def show(self, rev: str, path: str, top: bool = False) -> str:
        """The text of ``path`` as committed in ``rev``; see ``blob`` for ``top``."""
        return self.git("show", blob(self.resolve(rev), path, top))

    def files(self, rev: str, *paths: str) -> dict[str, str]:
        """Every file in ``rev`` that is one of ``paths`` or below one: {path: text}, read in one batch."""
        listing = self.git("ls-tree", "-r", "-z", self.resolve(rev), "--", *paths)
        blobs = {}
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            _mode, kind, blob = meta.split()
            if kind == "blob":
                blobs[path] = blob
        return dict(zip(blobs, self.read_blobs(list(blobs.values()))))

    def read_blobs(self, blobs: list[str]) -> list[str]:
        """The contents of these blob ids as UTF-8 text, via one ``git cat-file --batch``."""
        if not blobs:
            return []
        out = self._run(["cat-file", "--batch"], input="".join(b + "\n" for b in blobs).encode())
        texts, at = [], 0
        for _ in blobs:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split()[2])
            texts.append(out[header_end + 1: header_end + 1 + size].decode("utf-8", "replace"))
            at = header_end + 1 + size + 1  # the content is followed by a newline
        return texts

    def status(self, *paths: str) -> list[tuple[str, str]]:
        """(code, path) of each file below ``paths`` not as committed: ``git status --porcelain``'s two letters,
        ``IGNORED`` for a file git ignores (a .gitignore's pattern), ``??`` for an untracked one."""
        out = self.git("status", "--porcelain", "-z", "--ignored", "--untracked-files=all", "--no-renames", "--",
                       *paths)
        prefix = self.git("rev-parse", "--show-prefix").strip() or "."  # the root, from the top (git's paths')
        return [(entry[:2], posixpath.relpath(entry[3:], prefix)) for entry in out.split("\0") if entry]

    def top(self) -> str:
        """The top folder of the work tree the root is in."""
        return self.git("rev-parse", "--show-toplevel").strip()

    def tags(self, namespace: str) -> list[tuple[str, str, str]]:
        """Tags ``namespace/…`` as (name, date, commit) triples, oldest first (ties by name).

        The date is the tagger's for annotated tags, the commit's for lightweight ones.  The commit is the one the
        tag names through any tags it points to (a tag of a tag: git peels one layer, ``resolve`` the rest).
        """
        out = self.git("for-each-ref", "--sort=refname", "--sort=creatordate",
                       "--format=%(refname:strip=2)%00%(creatordate:iso-strict)%00"
                       "%(if)%(*objectname)%(then)%(*objectname) %(*objecttype)"
                       "%(else)%(objectname) %(objecttype)%(end)",
                       f"refs/tags/{namespace}")
        found = []
        for name, date, peeled in (line.split("\0") for line in out.splitlines()):
            commit, kind = peeled.split(" ")
            found.append((name, date, commit if kind == "commit" else self.resolve(f"refs/tags/{name}")))
        return found

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """Whether ``commit`` is ``ancestor`` or descends from it."""
        return subprocess.run(["git", "merge-base", "--is-ancestor", "--end-of-options", ancestor, commit],
                              cwd=self.root, capture_output=True).returncode == 0


def blob(rev: str, path: str, top: bool) -> str:
    """``rev:path`` for git: ``path`` relative to the project root, or with ``top`` to the top of the tree, as on a
    branch that holds no project, such as the site's (whose files are there wherever the project lies)."""
    return f"{rev}:{path}" if top else f"{rev}:./{path}"
