"""`plansite publish` end to end: the real generator, real mike and MkDocs, a local bare remote."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from generator.build import generate
from generator.cli import main
from generator.history import editions
from gitrepos import commit, git, git_commands, init, use_identity
from sitefixtures import index_tokens, make_site_project

pytestmark = pytest.mark.site

PLAN = "plans/2024/taobei-edu-2024.yaml"
ONCE, TWICE = "每学期开展一次学生心理危机排查。", "每学期开展两次学生心理危机排查。"


DURING_DEPLOY = "PLANSITE_TEST_DURING_DEPLOY"
HOOK = f"""import os
import subprocess


def on_post_build(config):
    \"\"\"While mike deploys an edition (its files built), run the shell command in {DURING_DEPLOY}.\"\"\"
    if os.environ.get("{DURING_DEPLOY}"):
        subprocess.run(os.environ["{DURING_DEPLOY}"], shell=True, check=True)
"""
# Stop the nearest process running the generator (plansite, which runs mike, which runs MkDocs or git) as
# kill does, once, and wait till it is gone (or a zombie: the test has not collected it yet); then say that this
# process, which plansite started, outlived it.
STOP = """#!/bin/sh
[ -e "$0.done" ] && exit 0
touch "$0.done"
pid=$$
until tr '\\0' ' ' < /proc/$pid/cmdline | grep -q ' -m generator '; do
    pid=$(cut -d' ' -f4 /proc/$pid/stat) && [ "$pid" -gt 1 ] || exit 1
