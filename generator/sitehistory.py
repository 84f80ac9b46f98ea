"""What the site shows from git, read once per build so that rendering stays pure.

``read_site_history`` (called by ``build``) gathers it into a ``SiteHistory``:

* the last-change date of every source file (``history.source_dates``);
* the published editions (``history.editions``), each with the changelog
  from the edition before it and what each change concerns: the themes and
  the units (owners and supporters, as the plans name them) of the items it
  touches, before and after, for the feeds of themes and departments;
* the unpublished changes: the last edition's plans compared with the plans
  on disk, as ``plansite changes edition/LAST`` would report them (of the
  edition checked out, when an older one is, to be published again);
* the site's name and the address it is published at (mkdocs.yml's ``site_name`` and ``site_url``).

Outside git or in a shallow clone there is nothing but a status and the
message saying why (from ``history``); ``NO_HISTORY`` is what a renderer
without git gets.

Reading the plans at every edition tag takes a while, so the editions are
cached in the git directory (``.git/plansite/editions/``), a file for each
set of edition tags read (names and objects: those of the versions shown, as
``plansite publish`` shows those of the site it publishes; read again when
shown in another order) and code
(``uptodate.code_digest``, as the cache of plan files is: every file of the
package, Python, the installed distributions; ``numbering`` makes item keys,
``load`` finds the plans).  The two used last are kept (``KEPT``): a local
build's, of every tag, and a publish's, of the site's editions up to its own,
so a build after a publish that showed fewer (an edition left off the site, an
older edition published again) reads none again.  A
generation with no new tag runs ``git log`` once (the source dates), lists the
tags, loads the cache and compares the last edition's plans, from the cache,
with the plans already loaded for the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
import pickle
import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from typing import Mapping, Sequence

from .atomicfile import replace_file
from .changes import WORKTREE, Changelog, PlanChange, compare, read_plans
from .gitrepo import GitError, Repo
from .history import Edition, edition_followed, editions, source_dates, tagged_editions
from .load import PlanFile, Site
from .project import EDITION_TAGS, SiteConfig, configured, edition_version
from .uptodate import code_digest

CACHE = "plansite/editions"  # in the git directory: a file for each set of edition tags read
KEPT = 2  # the sets of edition tags whose editions are kept: a build's (every tag) and a publish's


@dataclass(frozen=True)
class Concern:
    """What a change touches: theme ids, and units as (organisation id, name as written)."""

    themes: frozenset[str] = frozenset()
    units: frozenset[tuple[str, str]] = frozenset()

    def __or__(self, other: Concern) -> Concern:
        return Concern(self.themes | other.themes, self.units | other.units)


NOTHING = Concern()


@dataclass(frozen=True)
class EditionRecord:
    edition: Edition
    plans: tuple[Concern, ...]               # one per change of edition.changes.plans
    items: tuple[tuple[Concern, ...], ...]   # per plan change, one per item change


@dataclass(frozen=True)
class SiteHistory:
    source_dates: Mapping[str, datetime] = field(default_factory=dict)  # keyed by display path
    editions: tuple[EditionRecord, ...] = ()  # oldest first
    unreleased: Changelog | None = None       # last edition → files on disk; None without editions
    status: str = "none"   # ok, or why there is no history: none (not read) | shallow | not-git | git-error
    message: str = ""      # why, for the terminal
    config: SiteConfig = SiteConfig()  # its name and where it is published (mkdocs.yml)


NO_HISTORY = SiteHistory()


def read_site_history(root: str, site: Site, config_file: str, shown: Sequence[str] | None = None) -> SiteHistory:
    """Everything git says that the site shows, of the editions every tag names or those of the versions
    ``shown`` (``history.editions``); never raises for a git problem (see ``status``)."""
    config = configured(config_file)
    dates = source_dates(root)
    if dates.status != "ok":
        return SiteHistory(status=dates.status, message=dates.message, config=config)
    try:
        records, last = cached_editions(root, shown)
        unreleased = unpublished_since(root, records, last, site) if records else None
    except GitError as exc:
        return SiteHistory(dates.dates, status="git-error", message=f"edition history omitted: {exc}",
                           config=config)
    except Unavailable as exc:
        return SiteHistory(dates.dates, status=exc.status, message=exc.message, config=config)
    return SiteHistory(dates.dates, records, unreleased, "ok", dates.message, config)  # NO_COMMIT, or ""


def tagged_history(root: str) -> SiteHistory:
    """The editions as their tags name them, without what they changed (``history.tagged_editions``), and no
    page dates: all that gives pages their addresses, in one git command (``plansite check``)."""
    found = tagged_editions(root)
    return SiteHistory(editions=tuple(EditionRecord(edition, (), ()) for edition in found.editions),
                       status=found.status, message=found.message)


# --- editions, cached ------------------------------------------------------------

class Unavailable(Exception):
    """The edition history could not be read: ``history.editions`` says why."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def cached_editions(root: str, shown: Sequence[str] | None) -> tuple[tuple[EditionRecord, ...],
                                                                      dict[str, PlanFile]]:
    """The edition records (of the versions ``shown``, or all) and the plans of the last edition; from the cache
    when the edition tags they are read from are those of one of the last ``KEPT`` reads (so a build after a
    publish, which reads those of the site's editions, finds its own), read in the same order (``in_order``).
    Raises ``Unavailable`` or ``GitError`` when they cannot be read."""
    repo = Repo(root)
    tags = repo.git("for-each-ref", "--format=%(refname)%00%(objectname)", f"refs/tags/{EDITION_TAGS}")
    read = [line for line in tags.splitlines()
            if shown is None or edition_version(line.split("\0")[0].removeprefix("refs/tags/")) in shown]
    key = (code_digest(), read)
    folder = os.path.join(root, repo.git("rev-parse", "--git-path", CACHE).strip())
    path = os.path.join(folder, hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32] + ".pickle")
    cached = load_cache(path)
    if cached is not None and cached[0] == key and in_order(cached[1][0], shown):
        mark_used(folder, path)
        return cached[1]
    records = edition_records(root, shown)
    save_cache(path, (key, records))
    keep_used_last(mark_used(folder, path), KEPT)
    with contextlib.suppress(OSError):
        os.remove(folder + ".pickle")  # the one file the editions were cached in before, unread now
    return records


