"""What git history says about the sources: page dates and published editions.

A source file's date is the committer date of the last commit that changed it
(what ``git log -1 --format=%cI -- path`` prints), found for every file of
plans/ and content/ in one ``git log`` pass.  A page's date is the newest date
among its sources: a theme page's sources are the plan files that contribute
items to it and content/themes.yaml (see ``timeline.dated_pages``).

An edition is a published version of the site: ``plansite publish VERSION``
tags the published commit ``edition/VERSION``.  :func:`editions` lists them,
oldest first (``editionorder``: by number, or by the tags' dates), each with
the changelog from the edition before it.

Nothing is guessed where git cannot know: outside a git repository, or in a
shallow clone (whose oldest commit seems to change every file and lacks the
older editions), the results are empty and carry a status and a message saying
why, for the build to print.  In a repository with no commit yet (a new
project's), or on a branch with none yet, there is nothing to date: no page
date, and a message saying so (``NO_COMMIT``), the status "ok" all the same
(no edition is missed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable, Mapping, Sequence

from .changes import Changelog, compare, read_plans
from .editionorder import Tagged, edition_order, tagged
from .gitrepo import GitError, NotARepository, Repo
from .load import PlanFile, display_path
from .project import EDITION_TAGS, SOURCES, edition_tag, edition_version

NO_COMMIT = ("page dates (最后更新) omitted: {}; pages are dated by the commits of their files "
             "(`git add -A && git commit`)")


@dataclass(frozen=True)
class SourceDates:
    """Last-change dates of source files, keyed like ``load`` names files (``display_path``)."""

    dates: dict[str, datetime] = field(default_factory=dict)
    status: str = "ok"   # ok | shallow | not-git | git-error
    message: str = ""    # why there are no dates, for the terminal (status ok: ``NO_COMMIT``, or empty)


@dataclass(frozen=True)
class Edition:
    version: str
    date: datetime       # when it was published (the tag's date)
    changes: Changelog   # since the edition before; the first edition lists its plans as added


@dataclass(frozen=True)
class EditionHistory:
    editions: tuple[Edition, ...] = ()  # oldest first (``editionorder``)
    status: str = "ok"   # as in SourceDates
    message: str = ""


def from_history(root: str, what: str, read):
    """``read(repo)`` and status "ok", or ``None`` with the status and message saying why not."""
    repo = Repo(root)
    try:
        if repo.is_shallow():
            return None, "shallow", (f"{what} omitted: this is a shallow clone, which lacks the history "
                                     "(run `git fetch --unshallow --tags`, or clone with full history)")
        return read(repo), "ok", ""
    except NotARepository as exc:
        return None, "not-git", f"{what} omitted: {exc}"
    except GitError as exc:
        return None, "git-error", f"{what} omitted: {exc}"


def source_dates(root: str) -> SourceDates:
    """Dates of every file of plans/ and content/ that git has a commit for.

    Files never committed have no date.  Never raises for a git problem: the
    status says what happened.
    """
    def read(repo):
        try:
            log = repo.git("log", "-z", "--relative", "--name-only", "--format=%x01%cI", "--", *SOURCES)
        except NotARepository:
            raise
        except GitError:
            why = repo.commitless()
            if why is None:
                raise
            return why  # a new project's repository (or branch): nothing committed, nothing dated yet
        return {display_path(root, path): date for path, date in last_changes(log).items()}

    dates, status, message = from_history(root, "page dates", read)
    if isinstance(dates, str):
        return SourceDates({}, status, NO_COMMIT.format(dates))
    return SourceDates(dates or {}, status, message)


def last_changes(log: str) -> dict[str, datetime]:
    """{path: date} from ``git log -z --name-only --format=%x01%cI`` (newest commit first)."""
    found: dict[str, datetime] = {}
    date = None
    for token in log.split("\0"):
        if token.startswith("\x01"):
            date = datetime.fromisoformat(token[1:])
        elif token:
            found.setdefault(token.removeprefix("\n"), date)
    return found


def page_dates(dates: Mapping[str, datetime], page_sources: Mapping[str, Iterable[str]]) -> dict[str, datetime]:
    """{page: newest date among its sources}; pages none of whose sources has a date are left out."""
    result = {}
    for page, sources in page_sources.items():
        known = [dates[s] for s in sources if s in dates]
        if known:
            result[page] = max(known)
    return result


def tag_dates(repo: Repo) -> dict[str, Tagged]:
    """{version: when its edition tag was made (``editionorder.tagged``)} of the edition tags here."""
    return tagged(((edition_version(tag), datetime.fromisoformat(date), commit)
                   for tag, date, commit in repo.tags(EDITION_TAGS)),
                  lambda commit, other: repo.is_ancestor(other, commit))


def edition_followed(repo: Repo, tags: list[str]) -> str | None:
    """Of these edition tags (oldest first), the newest that the commit checked out is or descends from: the
    edition the plans on disk follow (a later one is no part of their past when an older edition is checked out
    to be published again); None when it follows none."""
    merged = set(repo.git("for-each-ref", "--merged", "HEAD", "--format=%(refname:strip=2)",
                          f"refs/tags/{EDITION_TAGS}").splitlines())
    return next((tag for tag in reversed(tags) if tag in merged), None)


# Told each edition as it is read, oldest first, with the plans before and after it (read once, here).
Visit = Callable[[Edition, dict[str, PlanFile], dict[str, PlanFile]], None]


def editions(root: str, visit: Visit | None = None, shown: Sequence[str] | None = None) -> EditionHistory:
    """Every published edition with its changelog (``plansite publish`` makes the tags), oldest first, or those of
    the versions ``shown`` in their order (``plansite publish``'s), each changelog then from the one shown before
    it; ``visit``, if given, is told each edition with the plans on both sides of it, for what else is wanted of
    them.

    Never raises for a git problem: the status says what happened.
    """
    def read(repo):
        found, previous, before = [], "", {}
        dates = tag_dates(repo)
        for version in read_in_order(dates, shown):
            tag = edition_tag(version)
            plans, warnings, _ = read_plans(root, tag)
            changes = Changelog(previous, tag, compare(before, plans), tuple(warnings))
            edition = Edition(version, dates[version].date, changes)
            if visit is not None:
                visit(edition, before, plans)
            found.append(edition)
            previous, before = tag, plans
        return tuple(found)

    return edition_history(root, read)


def read_in_order(dates: Mapping[str, Tagged], shown: Sequence[str] | None) -> list[str]:
    """The versions whose editions ``editions`` reads, in its order: every one tagged here (``dates``:
    ``tag_dates``), oldest first (``editionorder``), or those of the versions ``shown`` tagged here, in their order
    (``plansite publish``'s: the editions of the site the edition joins)."""
    return edition_order(dates) if shown is None else [version for version in shown if version in dates]


def edition_history(root: str, read: Callable[[Repo], tuple[Edition, ...]]) -> EditionHistory:
    """The editions ``read(repo)`` gives, or none and the status and message saying why (``from_history``)."""
    found, status, message = from_history(root, "edition history", read)
    return EditionHistory(found or (), status, message)


def tagged_editions(root: str) -> EditionHistory:
    """Every edition as its tag names it, its changelog empty: the editions whose pages the site makes, known
    without reading the plans at each tag (``plansite check``).  Never raises for a git problem."""
    def read(repo):
        return tuple(Edition(version, when.date, Changelog("", edition_tag(version), ()))
                     for version, when in tag_dates(repo).items())

    return edition_history(root, read)
