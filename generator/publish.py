"""``plansite publish VERSION``: put an edition of the site on the gh-pages branch with mike.

Each edition is a folder ``VERSION/`` on the branch; ``versions.json`` lists them for Material's version selector.
The alias (``latest`` unless told) moves to the edition when it is the newest of the site (the last in the order of
the editions, ``editionorder``: by number, or by the tags' dates; ``newer_on_site``; an older one published again,
to rebuild it, leaves the alias where it is unless ``--move-alias`` asks, to roll back) and is a full copy of it
(mike's ``copy`` alias type): unlike ``redirect`` aliases it also serves the non-HTML files under their stable
addresses (feeds, the search index, the sitemap), and unlike symlinks it works on every static host. The first
publish makes the site root redirect to the alias.

The steps, in order (VERSION and the alias are checked first: valid tag names, no '/', not equal, the
alias read by YAML as text):

1. plans/, content/, mkdocs.yml and what it names that the build reads (theme
   overrides, hooks, an inherited configuration) must be committed (in the
   repository, no file changed, untracked or ignored but read by the build): an edition is a
   commit, which is tagged ``edition/VERSION`` (an annotated tag; publishing
   the same version again from the same commit is allowed), so that
   ``plansite changes`` and the site's 本版更新 can compare editions later;
2. with ``--push`` the remote's branch is fetched first and becomes the
   starting point, so editions published from another clone are kept (an
   unpushed local publish is replaced), and the tags of its editions this
   clone lacks are fetched; without it, a clone with no local branch starts
   from the remote's as last fetched (``origin/gh-pages``);
3. docs/ is generated (``build.generate``), its history showing the editions
   of the site the edition joins (``editions_shown``), and mike builds and
   deploys it (``mike deploy --update-aliases --alias-type copy``, with the alias when it moves; ``mike
   set-default`` when the branch has no root page yet); mike builds into a temporary
   folder (mkdocs.yml's ``site_dir`` reads ``PLANSITE_SITE_DIR``), so site/,
   the local build, is left as it was;
4. the branch is squashed to a single commit holding every edition, so its
   history does not grow with each publish; when mike changed no file (the
   same edition published again from the same commit) its previous commit
   is kept instead; a failure or an interruption (Ctrl-C, SIGTERM) in steps 3 and 4 puts the branch back and
   deletes the tag made in step 1, so the publish can be run again, from this commit or another;
5. with ``--push`` the branch is force-pushed (with a lease on what was
   fetched in step 2) together with the edition tags of every version it
   lists that the remote lacks, in one atomic push; a tag the remote has on
   another commit is refused in step 2;
6. a work tree that has the branch checked out (a site served from a
   ``git worktree``) is brought to its new commit, even after a failure.

mike runs as a subprocess of this Python (``python -c``: mike 2.2 has no
``__main__`` module), in the project root, with this environment's ``bin``
first on PATH so that it finds the same ``mkdocs``, in a process group of its
own that an interrupted publish kills (``interrupt.run_stoppable``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from typing import Collection, Mapping

from .changes import plan_changes
from .changetext import move_place
from .diagnostics import and_joined
from .editionorder import Tagged, edition_order
from .gitrepo import IGNORED, GitError, Repo, UnknownRevision
from .history import tag_dates
from .interrupt import run_stoppable
from .newproject import PLACEHOLDER, placeholder_left
from .project import CONFIG, EDITION_TAGS, SOURCES, config_inputs, configured, edition_tag
from .yamlhints import read_as_text

NO_SITE_URL = ("warning: site_url is not set (mkdocs.yml, or PLANSITE_SITE_URL): the edition's sitemap.xml lists "
               "no page, so the version selector opens another edition's home page rather than the same page, "
               "and its feeds' ids name no host (they change once site_url is set)")
PLACEHOLDER_LEFT = (f"warning: {{}} still holds the placeholder `plansite init` wrote ({PLACEHOLDER}…): the edition's "
                    f"关于 page shows it to every reader; write the site's own")
VERSIONS = "PLANSITE_VERSIONS"  # read by mkdocs.yml's extra.version.provider
SITE_DIR = "PLANSITE_SITE_DIR"  # read by mkdocs.yml's site_dir
ALIAS = "PLANSITE_ALIAS"  # read by mkdocs.yml's mike plugin: the alias is every page's canonical address
SITE_DIR_UNREAD = (f"warning: mkdocs.yml's site_dir does not read {SITE_DIR}, so mike built the edition into the "
                   f"project's site folder, replacing the local build; write site_dir: !ENV [{SITE_DIR}, site]")
MIKE = "import sys; from mike.driver import main; sys.argv[0] = 'mike'; sys.exit(main())"
EVERY_EDITION = f"refs/tags/{edition_tag('*')}"  # a refspec of every edition's tag


class PublishError(Exception):
    """Publishing cannot go on; the message says why and what to do."""


def publish(root: str, version: str, alias: str, title: str | None, branch: str, remote: str,
            push: bool, move_alias: bool) -> tuple[bool, str | None]:
    """Publish the committed plans as edition ``version``; (False when the branch already held exactly this site,
    the newer edition of the site that kept the alias from moving to it, None when it moved: ``newer_on_site``).
    Raises PublishError or GitError.  Work trees that have the branch checked out (a site served from one) follow
    it, whether the publish succeeded or not."""
    repo = Repo(root)
    with checkouts_following(repo, branch):
        return publish_edition(repo, root, version, alias, title, branch, remote, push, move_alias)


def publish_edition(repo: Repo, root: str, version: str, alias: str, title: str | None, branch: str, remote: str,
                    push: bool, move_alias: bool) -> tuple[bool, str | None]:
    check_names(repo, version, alias)
    check_branch(repo, branch)
    refuse_uncommitted(repo, root)
    if not configured(os.path.join(root, CONFIG)).url:
        print(NO_SITE_URL, file=sys.stderr)
    if about := placeholder_left(root):
        print(PLACEHOLDER_LEFT.format(about), file=sys.stderr)
    remote_commit = site_to_change(repo, branch, remote, push)
    entries = site_versions(repo, branch)  # the site the edition joins, before mike adds it
    on_site = [entry["version"] for entry in entries]
    check_names_on_site(entries, branch, version, alias)
    tags = share_tags(repo, remote, on_site, version) if push else []
    warn_of_moved_addresses(root, on_site, version, tag_dates(repo))  # (before the edition's own tag is made)
    aliases = next((entry["aliases"] for entry in entries if entry["version"] == version), [])  # mike keeps them
    tag = edition_tag(version)
    before = repo.resolve(branch) if repo.has_branch(branch) else None
    created = tag_edition(repo, tag, version)
    with undone_if_stopped(repo, branch, before, tag if created else None):
        order = site_order(tag_dates(repo), [*on_site, version], version if created else None)  # its date known now
        newer = None if move_alias or alias in aliases else newer_on_site(order, version)
        changed = deploy(repo, root, version, alias, newer is None, title, branch, remote, before,
                         editions_shown(order, version))
    if push:
        push_site(repo, remote, branch, remote_commit, [f"refs/tags/{tag}:refs/tags/{tag}" for tag in tags],
                  f"edition {version} is published here (on {branch}, tagged {tag}) but not on {remote}: run "
                  f"plansite publish {version} --push again, from this commit")
    return changed, newer


def deploy(repo: Repo, root: str, version: str, alias: str, moved: bool, title: str | None, branch: str,
           remote: str, before: str | None, shown: tuple[str, ...]) -> bool:
    """Generate docs/ (its history showing the editions of the versions ``shown``, in that order) and have mike
    build and deploy the edition onto the branch (at commit ``before``, None when there is none), squashed, the
    ``alias`` ``moved`` to it or not (its pages name the alias's copy as their address all the same); True when the
    site changed (see ``squash_or_restore``)."""
    generate(root, shown)
    with tempfile.TemporaryDirectory(prefix="plansite-edition-") as folder:
        built = os.path.join(folder, "site")
        mike(root, "deploy", "--update-aliases", "--alias-type", "copy", *(["--title", title] if title else []),
             "--branch", branch, "--remote", remote, "--ignore-remote-status", "--allow-empty",
             "--message", f"Deploy edition {version}", version, *([alias] if moved else []), site_dir=built,
             alias=alias)
        if not os.path.isdir(built):
            print(SITE_DIR_UNREAD, file=sys.stderr)
    if not repo.exists(branch, "index.html", top=True):
        mike(root, "set-default", "--branch", branch, "--remote", remote, "--ignore-remote-status", alias)
    return squash_or_restore(repo, branch, before)


@contextlib.contextmanager
def undone_if_stopped(repo: Repo, branch: str, before: str | None, tag: str | None = None):
    """Within the block, mike's steps on the branch, whose commit was ``before`` (None when there was none); if
    they fail or are stopped half-way (Ctrl-C, SIGTERM), the branch is put back at that commit (deleted when there
    was none) and the ``tag`` made for the edition deleted, the block holding all that may fail once it is made: a
    publish so stopped left an edition mike had committed without its tag, squash or site root, or a tag naming an
    edition no site has, which refused publishing that version from another commit; a retract, an edition deleted
    but its aliases not moved."""
    try:
        yield
    except BaseException:
        if before:
            repo.git("update-ref", "-m", "plansite publish: undone", f"refs/heads/{branch}", before)
        elif repo.has_branch(branch):
            repo.git("update-ref", "-d", f"refs/heads/{branch}")
        if tag:
            repo.git("tag", "--delete", tag)
        raise


@contextlib.contextmanager
def checkouts_following(repo: Repo, branch: str):
    """Within the block, whatever it does to the branch, the work trees that have it checked out follow it at the
    end, even after a failure (``follow_branch``)."""
    served = checkouts(repo, branch)
    start = repo.resolve(branch) if served else None
    try:
        yield
    finally:
        for path in served:
            follow_branch(path, branch, start)


def checkouts(repo: Repo, branch: str) -> list[str]:
    """The work trees (``git worktree``) that have ``branch`` checked out."""
    if not repo.has_branch(branch):
        return []
    found, path = [], None
    for line in repo.git("worktree", "list", "--porcelain").splitlines():  # (-z only since git 2.36)
        if line.startswith("worktree "):
            path = line.removeprefix("worktree ")
        elif line == f"branch refs/heads/{branch}":
            found.append(path)
    return found


def follow_branch(path: str, branch: str, start: str) -> None:
    """Bring the files and index of the work tree at ``path``, which has ``branch`` checked out, from the commit
    ``start`` to the branch's: publishing moves the branch under it, which left its files as they were and its
    index undoing the publish.  Files changed there are not overwritten: that work tree is left, warned of."""
    try:
        Repo(path).git("read-tree", "-m", "-u", start, branch)
    except GitError as exc:
        print(f"warning: {path} has {branch} checked out, and changes of its own: its files were left as they were "
              f"(see git -C {path} status): {exc}", file=sys.stderr)


def check_names(repo: Repo, version: str, alias: str) -> None:
    """Refuse a version or alias that git or mike would not take, before anything is tagged or built: each is a
    folder on the site branch and an argument of mike, and the version is also the tag ``edition/VERSION``."""
    for what, name in (("version", version), ("alias", alias)):
        if "/" in name or name.startswith("-") or not repo.is_ref_name(f"refs/tags/{edition_tag(name)}"):
            raise PublishError(f"{what} {name!r} is not allowed: use a valid git tag name without '/' and not "
                               f"starting with '-' (no spaces, '..', ~^:?*[\\ or control characters, no '.' at "
                               f"the start or end), e.g. 2025.1")
    if version == alias:
        raise PublishError(f"version {version!r} is also the alias: give the edition its own name (e.g. 2025.1) "
                           f"or another --alias")
    if not read_as_text(alias):
        raise PublishError(f"alias {alias!r} is not allowed: mkdocs.yml's !ENV reads it ({ALIAS}, the mike plugin's "
                           f"canonical_version) as a number, date, true/false or null, which mike refuses after the "
                           f"build; start it with a letter, e.g. v{alias}")


def check_branch(repo: Repo, branch: str) -> None:
    """Refuse a site branch that git would not take as a name, before anything is tagged or built: mike's git
    fast-import refused it after the build, leaving a crash report in the git directory."""
    if branch.startswith("-") or branch == "HEAD" or not repo.is_ref_name(f"refs/heads/{branch}"):
        raise PublishError(f"branch {branch!r} is not allowed: use a valid git branch name, e.g. gh-pages")


def refuse_uncommitted(repo: Repo, root: str) -> None:
    """Refuse inputs the edition's commit would not hold: outside the repository, changed, untracked, or ignored
    by git but read by the build all the same (every file of plans/ and content/ is one, and mkdocs.yml with what
    it names that the build reads: ``project.config_inputs``)."""
    named = config_inputs(os.path.join(root, CONFIG))
    refuse_outside(repo, root, named)
    inputs = [*SOURCES, CONFIG, *(path for _key, path in named)]
    status = repo.status(*inputs)
    dirty = [path for code, path in status if code != IGNORED]
    if dirty:
        raise PublishError("commit these files first (an edition is a commit): " + ", ".join(dirty))
    ignored = [path for code, path in status if code == IGNORED and read_by_the_build(path)]
    if ignored:
        folders = folders_holding(root, inputs, ignored)
        raise PublishError("git ignores these files, which the site would publish though the edition's commit "
                           "lacks them: commit them (git add --force)"
                           + (f" or move them out of {folders}" if folders else "") + ": " + ", ".join(ignored))


def refuse_outside(repo: Repo, root: str, named: list[tuple[str, str]]) -> None:
    """Refuse what mkdocs.yml names (``named``: its keys and paths) outside the repository: the edition's commit
    cannot hold it, so it could change under the edition, published or rebuilt, and ``plansite changes`` never
    see it.  Refused, not warned of, as every other input no commit holds is: publish vouches only for committed
    files, and a warning is easily lost among mike's lines, after which the site has the edition."""
    top = os.path.realpath(repo.top())
    outside = [f"{key} {path}" for key, path in named
               if os.path.commonpath([top, os.path.realpath(os.path.join(root, path))]) != top]
    if outside:
        raise PublishError(f"{CONFIG} names what lies outside the repository: {', '.join(outside)}; publish can "
                           f"only vouch for committed files (an edition is a commit): move them into the repository "
                           f"and commit them")


def folders_holding(root: str, inputs: list[str], paths: list[str]) -> str:
    """The folders of ``inputs`` (paths as written, relative to the ``root``) that hold some of ``paths``
    (relative to it), as a message names them: "plans/ and overrides/"; "" when none does."""
    folders = [os.path.relpath(os.path.join(root, name), root).replace(os.sep, "/") for name in inputs]
    holding = [f"{folder}/" for folder in dict.fromkeys(folders)
               if any(path.startswith(f"{folder}/") for path in paths)]
    return and_joined(holding)


def read_by_the_build(path: str) -> bool:
    """Whether a build reads this file of plans/ or content/: every YAML file (a plan, even a hidden one) and every
    other file but hidden ones (.DS_Store: content/pages/ publishes none) and Python's caches."""
    hidden = any(part.startswith(".") or part == "__pycache__" for part in path.split("/"))
    return path.endswith((".yaml", ".yml")) or not hidden


def check_names_on_site(entries: list[dict], branch: str, version: str, alias: str) -> None:
    """Refuse a version the site's branch has as an alias, or an alias it has as a version, before anything is
    tagged or built: mike would make the alias a version (an edition never updated again, which the site's root
    opens and later publishes cannot move) or refuse the alias after the build."""
    for entry in entries:  # the branch's (``site_versions``)
        if version in entry["aliases"]:
            raise PublishError(f"version {version!r} is an alias on {branch} (of edition {entry['version']}): give "
                               f"the edition its own name (e.g. 2025.1)")
        if alias == entry["version"]:
            raise PublishError(f"alias {alias!r} is an edition on {branch}: move another alias (--alias, default "
                               f"latest)")


def warn_of_moved_addresses(root: str, on_site: Collection[str], version: str,
                            tagged: Mapping[str, Tagged]) -> None:
    """Warn of each item whose address (its anchor, item-<key>) the plans changed since the newest edition of the
    site the edition joins (its versions ``on_site``: the branch, as ``site_to_change`` left it): links to it that
    readers keep or shared would land at the top of its plan's page, or at the item that has its key now.  An item
    numbered anew gets a new key; an explicit ``id`` keeps it, wherever the item goes.  An edition tagged here but
    not on that site (published without ``--push``, and left out by one) is no edition readers have links from.
    ``tagged``: the versions tagged here, with their tags' dates (``history.tag_dates``)."""
    if version in tagged:
        return  # this edition published again from its commit, which nothing can change now
    published = [edition_tag(v) for v in site_order(tagged, [v for v in on_site if v in tagged])]
    if not published:
        return  # none before
    plans, _, _ = plan_changes(root, published[-1])  # the files on disk: committed, checked above
    for plan in plans:
        keys = {item.after.key for item in plan.items if item.after is not None}  # (the others kept theirs)
        for item in plan.items:
            if item.kind == "moved" and item.before.key != item.after.key:
                old = item.before.key
                taken = "; it is another item's key now: give that one an id of its own too" if old in keys else ""
                print(f"warning: {plan.path}: item {old} is now {item.after.key} ({move_place(item)}): links to "
                      f"plans/{plan.plan}/#item-{old} from {published[-1]} no longer reach it; to keep its address, "
                      f"give it id: {old}{taken}", file=sys.stderr)


def site_to_change(repo: Repo, branch: str, remote: str, push: bool) -> str | None:
    """Make the local branch the site to change (step 2 above), refusing one that holds the plans' history; with
    ``push`` return the remote's commit fetched (None when the remote has no such branch)."""
    if repo.has_branch(branch):
        refuse_source_history(repo, branch, f"refs/heads/{branch}")
    elif not push:
        start_from_fetched(repo, remote, branch)
    return fetch_branch(repo, remote, branch) if push else None


def fetch_branch(repo: Repo, remote: str, branch: str) -> str | None:
    """Make the local branch the remote's (when the remote has it); return the remote's commit."""
    head = remote_head(repo, remote, branch)
    if head is None:
        return None
    repo.git("fetch", "--no-tags", "--", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    refuse_source_history(repo, f"{remote}/{branch}", head)
    repo.git("update-ref", f"refs/heads/{branch}", head)
    return head


def remote_head(repo: Repo, remote: str, branch: str) -> str | None:
    """The commit of the remote's ``branch`` now, None when it has no such branch."""
    heads = repo.git("ls-remote", "--heads", "--", remote, f"refs/heads/{branch}").split()
    return heads[0] if heads else None


def start_from_fetched(repo: Repo, remote: str, branch: str) -> None:
    """Make the local branch, which does not exist, the remote's as last fetched (``REMOTE/BRANCH``, which a clone
    has), as mike does: a branch of its own would make a site of this edition alone, and without the editions
    the remote's site has.  Nothing is fetched: without ``--push`` publishing needs no network."""
    try:
        commit = repo.resolve(f"refs/remotes/{remote}/{branch}")
    except UnknownRevision:
        return
    refuse_source_history(repo, f"{remote}/{branch}", commit)
    repo.git("update-ref", f"refs/heads/{branch}", commit)


def share_tags(repo: Repo, remote: str, on_site: Collection[str], version: str) -> list[str]:
    """The edition tags of the versions the (fetched) branch lists (``on_site``) and of ``version``, both ways:
    those the remote has and this clone lacks are fetched (an edition's 版本记录 finds the site's editions by their
    tags, and reads their plans there), and those this clone has (or is about to make, on HEAD) and the remote lacks
    are returned, to push with the site, so that every clone can compare the editions the site shows.  Tags are not
    forced: one the remote has on another commit is refused here, before anything is tagged or built."""
    ours = {name: commit for name, _date, commit in repo.tags(EDITION_TAGS)}
    ours.setdefault(edition_tag(version), repo.resolve("HEAD"))
    theirs = remote_tags(repo, remote)
    listed = {edition_tag(v) for v in [*on_site, version]}
    clashes = sorted(tag for tag in listed & ours.keys() & theirs.keys() if ours[tag] != theirs[tag])
    if clashes:
        found = ", ".join(f"{tag} on commit {theirs[tag][:12]} (here {ours[tag][:12]})" for tag in clashes)
        raise PublishError(f"{remote} has {found}: an edition was published from two commits; publish a new "
                           f"version, or take {remote}'s tags (git fetch --force {remote} "
                           f"'{EVERY_EDITION}:{EVERY_EDITION}') and publish again")
    missing = sorted(listed & theirs.keys() - ours.keys())
    if missing:
        repo.git("fetch", "--no-tags", "--", remote, *(f"refs/tags/{tag}:refs/tags/{tag}" for tag in missing))
    return sorted(listed & ours.keys() - theirs.keys())


def remote_tags(repo: Repo, remote: str) -> dict[str, str]:
    """The remote's edition tags: {name: commit} (an annotated tag's commit follows it, listed as NAME^{})."""
    tags = {}
    for line in repo.git("ls-remote", "--tags", "--", remote, EVERY_EDITION).splitlines():
        commit, ref = line.split("\t")
        tags[ref.removeprefix("refs/tags/").removesuffix("^{}")] = commit
    return tags


def push_site(repo: Repo, remote: str, branch: str, remote_commit: str | None, refs: list[str], kept: str) -> None:
    """Force-push the branch, with a lease on the commit fetched from the remote, and the ``refs`` (refspecs of
    tags): all or none.  Refused, the error says what is ``kept`` here and that running again pushes it."""
    try:
        repo.git("push", "--atomic", f"--force-with-lease=refs/heads/{branch}:{remote_commit or ''}", "--", remote,
                 f"refs/heads/{branch}:refs/heads/{branch}", *refs)
    except GitError as exc:
        if moved_since(repo, remote, branch, remote_commit):
            raise PublishError(f"nothing was pushed: {remote}'s {branch} changed since it was fetched (another "
                               f"clone published meanwhile); {kept}, which starts from the site {remote} has "
                               f"now") from None
        raise PublishError(f"nothing was pushed: {exc}\n{kept}, once {remote} takes the push") from None


def moved_since(repo: Repo, remote: str, branch: str, fetched: str | None) -> bool:
    """Whether the remote's ``branch`` is no longer the commit ``fetched`` (False when it cannot be read)."""
    try:
        return remote_head(repo, remote, branch) != fetched
    except GitError:
        return False


def refuse_source_history(repo: Repo, name: str, commit: str) -> None:
    """Refuse a site branch (``name``, at ``commit``) that shares history with HEAD, such as the branch checked
    out or the one the plans are on: mike would commit the site onto it and ``squash`` replace its history
    with that one commit.  A branch mike made has no commit in common with the sources."""
    if repo.merge_base("HEAD", commit) is not None:
        raise PublishError(f"{name} holds the history of the plans (it shares commits with HEAD), so publishing "
                           f"onto it would replace that history with the site; name the site's own branch "
                           f"(--branch, default gh-pages)")


def site_order(tagged: Mapping[str, Tagged], versions: Collection[str], tagged_now: str | None = None) -> list[str]:
    """The ``versions`` (of the site, and the edition joining it) oldest first (``editionorder``), each placed by
    when its tag was made (``tagged``: ``history.tag_dates``, of those tagged here); ``tagged_now``, the edition
    this publish tagged, after those with no tag here (on the site before it; without one, these go by their numbers
    alone)."""
    return edition_order({version: tagged.get(version) for version in versions}, tagged_now)


def editions_shown(order: list[str], version: str) -> tuple[str, ...]:
    """The versions whose editions the edition's history (版本记录) shows, in that order: those of the site it
    joins, and its own, no later than it (``order``: ``site_order``, which the history follows: an older edition
    published again shows none after it, as when it was first published).  An edition published here without
    ``--push`` and then left out by one is not on the site, though its tag remains; one of the site not tagged here
    has no plans to show (``history.editions``)."""
    return tuple(order[:order.index(version) + 1])


def newer_on_site(order: list[str], version: str) -> str | None:
    """The newest edition of the site (``order``: ``site_order``) when it is not ``version``, None when it is.  Then
    the alias stays where it is, unless ``--move-alias`` asks: an older edition published again is rebuilt (after a
    retract, from another commit, say: its new tag is the last, but its number keeps it before the higher ones),
    and moving the alias, which the site's root opens, to it showed readers an older edition as the current one."""
    return order[-1] if order[-1] != version else None


def tag_edition(repo: Repo, tag: str, version: str) -> bool:
    """Tag HEAD as the edition; False when it already is.  Refuses a tag on another commit."""
    head = repo.resolve("HEAD")
    try:
        tagged = repo.resolve(f"refs/tags/{tag}")
    except GitError:
        repo.git("tag", "--annotate", "--message", f"Plansite edition {version}", "--", tag, head)
        return True
    if tagged != head:
        raise PublishError(f"edition {version} was published from commit {tagged[:12]}, not HEAD; publish a new "
                           f"version, or retract that edition first (plansite retract {version} [--push], which "
                           f"deletes the tag; git tag --delete {tag} when no site has it)")
    return False


def generate(root: str, shown: tuple[str, ...]) -> None:
    from .build import generate as generate_docs

    if generate_docs(root, shown=shown) is None:
        raise PublishError("docs/ could not be generated (see the problems above)")


def mike(root: str, *args: str, site_dir: str | None = None, alias: str | None = None) -> None:
    """Run mike in the project ``root``; a build it makes goes into ``site_dir`` (see ``SITE_DIR``), its pages'
    canonical addresses under ``alias`` (see ``ALIAS``)."""
    bin_dir = os.path.dirname(sys.executable)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
           VERSIONS: "mike"}  # mkdocs.yml turns Material's version selector on for mike's builds only
    if site_dir:
        env[SITE_DIR] = site_dir
    if alias:
        env[ALIAS] = alias
    status = run_stoppable([sys.executable, "-c", MIKE, *args], cwd=root, env=env)  # stopped with publish
    if status:
        raise PublishError(f"`mike {args[0]}` failed (exit status {status})")


def site_versions(repo: Repo, branch: str) -> list[dict]:
    """The entries of the branch's ``versions.json`` (none when there is no such branch or file)."""
    if not repo.exists(branch, "versions.json", top=True):
        return []
    return json.loads(repo.show(branch, "versions.json", top=True))


def squash_or_restore(repo: Repo, branch: str, before: str | None) -> bool:
    """Squash the branch to one commit, or put its commit ``before`` mike's back when mike changed no file (the
    same edition published again from the same commit: mike was told ``--allow-empty`` so as not to warn that
    nothing changed); True when the site changed."""
    if before and repo.git("rev-parse", f"{before}^{{tree}}") == repo.git("rev-parse", f"{branch}^{{tree}}"):
        repo.git("update-ref", "-m", "plansite publish: unchanged", f"refs/heads/{branch}", before)
        return False
    squash(repo, branch)
    return True


def squash(repo: Repo, branch: str) -> str:
    """Replace the branch by one commit with the same files; return that commit."""
    old = repo.resolve(branch)
    versions = site_versions(repo, branch)
    summary = ", ".join(v["version"] + "".join(f" [{a}]" for a in v["aliases"]) for v in versions)
    message = f"Plansite site: {summary}\n\nOne commit holds every published edition (squashed after each publish).\n"
    new = repo.git("commit-tree", f"{old}^{{tree}}", "-m", message).strip()
    repo.git("update-ref", "-m", "plansite publish: squash", f"refs/heads/{branch}", new, old)
    return new


def cmd_publish(args) -> int:
    try:
        changed, newer = publish(args.root, args.version, args.alias, args.title, args.branch, args.remote,
                                 args.push, args.move_alias)
    except (PublishError, GitError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    alias = "" if newer else f" as {args.alias}"
    print((f"published edition {args.version}{alias} on {args.branch}" if changed else
           f"edition {args.version} was already published from this commit and is unchanged on {args.branch}")
          + (f", pushed to {args.remote}" if args.push else "")
          + (f"; {args.alias} not moved to it: the site has edition {newer}, newer than it (--move-alias "
             f"moves it)" if newer else ""), file=sys.stderr)
    return 0


def register(commands) -> None:
    parser = commands.add_parser("publish", help="deploy an edition of the site to the gh-pages branch with mike")
    parser.add_argument("version", metavar="VERSION", help="the edition's name, e.g. 2025.1")
    parser.add_argument("--alias", default="latest",
                        help="alias moved to this edition when it is the site's newest (default: latest)")
    parser.add_argument("--move-alias", action="store_true",
                        help="move the alias to this edition though the site has newer ones (to roll back)")
    parser.add_argument("--title", help="title in the version selector (default: VERSION)")
    parser.add_argument("--push", action="store_true", help="force-push the branch and the editions' tags")
    parser.add_argument("--branch", default="gh-pages", help="branch holding the site (default: gh-pages)")
    parser.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    parser.set_defaults(run=cmd_publish)