def in_order(records: tuple[EditionRecord, ...], shown: Sequence[str] | None) -> bool:
    """Whether the ``records`` cached for the edition tags read are in the order they are read in for the versions
    ``shown`` (``history.read_in_order``): a publish's order, which the cache's key does not hold, may differ from
    another's of the same tags.  Every tag's (``shown`` None) is theirs (``editionorder``: by the tags' dates and
    commits, which the key names)."""
    versions = [record.edition.version for record in records]
    return shown is None or versions == [version for version in shown if version in versions]


def load_cache(path: str):
    try:
        with open(path, "rb") as file:
            return pickle.load(file)  # written by save_cache in this repository's git directory
    except Exception:  # missing, unreadable or from other code: computed again
        return None


def cache_files(folder: str) -> dict[str, int]:
    """The cache's files in ``folder``, each with its time of change (ns)."""
    return {entry.path: entry.stat().st_mtime_ns for entry in os.scandir(folder) if entry.name.endswith(".pickle")}


def mark_used(folder: str, path: str) -> dict[str, int]:
    """Give the file ``path`` of the ``folder`` a time of change after every other's, its use the last: not the
    clock's alone, whose steps (some ms) two uses in a row can share.  Returns the cache's files (``cache_files``)
    with that time, for ``keep_used_last``; none when the folder cannot be listed."""
    try:
        files = cache_files(folder)
    except OSError:
        return {}
    now = max([time.time_ns(), *(mtime + 1 for other, mtime in files.items() if other != path)])
    with contextlib.suppress(OSError):
        os.utime(path, ns=(now, now))
        files[path] = now
    return files


