"""``plansite retract VERSION``: take a published edition off the site (a mistyped version, the wrong content).

The steps, in order (the branch checked and started from as ``plansite publish`` does it, ``--push`` fetching
the remote's first: ``publish.site_to_change``):

1. VERSION must be an edition on the branch (not an alias), and not its only one (the site would be left empty:
   delete the branch instead, as the error says);
2. mike deletes its folder and its entry in ``versions.json``; the aliases it had (``latest``) move to the
   newest of the others (``editionorder``, as ``plansite publish`` moves them), as copies (``mike alias
   --alias-type copy``), so the site's root still opens one;
3. the branch is squashed to one commit, as after a publish; a failure or an interruption in steps 2 and 3 puts
   it back;
4. with ``--push`` the branch is force-pushed (with a lease on what was fetched) and the remote's tag
   ``edition/VERSION`` deleted, in one atomic push;
5. the tag ``edition/VERSION`` is deleted here (after the push, so that a push refused can be run again): the
   version can then be published again from another commit, and 版本记录 no longer lists it.

Editions published after it that list it in their 版本记录 (``VERSION/editions/<it>/`` on the branch) keep it,
as built: they are named in a warning, with how to rebuild them.
"""

from __future__ import annotations

import sys

from .editionorder import Tagged
from .gitrepo import GitError, Repo
from .history import tag_dates
from .project import edition_tag
from .publish import (PublishError, check_branch, checkouts_following, mike, push_site, remote_tags, site_order,
                      site_to_change, site_versions, squash, undone_if_stopped)


def retract(root: str, version: str, branch: str, remote: str, push: bool) -> tuple[list[str], str]:
    """Take edition ``version`` off the site; (its aliases, the edition they moved to).  Raises PublishError or
    GitError.  Work trees that have the branch checked out follow it, as after a publish."""
    repo = Repo(root)
    with checkouts_following(repo, branch):
        return retract_edition(repo, root, version, branch, remote, push)


def retract_edition(repo: Repo, root: str, version: str, branch: str, remote: str,
                    push: bool) -> tuple[list[str], str]:
    check_branch(repo, branch)
    remote_commit = site_to_change(repo, branch, remote, push)
    entries = site_versions(repo, branch)
    tagged = tag_dates(repo)
    aliases, heir = heir_of(entries, version, branch, remote, tagged)
    tag = edition_tag(version)
    later = [name for name in (entry["version"] for entry in entries)
             if name != version and repo.exists(branch, f"{name}/editions/{version}/index.html", top=True)]
    with undone_if_stopped(repo, branch, repo.resolve(branch)):
        mike(root, "delete", "--branch", branch, "--remote", remote, "--ignore-remote-status",
             "--message", f"Retract edition {version}", version)
        if aliases:
            mike(root, "alias", "--alias-type", "copy", "--branch", branch, "--remote", remote,
                 "--ignore-remote-status", heir, *aliases)
        squash(repo, branch)
    if push:
        deleted = [f":refs/tags/{tag}"] if tag in remote_tags(repo, remote) else []
        push_site(repo, remote, branch, remote_commit, deleted,
                  f"edition {version} is retracted here (from {branch}; its tag {tag} is kept until it is retracted "
                  f"from {remote} too) but not from {remote}: run plansite retract {version} --push again")
    if version in tagged:  # (an edition another clone published may have no tag here)
        repo.git("tag", "--delete", tag)
    if later:
        print(f"warning: edition(s) {', '.join(later)}, published after {version}, still list it in their 版本记录, "
              f"as they were built: to rebuild one without it, check out its commit and publish it again "
              f"(git checkout edition/VERSION, then plansite publish VERSION; the alias moves to it only if it is "
              f"the newest)",
              file=sys.stderr)
    return aliases, heir


def heir_of(entries: list[dict], version: str, branch: str, remote: str,
            tagged: dict[str, Tagged]) -> tuple[list[str], str]:
    """The aliases of edition ``version`` and the edition they move to: the newest of the others (``tagged``: the
    dates of the edition tags here; ``publish.site_order``).  Refuses a version the branch has not (or has as an
    alias), or its only edition."""
    names = [entry["version"] for entry in entries]
    for entry in entries:
        if version in entry["aliases"]:
            raise PublishError(f"{version!r} is an alias on {branch}, of edition {entry['version']}: retract that "
                               f"edition, or publish another (or an older one again, with --move-alias) to move the "
                               f"alias")
    if version not in names:
        raise PublishError(f"{version!r} is not an edition on {branch}"
                           + (f" (its editions: {', '.join(names)})" if names else " (it has none)"))
    if names == [version]:
        tag = edition_tag(version)
        raise PublishError(f"edition {version} is the only one on {branch}, which would be left without a site: "
                           f"delete the branch instead (git branch --delete --force {branch}; git push {remote} "
                           f"--delete {branch}), and the tag (git tag --delete {tag}; git push {remote} --delete "
                           f"{tag})")
    return entries[names.index(version)]["aliases"], site_order(tagged, [name for name in names if name != version])[-1]


def cmd_retract(args) -> int:
    try:
        aliases, heir = retract(args.root, args.version, args.branch, args.remote, args.push)
    except (PublishError, GitError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"retracted edition {args.version} from {args.branch}"
          + (f", {', '.join(aliases)} now edition {heir}" if aliases else "")
          + (f", pushed to {args.remote}" if args.push else ""), file=sys.stderr)
    return 0


def register(commands) -> None:
    parser = commands.add_parser("retract", help="take a published edition off the gh-pages branch, and its tag")
    parser.add_argument("version", metavar="VERSION", help="the edition's name, e.g. 2025.1")
    parser.add_argument("--push", action="store_true",
                        help="force-push the branch and delete the edition's tag on the remote")
    parser.add_argument("--branch", default="gh-pages", help="branch holding the site (default: gh-pages)")
    parser.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    parser.set_defaults(run=cmd_retract)