done
kill -TERM $pid
while [ -e /proc/$pid ] && [ "$(cut -d' ' -f3 /proc/$pid/stat)" != Z ]; do sleep 0.1; done
echo "survived plansite" >&2
"""


def with_deploy_hook(root):
    """Commit a MkDocs hook that runs, in each build mike makes, the shell command in DURING_DEPLOY if set."""
    (root / "hooks").mkdir()
    (root / "hooks" / "during_deploy.py").write_text(HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks/during_deploy.py\n", encoding="utf-8")
    commit(root, "a hook in the deploy")


def stopper(folder):
    """The STOP script, as a program in ``folder``."""
    stop = folder / "stop"
    stop.write_text(STOP, encoding="utf-8")
    stop.chmod(0o755)
    return stop


def stop_when_the_site_moves(root, stop):
    """Have git run the program ``stop`` once gh-pages has moved (mike's git fast-import commits, for one)."""
    hook = root / ".git" / "hooks" / "reference-transaction"
    hook.write_text(f'#!/bin/sh\n[ "$1" = committed ] && grep -q " refs/heads/gh-pages$" && exec "{stop}"\nexit 0\n',
                    encoding="utf-8")
    hook.chmod(0o755)


def publish(root, capture, *args):
    """Run ``plansite publish``; (exit status, stderr) as ``capture`` (capsys or capfd) saw it."""
    code = main(["--root", str(root), "publish", *args])
    return code, capture.readouterr().err


def retract(root, capture, *args):
    """Run ``plansite retract``; (exit status, stderr) as ``capture`` saw it."""
    code = main(["--root", str(root), "retract", *args])
    return code, capture.readouterr().err


def branch(root, ref="gh-pages"):
    """(versions.json, number of commits, versions with a file containing TWICE) of a gh-pages branch."""
    versions = json.loads(git(root, "show", f"{ref}:versions.json"))
    count = int(git(root, "rev-list", "--count", ref))
    grep = subprocess.run(["git", "grep", "-l", TWICE, ref, "--"], cwd=root, capture_output=True, text=True)
    return ([(v["version"], v["aliases"]) for v in versions], count,
            sorted({line.split(":", 1)[1].split("/")[0] for line in grep.stdout.splitlines()}))


def history_pages(root, version):
    """The versions whose 本版更新 page the edition ``version`` on gh-pages has (editions/VERSION/)."""
    listing = git(root, "ls-tree", "--name-only", f"gh-pages:{version}/editions/").split()
    return [name for name in listing if name != "index.html"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A committed site project whose origin is a bare repository."""
    use_identity(monkeypatch)
    root = init(make_site_project(tmp_path / "project"))
    commit(root, "plans")
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(tmp_path / "remote.git")],
                   check=True)
    git(root, "remote", "add", "origin", str(tmp_path / "remote.git"))
    git(root, "push", "--quiet", "origin", "main")
    return root


def test_publishing_editions(project, tmp_path, capfd, monkeypatch):
    """capfd: what mike and git print, in their own processes, is part of the output checked."""
    root = project
    monkeypatch.delenv("PLANSITE_SITE_URL", raising=False)
    code, err = publish(root, capfd, "2024.1")
    assert code == 0, err
    assert "warning: site_url is not set" in err  # published anyway: a local edition to look at
    assert not (root / "site").exists() and "mike built the edition into" not in err  # mike built elsewhere
    assert branch(root) == ([("2024.1", ["latest"])], 1, [])
    assert 'href="latest/"' in git(root, "show", "gh-pages:index.html")  # the root opens the alias
    assert '"provider": "mike"' in git(root, "show", "gh-pages:2024.1/index.html")  # the version selector
    # mike's own MkDocs process ran the plansite plugin: vocabulary words whole, the index in UTF-8
    index = git(root, "show", "gh-pages:2024.1/search/search_index.json")
    assert "基教科" in index_tokens(index) and "基教科" in index  # UTF-8, not \\uXXXX escapes
    site = git(root, "rev-parse", "gh-pages")
    code, err = publish(root, capfd, "2024.1")  # again from the same commit: allowed, and nothing changes
    assert code == 0 and err.endswith("edition 2024.1 was already published from this commit and is unchanged "
                                      "on gh-pages\n"), err
    assert "nothing changed in commit" not in err and "--allow-empty" not in err  # mike's warning
    assert git(root, "rev-parse", "gh-pages") == site

    (root / PLAN).write_text((root / PLAN).read_text(encoding="utf-8").replace(ONCE, TWICE), encoding="utf-8")
    code, err = publish(root, capfd, "2024.2", "--push")
    assert code == 1 and f"commit these files first (an edition is a commit): {PLAN}" in err
    commit(root, "twice a term")
    git(root, "push", "--quiet", "origin", "main")
    monkeypatch.setenv("PLANSITE_SITE_URL", "https://example.org/plans/")
    code, err = publish(root, capfd, "2024.2", "--push", "--title", "2024年第二版")
    assert code == 0, err
    # the edition's pages and sitemap give the alias's copy as their address: it is the one kept up to date
    assert "site_url" not in err and "<loc>https://example.org/plans/latest/plans/" in git(
        root, "show", "gh-pages:2024.2/sitemap.xml")
    assert '<link rel="canonical" href="https://example.org/plans/latest/plans/">' in git(
        root, "show", "gh-pages:2024.2/plans/index.html")
    assert branch(root) == ([("2024.2", ["latest"]), ("2024.1", [])], 1, ["2024.2", "latest"])
    remote = tmp_path / "remote.git"
    assert git(remote, "rev-parse", "gh-pages") == git(root, "rev-parse", "gh-pages")
    assert json.loads(git(remote, "show", "gh-pages:versions.json"))[0]["title"] == "2024年第二版"
    assert git(remote, "tag", "--list").split() == ["edition/2024.1", "edition/2024.2"]  # 2024.1's unpushed tag too

    code, err = publish(root, capfd, "2024.1")
    assert code == 1 and "edition 2024.1 was published from commit" in err and (
        "or retract that edition first (plansite retract 2024.1 [--push], which deletes the tag; git tag --delete "
        "edition/2024.1 when no site has it)") in err, err

    # another clone publishes on top of what the remote has, and the history stays one commit
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True)
    code, err = publish(other, capfd, "2024.3", "--push")
    assert code == 0, err
    assert branch(remote) == ([("2024.3", ["latest"]), ("2024.2", []), ("2024.1", [])], 1,
                              ["2024.2", "2024.3", "latest"])

    history = editions(str(root))
    assert [e.version for e in history.editions] == ["2024.1", "2024.2"]
    [change] = history.editions[1].changes.plans
    [item] = change.items
    assert (change.plan, item.after.key, [f.field for f in item.fields]) == ("taobei-edu-2024", "1-2-2", ["text"])


def test_an_item_numbered_anew_since_the_last_edition_is_warned_of_with_the_id_that_keeps_its_address(project,
                                                                                                        capsys):
    root = project
    assert publish(root, capsys, "2024.1")[0] == 0
    plan = root / PLAN
    text = plan.read_text(encoding="utf-8").replace("number: 二是", "number: 三是\n            id: 1-2-2")
    plan.write_text(text, encoding="utf-8")
    commit(root, "renumbered, its address kept")
    code, err = publish(root, capsys, "2024.2")
    assert code == 0 and "no longer reach" not in err, err
    inserted = "          - number: 一是\n            title: 新增事项\n            text: 一是新增事项。\n"
    plan.write_text(text.replace("          - number: 一是", inserted + "          - number: 四是"), encoding="utf-8")
    commit(root, "an item inserted, the one before it renumbered")
    code, err = publish(root, capsys, "2024.3")
    assert code == 0, err
    assert (f"warning: {PLAN}: item 1-2-1 is now 1-2-4 (同节重新编号): links to plans/taobei-edu-2024/#item-1-2-1 "
            "from edition/2024.2 no longer reach it; to keep its address, give it id: 1-2-1; it is another item's "
            "key now: give that one an id of its own too\n") in err
    # published again from its commit, which nothing can change now (--force: the fixture commits docs/ too)
    git(root, "checkout", "--quiet", "--force", "--detach", "edition/2024.2")
    code, err = publish(root, capsys, "2024.2")
    assert code == 0 and "no longer reach" not in err, err
    # its history (版本记录) is as when it was first published: 2024.3 came later
    assert history_pages(root, "2024.2") == ["2024.1", "2024.2"] and history_pages(root, "2024.3") == [
        "2024.1", "2024.2", "2024.3"]
    # an older edition rebuilt leaves latest, which the site's root opens, on the newest, unless asked
    assert err.endswith("edition 2024.2 was already published from this commit and is unchanged on gh-pages; "
                        "latest not moved to it: the site has edition 2024.3, newer than it (--move-alias moves "
                        "it)\n"), err
    assert branch(root)[0] == [("2024.3", ["latest"]), ("2024.2", []), ("2024.1", [])]
    # README's rollback: latest is the older edition again; 2024.3 stays listed
    code, err = publish(root, capsys, "2024.2", "--move-alias")
    assert code == 0 and err.endswith("published edition 2024.2 as latest on gh-pages\n"), err
    assert branch(root)[0] == [("2024.3", []), ("2024.2", ["latest"]), ("2024.1", [])]
    assert git(root, "show", "gh-pages:latest/index.html") == git(root, "show", "gh-pages:2024.2/index.html")
    code, err = publish(root, capsys, "2024.2")  # again: latest is on it already, and stays (mike keeps it)
    assert code == 0 and err.endswith("edition 2024.2 was already published from this commit and is unchanged on "
                                      "gh-pages\n"), err
    assert branch(root)[0] == [("2024.3", []), ("2024.2", ["latest"]), ("2024.1", [])]
    git(root, "checkout", "--quiet", "--force", "edition/2024.3")  # the newest published again takes it back
    code, err = publish(root, capsys, "2024.3")
    assert code == 0 and err.endswith("published edition 2024.3 as latest on gh-pages\n"), err
    assert branch(root)[0] == [("2024.3", ["latest"]), ("2024.2", []), ("2024.1", [])]


def test_items_numbered_anew_are_warned_of_since_the_newest_edition_on_the_site_published_to(project, capsys):
    """An edition published here without --push, which the next --push leaves off the site, is no edition readers
    have links from: an item numbered anew since the site's newest edition was not warned of, as it kept the
    number that unpushed edition gave it."""
    root = project
    assert publish(root, capsys, "2024.1", "--push")[0] == 0
    plan = root / PLAN
    inserted = "          - number: 一是\n            title: 新增事项\n            text: 一是新增事项。\n"
    plan.write_text(plan.read_text(encoding="utf-8").replace("          - number: 一是", inserted
                                                             + "          - number: 三是"), encoding="utf-8")
    commit(root, "an item inserted, the one it came before renumbered")
    moved = ("item 1-2-1 is now 1-2-3 (同节重新编号): links to plans/taobei-edu-2024/#item-1-2-1 from edition/2024.1 "
             "no longer reach it")
    code, err = publish(root, capsys, "2024.2")  # not pushed: the remote's site keeps 2024.1 alone
    assert code == 0 and moved in err, err
    commit(root, "the next edition")
    code, err = publish(root, capsys, "2024.3", "--push")
    assert code == 0 and moved in err, err
    assert sorted(branch(root)[0]) == [("2024.1", []), ("2024.3", ["latest"])]


def test_a_build_after_a_publish_reads_the_plans_of_no_edition_again(project, capsys, monkeypatch):
    """publish reads the plans at each tag of the site it publishes, here every edition tag, as a build does: the
    next build finds them cached instead of reading them all again."""
    root = project
    assert publish(root, capsys, "2024.1")[0] == 0
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.2")[0] == 0
    commands = git_commands(monkeypatch)
    assert generate(str(root), force=True) is not None
    assert not {"ls-tree", "cat-file"} & set(commands), commands


def test_a_build_after_publishing_an_older_edition_again_reads_the_plans_of_no_edition_again(project, capsys,
                                                                                              monkeypatch):
    """An older edition published again shows the editions up to it, not every tag's as a build does: what it read
    replaced the build's cached editions, so the next build read the plans at every tag again."""
    root = project
    assert publish(root, capsys, "2024.1")[0] == 0
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.2")[0] == 0
    git(root, "checkout", "--quiet", "--force", "--detach", "edition/2024.1")  # (the fixture commits docs/ too)
    assert publish(root, capsys, "2024.1")[0] == 0
    git(root, "checkout", "--quiet", "--force", "main")
    commands = git_commands(monkeypatch)
    assert generate(str(root), force=True) is not None
    assert not {"ls-tree", "cat-file"} & set(commands), commands


def test_a_configuration_whose_site_dir_mike_cannot_be_told_is_published_with_a_warning(project, capfd):
    """mkdocs.yml from before PLANSITE_SITE_DIR: mike builds into site/, which is said, not silently replaced."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: !ENV [PLANSITE_SITE_DIR, site]",
                                                                 "site_dir: site"), encoding="utf-8")
    commit(project, "site_dir from before")
    code, err = publish(project, capfd, "2024.1")
    assert code == 0, err
    assert "warning: mkdocs.yml's site_dir does not read PLANSITE_SITE_DIR, so mike built the edition into the " \
           "project's site folder, replacing the local build" in err
    assert '"provider": "mike"' in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_site_branch_sharing_the_plans_history_is_refused(project, capsys):
    """``--branch main`` (the branch checked out) or a remote branch made from it would have its history
    replaced by one commit of the site: refused before anything is tagged, built or fetched into it."""
    root = project
    history = git(root, "rev-list", "main")
    git(root, "branch", "pages-from-main")
    for target in ("main", "pages-from-main"):
        code, err = publish(root, capsys, "2024.1", "--branch", target)
        assert code == 1 and f"error: {target} holds the history of the plans" in err
    git(root, "push", "--quiet", "origin", "main:site")  # on the remote only
    code, err = publish(root, capsys, "2024.1", "--branch", "site", "--push")
    assert code == 1 and "error: origin/site holds the history of the plans" in err
    git(root, "fetch", "--quiet", "origin")  # origin/site, where a publish without --push would start from
    code, err = publish(root, capsys, "2024.1", "--branch", "site")
    assert code == 1 and "error: origin/site holds the history of the plans" in err
    assert git(root, "rev-list", "main") == git(root, "rev-list", "pages-from-main") == history
    assert git(root, "tag", "--list") == "" and git(root, "status", "--porcelain") == ""
    assert subprocess.run(["git", "rev-parse", "--verify", "--quiet", "refs/heads/site"], cwd=root).returncode == 1


def test_a_clone_publishing_without_push_starts_from_the_remote_site(project, tmp_path, capsys):
    """A fresh clone has origin/gh-pages but no gh-pages of its own: its edition goes beside the remote's
    editions, as mike would have it, not on a new branch holding it alone (which a --push would then replace)."""
    remote = tmp_path / "remote.git"
    assert publish(project, capsys, "2024.1", "--push")[0] == 0
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True)
    commit(other, "the next edition")
    code, err = publish(other, capsys, "2024.2")
    assert code == 0, err
    assert branch(other)[:2] == ([("2024.2", ["latest"]), ("2024.1", [])], 1)
    assert git(remote, "rev-parse", "gh-pages") == git(project, "rev-parse", "gh-pages")  # nothing pushed


def test_an_edition_a_push_left_off_the_site_is_not_in_the_history_of_the_next(project, tmp_path, capsys):
    """2024.1, published here without --push, is dropped when the next edition joins the remote's site, which
    another clone published meanwhile: its tag remains, but the site's 版本记录 lists the site's editions."""
    root, remote = project, tmp_path / "remote.git"
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True)
    assert publish(root, capsys, "2024.1")[0] == 0
    commit(other, "elsewhere")
    assert publish(other, capsys, "o1", "--push")[0] == 0
    commit(root, "the next edition")
    code, err = publish(root, capsys, "2024.2", "--push")
    assert code == 0, err
    assert sorted(branch(root)[0]) == [("2024.2", ["latest"]), ("o1", [])]
    assert git(root, "tag", "--list").split() == ["edition/2024.1", "edition/2024.2", "edition/o1"]  # o1's fetched
    assert history_pages(root, "2024.2") == ["2024.2", "o1"]
    assert "2024.1" not in git(root, "show", "gh-pages:2024.2/editions/index.html")


def test_a_clone_without_the_tags_of_the_sites_editions_fetches_them_for_its_editions_history(project, tmp_path,
                                                                                                 capsys):
    """A curator's clone made before the other curator published: its edition's 版本记录 listed itself alone, its
    plans all as added, as it lacked the tags of the editions on the site (publish fetched the branch only)."""
    root, remote, other = project, tmp_path / "remote.git", tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True)
    assert publish(root, capsys, "2024.1", "--push")[0] == 0
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.2", "--push")[0] == 0
    commit(other, "elsewhere")
    code, err = publish(other, capsys, "2024.3", "--push")
    assert code == 0, err
    assert history_pages(other, "2024.3") == ["2024.1", "2024.2", "2024.3"]
    assert git(other, "tag", "--list").split() == ["edition/2024.1", "edition/2024.2", "edition/2024.3"]


def test_push_refuses_edition_tags_the_remote_has_on_other_commits(project, tmp_path, capsys):
    """Tags are not forced: an edition published from two commits (here, and by another clone) is refused before
    anything is tagged or built, naming each tag, and nothing is pushed."""
    root, remote = project, tmp_path / "remote.git"
    assert publish(root, capsys, "2024.1")[0] == 0  # not pushed
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True)
    elsewhere = commit(other, "elsewhere")
    git(other, "tag", "edition/2024.1")
    git(other, "tag", "edition/2024.2")
    git(other, "push", "--quiet", "origin", "--tags")
    code, err = publish(root, capsys, "2024.2", "--push")
    assert code == 1 and (f"error: origin has edition/2024.1 on commit {elsewhere[:12]} (here "
                          f"{git(root, 'rev-parse', 'edition/2024.1^{commit}')[:12]}), edition/2024.2 on commit "
                          f"{elsewhere[:12]} (here {git(root, 'rev-parse', 'HEAD')[:12]}): an edition was published "
                          f"from two commits") in err, err
    assert git(remote, "branch", "--list", "gh-pages") == ""
    assert git(root, "tag", "--list").split() == ["edition/2024.1"]
    assert "docs/" not in err  # refused before generating


@pytest.mark.parametrize("args, refused", [
    (["latest"], "version 'latest' is also the alias"),
    (["2024.1", "--alias", "2024.1"], "version '2024.1' is also the alias"),
    (["../x"], "version '../x' is not allowed: use a valid git tag name without '/'"),
    (["a/b"], "version 'a/b' is not allowed"),
    (["a b"], "version 'a b' is not allowed"),
    (["--", "-x"], "version '-x' is not allowed"),
    (["x.lock"], "version 'x.lock' is not allowed"),
    (["2024.1", "--alias", "new est"], "alias 'new est' is not allowed"),
    # the alias reaches mike through mkdocs.yml's !ENV, which reads these as a number, a date, true
    (["2024.2", "--alias", "2024"], "alias '2024' is not allowed: mkdocs.yml's !ENV reads it"),
    (["2024.2", "--alias", "2024.1"], "alias '2024.1' is not allowed"),
    (["2024.2", "--alias", "2024-06-30"], "alias '2024-06-30' is not allowed"),
    (["2024.2", "--alias", "yes"], "alias 'yes' is not allowed"),
    (["2024.1", "--branch", "site pages"], "branch 'site pages' is not allowed: use a valid git branch name"),
    (["2024.1", "--branch", "pages.lock"], "branch 'pages.lock' is not allowed"),
])
def test_a_bad_version_alias_or_branch_is_refused_before_anything_is_tagged_or_built(project, capsys, args, refused):
    """mike would refuse a version equal to the alias only after the build, git a bad tag name with its own words;
    the version is also a folder, so '/' is refused though git would take it."""
    code, err = publish(project, capsys, *args)
    assert code == 1 and f"error: {refused}" in err and "fatal" not in err
    assert git(project, "tag", "--list") == "" and git(project, "branch", "--list", "gh-pages") == ""
    assert not (project / "docs").exists()


def test_a_project_in_a_folder_of_its_repository_reads_the_site_branch_from_its_top(tmp_path, capsys, monkeypatch):
    """The site's branch holds the site at its top wherever the project lies: its versions.json, which names the
    tags to push and the squashed commit's editions, is read there, not in a folder named as the project's."""
    use_identity(monkeypatch)
    top = init(tmp_path / "repo")
    root = make_site_project(top / "规划 站点")
    commit(top, "plans")
    subprocess.run(["git", "init", "--quiet", "--bare", str(tmp_path / "remote.git")], check=True)
    git(top, "remote", "add", "origin", str(tmp_path / "remote.git"))
    assert publish(root, capsys, "2024.1")[0] == 0  # not pushed: its tag goes with the next push
    commit(top, "the next edition")
    code, err = publish(root, capsys, "2024.2", "--push")
    assert code == 0, err
    assert git(tmp_path / "remote.git", "tag", "--list").split() == ["edition/2024.1", "edition/2024.2"]
    assert git(top, "log", "-1", "--format=%s", "gh-pages") == "Plansite site: 2024.2 [latest], 2024.1\n"


def test_a_source_file_git_ignores_is_refused_as_the_edition_would_publish_what_its_commit_lacks(project, capsys):
    """An ignored plan is read by the build like any other: the edition would show a plan its tag lacks, which
    plansite changes never reports.  Hidden files the build does not read (Finder's .DS_Store) are no matter."""
    root = project
    (root / ".gitignore").write_text("*-draft.yaml\n.DS_Store\n", encoding="utf-8")
    commit(root, "ignore drafts and Finder's files")
    draft = "plans/2024/taobei-edu-2024-draft.yaml"
    text = (root / PLAN).read_text(encoding="utf-8")
    (root / draft).write_text(text.replace("id: taobei-edu-2024", "id: taobei-edu-2024-draft"), encoding="utf-8")
    (root / "content" / "pages" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    code, err = publish(root, capsys, "2024.1")
    assert code == 1 and f"error: git ignores these files, which the site would publish though the edition's " \
                         f"commit lacks them: commit them (git add --force) or move them out of plans/: {draft}\n" \
                         in err, err
    assert git(root, "tag", "--list") == "" and git(root, "branch", "--list", "gh-pages") == ""
    assert not (root / "docs").exists()
    (root / draft).unlink()
    code, err = publish(root, capsys, "2024.1")
    assert code == 0, err


def test_ignored_files_are_told_to_move_out_of_the_folder_they_are_in(tmp_path, capsys, monkeypatch):
    """Theme overrides git ignores were told to move out of plans/ and content/, where they are not; in a project
    in a folder of its repository, the files are named from the project, as the other messages name them."""
    use_identity(monkeypatch)
    top = init(tmp_path / "repo")
    root = make_site_project(top / "站点")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    (root / ".gitignore").write_text("overrides/partials/\n*-draft.yaml\n", encoding="utf-8")
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    commit(top, "plans, and the theme's overrides")
    (root / "overrides" / "partials" / "footer.html").write_text("<footer></footer>\n", encoding="utf-8")
    code, err = publish(root, capsys, "2024.1")
    assert code == 1 and "or move them out of overrides/: overrides/partials/footer.html\n" in err, err
    draft = "plans/2024/taobei-edu-2024-draft.yaml"
    (root / draft).write_text("", encoding="utf-8")
    code, err = publish(root, capsys, "2024.1")
    assert code == 1 and (f"or move them out of plans/ and overrides/: overrides/partials/footer.html, {draft}\n"
                          in err), err
    assert git(top, "tag", "--list") == "" and not (root / "docs").exists()


def test_a_configuration_naming_files_outside_the_repository_is_refused_naming_its_keys(project, tmp_path, capsys):
    """An edition is its commit, which cannot hold theme overrides or hooks outside the repository: git said only
    that a path was outside it, not which setting named it nor why publish asked."""
    root = project
    (tmp_path / "shared" / "overrides").mkdir(parents=True)
    (tmp_path / "shared" / "site.py").write_text("# a hook\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: ../shared/overrides\n")
        + f"hooks:\n  - hooks/site.py\n  - {tmp_path / 'shared' / 'site.py'}\n", encoding="utf-8")
    (root / "hooks").mkdir()
    (root / "hooks" / "site.py").write_text("# a hook\n", encoding="utf-8")
    commit(root, "shared overrides and hook")
    code, err = publish(root, capsys, "2024.1")
    assert code == 1 and (f"error: mkdocs.yml names what lies outside the repository: theme.custom_dir "
                          f"../shared/overrides, hooks {tmp_path / 'shared' / 'site.py'}; publish can only vouch for "
                          f"committed files (an edition is a commit): move them into the repository and commit "
                          f"them\n") in err, err
    assert "fatal" not in err and git(root, "tag", "--list") == "" and not (root / "docs").exists()


def test_a_configuration_not_committed_is_refused_with_what_it_names_that_the_build_reads(project, capsys):
    """The edition's tag names a commit: mkdocs.yml changed since, or the theme's overrides and hooks it names
    untracked or changed, would publish a site that commit does not make."""
    root = project
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: 教育工作计划公开库", "site_name: 未提交的站名"), encoding="utf-8")
    code, err = publish(root, capsys, "2024.1")
    assert code == 1 and "error: commit these files first (an edition is a commit): mkdocs.yml\n" in err, err
    config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
                      + "hooks:\n  - hooks/site.py\n", encoding="utf-8")
    (root / "hooks").mkdir()
    (root / "hooks" / "site.py").write_text("# no hook yet\n", encoding="utf-8")
    commit(root, "theme overrides and a hook")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (root / "hooks" / "site.py").write_text("# changed\n", encoding="utf-8")
    code, err = publish(root, capsys, "2024.1")
    assert code == 1 and "error: commit these files first (an edition is a commit): hooks/site.py, " \
                         "overrides/main.html\n" in err, err
    assert git(root, "tag", "--list") == "" and git(root, "branch", "--list", "gh-pages") == ""
    assert not (root / "docs").exists()


def test_a_version_named_as_an_alias_of_the_site_or_an_alias_named_as_an_edition_is_refused(project, capsys):
    """mike makes an alias published as a version a frozen edition, which the site's root opens for good and later
    publishes cannot move; an edition given as the alias it refuses only after the build."""
    root = project
    assert publish(root, capsys, "v1")[0] == 0
    site = git(root, "rev-parse", "gh-pages")
    commit(root, "the next edition")
    for args, refused in ((["latest", "--alias", "newest"], "version 'latest' is an alias on gh-pages (of edition "
                                                            "v1): give the edition its own name"),
                          (["v2", "--alias", "v1"], "alias 'v1' is an edition on gh-pages: move another alias")):
        code, err = publish(root, capsys, *args)
        assert code == 1 and f"error: {refused}" in err and "docs/" not in err, err
    assert git(root, "tag", "--list").split() == ["edition/v1"] and git(root, "rev-parse", "gh-pages") == site


def test_a_work_tree_serving_the_site_branch_follows_each_publish(project, tmp_path, capsys):
    """README's hosting: a checkout of the branch made with git worktree, served as it is.  Publishing moves the
    branch under it: its files and index follow, or it showed the edition before with the new one staged as
    deleted, which a commit there would have published."""
    root, public = project, tmp_path / "public"
    assert publish(root, capsys, "2024.1")[0] == 0
    git(root, "worktree", "add", "--quiet", str(public), "gh-pages")
    commit(root, "the next edition")
    code, err = publish(root, capsys, "2024.2")
    assert code == 0, err
    assert (public / "2024.2" / "index.html").is_file() and git(public, "status", "--porcelain") == ""
    assert git(public, "rev-parse", "HEAD") == git(root, "rev-parse", "gh-pages")


@pytest.mark.parametrize("moment", ["mike builds", "mike has committed"])
def test_a_publish_stopped_while_mike_deploys_leaves_no_tag_edition_or_process_and_runs_again(project, tmp_path,
                                                                                            capsys, moment):
    """SIGTERM (a CI job cancelled, kill) as Ctrl-C: publish died at once, leaving its tag, and mike, left running,
    committed the edition unsquashed, without a site root, its build left in the temporary folder; stopped later,
    mike's commit stayed, untagged.  Now nothing it started outlives it (MkDocs did), and all is as before."""
    root = project
    with_deploy_hook(root)
    assert publish(root, capsys, "2024.1")[0] == 0
    site = git(root, "rev-parse", "gh-pages")
    commit(root, "the next edition")
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    if moment == "mike builds":
        env[DURING_DEPLOY] = str(stopper(tmp_path))
    else:
        stop_when_the_site_moves(root, stopper(tmp_path))
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "publish", "2024.2"], env=env,
                          capture_output=True, text=True)
    assert (done.returncode, done.stderr.splitlines()[-1]) == (130, "plansite publish: interrupted"), done.stderr
    assert "survived plansite" not in done.stderr  # (the output's pipe ends once every process holding it has)
    assert git(root, "tag", "--list").split() == ["edition/2024.1"]
    assert git(root, "rev-parse", "gh-pages") == site
    assert [path for path in temporary.iterdir() if path.name.startswith("plansite-")] == []  # (caches stay)
    code, err = publish(root, capsys, "2024.2")
    assert code == 0, err
    assert branch(root)[:2] == ([("2024.2", ["latest"]), ("2024.1", [])], 1)