def keep_used_last(files: dict[str, int], count: int) -> None:
    """Remove the cache's ``files`` (each with its time of change: ``mark_used``'s) but the ``count`` used last."""
    with contextlib.suppress(OSError):
        for path in sorted(files, key=files.__getitem__)[:-count]:
            os.remove(path)


def save_cache(path: str, value) -> None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        replace_file(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only repository: the next build computes the editions again


def edition_records(root: str, shown: Sequence[str] | None) -> tuple[tuple[EditionRecord, ...],
                                                                      dict[str, PlanFile]]:
    """Each edition (of the versions ``shown``, or all) with what its changes concern, and the last edition's
    plans (without documents), the plans at each edition tag read once.  Raises ``Unavailable`` when the
    editions cannot be read."""
    records: list[EditionRecord] = []
    last: dict[str, PlanFile] = {}
    last_concerns: dict[str, dict[str, Concern]] = {}

    def record(edition: Edition, before: dict[str, PlanFile], after: dict[str, PlanFile]) -> None:
        nonlocal last, last_concerns
        # (an edition's plans before it are the last one's after it: what they concern is found once)
        old = last_concerns if before is last else item_concerns(before)
        new = item_concerns(after)
        records.append(EditionRecord(edition, *concerns(edition.changes.plans, old, new)))
        last, last_concerns = after, new

    found = editions(root, record, shown)
    if found.status != "ok":
        raise Unavailable(found.status, found.message)
    return tuple(records), {pid: PlanFile(f.path, f.plan, None) for pid, f in last.items()}


def concerns(plan_changes: tuple[PlanChange, ...], old: dict[str, dict[str, Concern]],
             new: dict[str, dict[str, Concern]]):
    """What each plan change and each item change concerns, from what the items on both sides concern
    (``item_concerns``)."""
    plans, items = [], []
    for change in plan_changes:
        was, now = old.get(change.plan, {}), new.get(change.plan, {})
        plans.append(reduce(operator.or_, (*was.values(), *now.values()), NOTHING))
        items.append(tuple((was.get(i.before.key, NOTHING) if i.before else NOTHING)
                           | (now.get(i.after.key, NOTHING) if i.after else NOTHING) for i in change.items))
    return tuple(plans), tuple(items)


def item_concerns(plans: dict[str, PlanFile]) -> dict[str, dict[str, Concern]]:
    """{plan id: {item key: what the item concerns}}."""
    return {plan_id: {placed.key: Concern(frozenset(placed.item.themes),
                                          frozenset((f.plan.organisation, name)
                                                    for name in placed.item.owners + placed.item.support))
                      for placed in f.placed}
            for plan_id, f in plans.items()}


# --- unpublished changes -----------------------------------------------------------

def unpublished_since(root: str, records: tuple[EditionRecord, ...], last: dict[str, PlanFile],
                      site: Site) -> Changelog:
    """The unpublished changes since the edition the commit checked out follows (``history.edition_followed``):
    an older edition checked out to be published again has none, where the newest edition's plans (``last``)
    would show later editions undone; the newest when HEAD follows none."""
    newest = records[-1].edition
    followed = edition_followed(Repo(root), [record.edition.changes.after for record in records])
    if followed in (None, newest.changes.after):
        return unpublished_changes(root, newest, last, site)
    edition = next(record.edition for record in records if record.edition.changes.after == followed)
    return unpublished_changes(root, edition, read_plans(root, followed)[0], site)


def unpublished_changes(root: str, last: Edition, published: dict[str, PlanFile], site: Site) -> Changelog:
    """The changes from the last edition to the plans on disk (already loaded and valid, in ``site``).

    The same changelog of the plans as ``changes.compare_revisions(root, "edition/LAST")`` (the site tells no
    vocabulary's ids).
    """
    current = {f.plan.id: PlanFile(os.path.relpath(f.path, root).replace(os.sep, "/"), f.plan, f.document)
               for f in site.plans}
    return Changelog(last.changes.after, WORKTREE, compare(published, current))