def test_a_push_refused_as_another_clone_pushed_meanwhile_says_so_and_publishing_again_adds_the_edition(
        project, tmp_path, capsys, monkeypatch):
    """Two curators publish at once: the other's site reaches the remote while this edition is built, so the push
    (with a lease on what was fetched) is refused; git's words said neither why nor what to do."""
    root, remote, other = project, tmp_path / "remote.git", tmp_path / "other"
    with_deploy_hook(root)
    git(root, "push", "--quiet", "origin", "main")
    assert publish(root, capsys, "2024.1", "--push")[0] == 0
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True)
    commit(other, "elsewhere")
    assert publish(other, capsys, "o1")[0] == 0  # pushed while the next edition is built here
    commit(root, "the next edition")
    monkeypatch.setenv(DURING_DEPLOY, f"git -C '{other}' push --quiet --force origin gh-pages edition/o1")
    code, err = publish(root, capsys, "2024.2", "--push")
    assert code == 1 and ("error: nothing was pushed: origin's gh-pages changed since it was fetched (another "
                          "clone published meanwhile); edition 2024.2 is published here (on gh-pages, tagged "
                          "edition/2024.2) but not on origin: run plansite publish 2024.2 --push again, from this "
                          "commit, which starts from the site origin has now\n") in err, err
    assert branch(remote)[0] == [("o1", ["latest"]), ("2024.1", [])]
    monkeypatch.delenv(DURING_DEPLOY)
    code, err = publish(root, capsys, "2024.2", "--push")
    assert code == 0, err
    assert sorted(branch(remote)[0]) == [("2024.1", []), ("2024.2", ["latest"]), ("o1", [])]
    assert git(remote, "tag", "--list").split() == ["edition/2024.1", "edition/2024.2", "edition/o1"]


def test_a_push_the_remote_refuses_keeps_the_edition_here_and_says_how_to_push_it(project, tmp_path, capsys):
    """The remote's address is wrong: nothing is done.  Its push address alone is wrong (fetching works): the
    edition is published and tagged here, which the error says, with the run that pushes it once the remote takes
    it."""
    root, remote = project, tmp_path / "remote.git"
    git(root, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))  # read first: nothing is done
    code, err = publish(root, capsys, "2024.1", "--push")
    assert code == 1 and "nowhere.git' does not appear to be a git repository" in err, err
    assert git(root, "tag", "--list") == "" and git(root, "branch", "--list", "gh-pages") == ""
    git(root, "remote", "set-url", "origin", str(remote))
    git(root, "remote", "set-url", "--push", "origin", str(tmp_path / "nowhere.git"))
    code, err = publish(root, capsys, "2024.1", "--push")
    assert code == 1 and "error: nothing was pushed: `git push --atomic" in err, err
    assert err.endswith("edition 2024.1 is published here (on gh-pages, tagged edition/2024.1) but not on origin: "
                        "run plansite publish 2024.1 --push again, from this commit, once origin takes the push\n")
    assert git(root, "tag", "--list").split() == ["edition/2024.1"] and branch(root)[0] == [("2024.1", ["latest"])]
    git(root, "remote", "set-url", "--push", "origin", str(remote))
    code, err = publish(root, capsys, "2024.1", "--push")
    assert code == 0, err
    assert git(remote, "rev-parse", "gh-pages") == git(root, "rev-parse", "gh-pages")
    assert git(remote, "tag", "--list").split() == ["edition/2024.1"]


def test_an_edition_published_by_mistake_is_retracted_and_its_version_published_again(project, tmp_path, capsys):
    """A mistyped version pushed, then the right one with the wrong content: each is taken off the site and the
    remote with its tag, latest moving back to the edition before, and the version published again, fixed.  One
    that editions published later list in their 版本记录 is warned of."""
    root, remote = project, tmp_path / "remote.git"
    assert publish(root, capsys, "2024.1", "--push")[0] == 0
    first = git(root, "show", "gh-pages:2024.1/index.html")
    (root / PLAN).write_text((root / PLAN).read_text(encoding="utf-8").replace(ONCE, TWICE), encoding="utf-8")
    commit(root, "twice a term")
    assert publish(root, capsys, "2204.2", "--push")[0] == 0  # mistyped
    code, err = retract(root, capsys, "2204.2", "--push")
    assert code == 0 and err.endswith("retracted edition 2204.2 from gh-pages, latest now edition 2024.1, pushed "
                                      "to origin\n"), err
    assert branch(remote) == ([("2024.1", ["latest"])], 1, [])
    assert git(remote, "show", "gh-pages:latest/index.html") == first  # the root's redirect reaches it
    assert git(root, "tag", "--list").split() == git(remote, "tag", "--list").split() == ["edition/2024.1"]
    assert publish(root, capsys, "2024.2", "--push")[0] == 0  # the right version, with the wrong content
    code, err = retract(root, capsys, "2024.2", "--push")
    assert code == 0 and "latest now edition 2024.1" in err and "warning" not in err, err
    (root / PLAN).write_text((root / PLAN).read_text(encoding="utf-8").replace(TWICE, ONCE), encoding="utf-8")
    commit(root, "once a term after all")
    code, err = publish(root, capsys, "2024.2", "--push")  # the version again, from another commit
    assert code == 0, err
    assert branch(remote) == ([("2024.2", ["latest"]), ("2024.1", [])], 1, [])
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.3", "--push")[0] == 0
    code, err = retract(root, capsys, "2024.2", "--push")
    assert code == 0 and ("warning: edition(s) 2024.3, published after 2024.2, still list it in their 版本记录, as "
                          "they were built") in err and err.endswith("retracted edition 2024.2 from gh-pages, pushed "
                                                                     "to origin\n"), err
    assert branch(remote)[0] == [("2024.3", ["latest"]), ("2024.1", [])]
    assert git(remote, "tag", "--list").split() == ["edition/2024.1", "edition/2024.3"]
    commit(root, "2024.2 fixed")  # published again, tagged after 2024.3 now, it is still the older edition
    code, err = publish(root, capsys, "2024.2", "--push")
    assert code == 0 and err.endswith("published edition 2024.2 on gh-pages, pushed to origin; latest not moved to "
                                      "it: the site has edition 2024.3, newer than it (--move-alias moves it)\n"), err
    assert branch(remote)[0] == [("2024.3", ["latest"]), ("2024.2", []), ("2024.1", [])]
    assert history_pages(root, "2024.2") == ["2024.1", "2024.2"]  # and its 版本记录 agrees: 2024.3 came after it


def test_an_edition_published_again_is_newer_than_the_lower_numbered_ones_whenever_they_were_tagged(project, capsys):
    """2024.2, then 2024.1 published late with latest moved to it: 2024.2 published again from its commit takes
    latest back, as the highest, and its 版本记录 lists 2024.1 before it, as the version selector does."""
    root = project
    assert publish(root, capsys, "2024.2")[0] == 0
    second = git(root, "rev-parse", "HEAD").strip()
    commit(root, "the edition before, published late")
    assert publish(root, capsys, "2024.1", "--move-alias")[0] == 0
    assert branch(root)[0] == [("2024.2", []), ("2024.1", ["latest"])]
    git(root, "checkout", "--quiet", "--force", second)  # (commit() took docs/, which publishing 2024.1 remade)
    code, err = publish(root, capsys, "2024.2")
    assert code == 0 and err.endswith("published edition 2024.2 as latest on gh-pages\n"), err
    assert branch(root)[0] == [("2024.2", ["latest"]), ("2024.1", [])]
    assert history_pages(root, "2024.2") == ["2024.1", "2024.2"]


def test_a_retracted_editions_alias_moves_to_the_newest_of_the_others_as_a_publish_would_move_it(project, capsys):
    """draft, then 2024.1, then 2024.2: retracting 2024.2 gives latest back to 2024.1, published after draft, where
    the version selector, which lists draft above the numbered editions, gave it to draft."""
    root = project
    assert publish(root, capsys, "draft")[0] == 0
    commit(root, "the first numbered edition")
    assert publish(root, capsys, "2024.1")[0] == 0
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.2")[0] == 0
    code, err = retract(root, capsys, "2024.2")
    assert code == 0 and err.endswith("retracted edition 2024.2 from gh-pages, latest now edition 2024.1\n"), err
    assert branch(root)[0] == [("draft", []), ("2024.1", ["latest"])]


@pytest.mark.parametrize("args, refused", [
    (["2024.9"], "'2024.9' is not an edition on gh-pages (its editions: 2024.1)"),
    (["latest"], "'latest' is an alias on gh-pages, of edition 2024.1: retract that edition, or publish another (or "
                 "an older one again, with --move-alias) to move the alias"),
    (["2024.1"], "edition 2024.1 is the only one on gh-pages, which would be left without a site: delete the branch "
                 "instead (git branch --delete --force gh-pages; git push origin --delete gh-pages), and the tag "
                 "(git tag --delete edition/2024.1; git push origin --delete edition/2024.1)"),
])
def test_retracting_what_is_no_edition_or_the_only_one_is_refused(project, capsys, args, refused):
    assert publish(project, capsys, "2024.1")[0] == 0
    site = git(project, "rev-parse", "gh-pages")
    code, err = retract(project, capsys, *args)
    assert code == 1 and f"error: {refused}\n" in err, err
    assert git(project, "rev-parse", "gh-pages") == site and git(project, "tag", "--list") == "edition/2024.1\n"


def test_a_retract_stopped_half_way_leaves_the_site_as_it_was_and_runs_again(project, tmp_path, capsys):
    """Stopped once mike has deleted the edition, before its alias moves: the site's root would open no edition."""
    root = project
    assert publish(root, capsys, "2024.1")[0] == 0
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.2")[0] == 0
    site = git(root, "rev-parse", "gh-pages")
    stop_when_the_site_moves(root, stopper(tmp_path))
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "retract", "2024.2"],
                          capture_output=True, text=True)
    assert (done.returncode, done.stderr.splitlines()[-1]) == (130, "plansite retract: interrupted"), done.stderr
    assert "survived plansite" not in done.stderr
    assert git(root, "rev-parse", "gh-pages") == site
    assert git(root, "tag", "--list").split() == ["edition/2024.1", "edition/2024.2"]
    code, err = retract(root, capsys, "2024.2")
    assert code == 0 and err.endswith("retracted edition 2024.2 from gh-pages, latest now edition 2024.1\n"), err
    assert branch(root)[:2] == ([("2024.1", ["latest"])], 1)


def test_publishing_a_new_project_whose_about_page_is_still_init_s_placeholder_warns_of_it(tmp_path, capsys,
                                                                                        monkeypatch):
    """README has the curator write content/pages/about.md, which init leaves asking to be rewritten, but nothing
    reminded: the site went out with the placeholder as its 关于 page."""
    use_identity(monkeypatch)
    root = tmp_path / "site"
    assert main(["init", str(root), "--org", "px-health", "--name", "萍乡市卫生健康委员会"]) == 0
    commit(root, "a new project")
    capsys.readouterr()
    code, err = publish(root, capsys, "2026.1")
    assert code == 0, err
    assert ("warning: content/pages/about.md still holds the placeholder `plansite init` wrote (请把这一页改写成对本站的"
            "介绍。…): the edition's 关于 page shows it to every reader; write the site's own\n") in err
    (root / "content" / "pages" / "about.md").write_text("# 关于本站\n\n萍乡市卫生健康委员会的工作计划。\n",
                                                         encoding="utf-8")
    commit(root, "the about page written")
    code, err = publish(root, capsys, "2026.2")
    assert code == 0 and "placeholder" not in err, err


def test_an_edition_tagged_in_the_same_second_as_the_one_before_is_the_newest(project, capsys, monkeypatch):
    """With the tags' dates pinned to one second (GIT_COMMITTER_DATE): 2024.1, published after draft, became
    no newer than draft (tags of one second put the numbered first), so latest stayed on draft and 2024.1's
    版本记录 left draft out; and so again once told apart from the edition just tagged: 2024.1 published again
    (no tag made), and x, published after it and retracted, giving latest to draft.  Its commit descends from
    draft's."""
    root = project
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-12-07T10:00:00+00:00")
    assert publish(root, capsys, "draft")[0] == 0
    commit(root, "the first numbered edition")
    code, err = publish(root, capsys, "2024.1")
    assert code == 0 and err.endswith("published edition 2024.1 as latest on gh-pages\n"), err
    assert branch(root)[0] == [("draft", []), ("2024.1", ["latest"])]  # (mike lists draft above the numbered)
    assert history_pages(root, "2024.1") == ["2024.1", "draft"]
    listing = git(root, "show", "gh-pages:2024.1/editions/index.html")
    assert listing.index('href="2024.1/"') < listing.index('href="draft/"')  # the newest first
    assert "与上一版 draft 相比" in git(root, "show", "gh-pages:2024.1/editions/2024.1/index.html")
    code, err = publish(root, capsys, "2024.1")  # rebuilt: no tag made, the order is the tags' ancestry's
    assert code == 0 and branch(root)[0] == [("draft", []), ("2024.1", ["latest"])], err
    assert history_pages(root, "2024.1") == ["2024.1", "draft"]
    commit(root, "a mistake")
    assert publish(root, capsys, "x")[0] == 0
    code, err = retract(root, capsys, "x")
    assert code == 0 and err.endswith("retracted edition x from gh-pages, latest now edition 2024.1\n"), err


def test_a_clone_without_the_sites_tags_moves_latest_to_the_edition_it_publishes(project, tmp_path, capsys):
    """A clone made with --no-tags: 2024.2, on the site but not tagged here, counted as newer than draft, tagged
    now, as no numbered edition above it was tagged here; it was on the site before draft."""
    root, remote, other = project, tmp_path / "remote.git", tmp_path / "other"
    assert publish(root, capsys, "2024.1", "--push")[0] == 0
    commit(root, "the next edition")
    assert publish(root, capsys, "2024.2", "--push")[0] == 0
    subprocess.run(["git", "clone", "--quiet", "--no-tags", str(remote), str(other)], check=True)
    commit(other, "a draft")
    code, err = publish(other, capsys, "draft")
    assert code == 0 and err.endswith("published edition draft as latest on gh-pages\n"), err
    assert branch(other)[0] == [("draft", ["latest"]), ("2024.2", []), ("2024.1", [])]
