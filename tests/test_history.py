"""Page dates and editions from real git history; shallow clones and plain directories degrade."""

from __future__ import annotations

import subprocess
from datetime import datetime

from generator.gitrepo import Repo
from generator.history import editions, source_dates, tag_dates
from generator.load import display_path
from generator.publish import site_order
from gitrepos import git, init
from planhistory import A, B, DATES, THEMES, history_repo, tag_edition
from projects import make_project


def per_file_date(root, path):
    return datetime.fromisoformat(git(root, "log", "-1", "--format=%cI", "--", path).strip())


def test_source_dates_are_the_last_commit_of_each_file(tmp_path):
    root = history_repo(tmp_path / "repo")
    found = source_dates(str(root))
    assert (found.status, found.message) == ("ok", "")
    expected = {A: DATES["third"], B: DATES["second"], THEMES: DATES["themes"],
                "content/organisations.yaml": DATES["first"], "content/departments.yaml": DATES["first"]}
    assert found.dates == {display_path(str(root), path): datetime.fromisoformat(date)
                           for path, date in expected.items()}
    # the one-pass log agrees with asking git file by file
    assert all(found.dates[display_path(str(root), p)] == per_file_date(root, p) for p in expected)


def test_shallow_clone_and_plain_directory_give_no_dates_but_a_reason(tmp_path):
    root = history_repo(tmp_path / "repo")
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{root}", str(tmp_path / "shallow")],
                   check=True, capture_output=True)
    shallow = source_dates(str(tmp_path / "shallow"))
    assert (shallow.status, shallow.dates) == ("shallow", {})
    assert "shallow clone" in shallow.message and "--unshallow" in shallow.message
    plain = tmp_path / "plain"
    make_project(plain)
    outside = source_dates(str(plain))
    assert (outside.status, outside.dates) == ("not-git", {})
    assert outside.message == f"page dates omitted: {plain} is not in a git repository"
    assert editions(str(plain)).status == "not-git" and editions(str(tmp_path / "shallow")).status == "shallow"


def test_a_repository_with_nothing_committed_yet_gives_no_dates_and_says_why(tmp_path):
    """A new project's `git init` before its first commit: its files have no date yet, and `plansite build` left
    out every page's 最后更新 without a word (as it says why in a shallow clone or outside git); git's own failure
    to log an unborn branch is not what it says, nor is there an edition missed."""
    root = init(tmp_path / "new")
    make_project(root)
    found = source_dates(str(root))
    assert (found.status, found.dates) == ("ok", {})
    assert found.message == ("page dates (最后更新) omitted: no commit yet in this repository; pages are dated by the "
                             "commits of their files (`git add -A && git commit`)")
    history = editions(str(root))
    assert (history.status, history.editions, history.message) == ("ok", (), "")


def test_a_branch_with_nothing_committed_yet_in_a_repository_with_commits_says_so(tmp_path):
    """An orphan branch (`git switch --orphan`) of a repository with commits: the note said the repository had
    none."""
    root = init(tmp_path / "orphan")
    make_project(root)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "plans")
    git(root, "switch", "--quiet", "--orphan", "fresh")
    found = source_dates(str(root))
    assert (found.status, found.dates) == ("ok", {})
    assert found.message == ("page dates (最后更新) omitted: the branch checked out has no commit yet, though the "
                             "repository has some; pages are dated by the commits of their files (`git add -A && git "
                             "commit`)")


def test_a_tag_of_a_tag_names_the_commit_it_leads_to(tmp_path):
    """git peels one layer of a tag in for-each-ref: an edition's tag made on another tag gave that tag's object, not
    its commit, and publish then said the remote had the edition on another commit."""
    root = history_repo(tmp_path / "repo")
    git(root, "tag", "--annotate", "-m", "inner", "inner", "HEAD")
    git(root, "tag", "--annotate", "-m", "edition", "edition/2024.1", "inner")
    [(name, _date, commit)] = Repo(str(root)).tags("edition")
    assert (name, commit) == ("edition/2024.1", git(root, "rev-parse", "HEAD").strip())


def test_editions_are_the_edition_tags_with_their_changes(tmp_path):
    root = history_repo(tmp_path / "repo")
    git(root, "tag", "--annotate", "-m", "edition", "edition/2024.1", "HEAD~2", date=DATES["themes"])
    git(root, "tag", "--annotate", "-m", "edition", "edition/2024.2", "HEAD", date=DATES["third"])
    git(root, "tag", "not-an-edition", "HEAD~1")
    history = editions(str(root))
    assert history.status == "ok"
    assert [(e.version, e.date.isoformat()) for e in history.editions] == [
        ("2024.1", DATES["themes"]), ("2024.2", DATES["third"])]
    first, second = history.editions
    assert [(p.kind, p.plan) for p in first.changes.plans] == [("added", "demo-edu-2025"), ("added", "demo-edu-2026")]
    assert (second.changes.before, second.changes.after) == ("edition/2024.1", "edition/2024.2")
    [change] = second.changes.plans
    assert (change.plan, [(i.kind, i.after.key, [f.field for f in i.fields]) for i in change.items]) == (
        "demo-edu-2025", [("changed", "1-1", ["owners"])])
    changed = [(e.version, c.plan, c.kind) for e in history.editions for c in e.changes.plans]
    assert changed == [("2024.1", "demo-edu-2025", "added"), ("2024.1", "demo-edu-2026", "added"),
                       ("2024.2", "demo-edu-2025", "changed")]


def test_the_editions_shown_are_compared_with_the_one_shown_before(tmp_path):
    """plansite publish shows the editions of the site it publishes: one left off it is no step of the history."""
    root = history_repo(tmp_path / "repo")
    git(root, "tag", "--annotate", "-m", "edition", "edition/2024.1", "HEAD~2", date=DATES["themes"])
    git(root, "tag", "--annotate", "-m", "edition", "edition/2024.2", "HEAD", date=DATES["third"])
    [only] = editions(str(root), shown=["2024.2"]).editions
    assert (only.version, only.changes.before, only.changes.after) == ("2024.2", "", "edition/2024.2")
    assert [(p.kind, p.plan) for p in only.changes.plans] == [("added", "demo-edu-2025"), ("added", "demo-edu-2026")]
    assert editions(str(root), shown=[]).editions == ()


def test_editions_tagged_in_the_same_second_follow_their_commits_ancestry(tmp_path):
    """2024.1 tagged on a commit after draft's, in the same second (the tags' dates have whole seconds): the
    history (a plain build's 版本记录) put it first, as tags of one second were ordered numbered first.  draft's tag
    is a lightweight one, dated by its commit."""
    root = history_repo(tmp_path / "repo")
    git(root, "tag", "edition/draft", "HEAD~1")
    tag_edition(root, "2024.1", "HEAD", DATES["themes"])  # the second of HEAD~1's commit
    found = editions(str(root)).editions
    assert [(edition.version, edition.changes.before) for edition in found] == [
        ("draft", ""), ("2024.1", "edition/draft")]


def test_editions_follow_their_numbers_and_the_others_their_tags_dates(tmp_path):
    """2024.2 retracted and published again after 2024.3 and draft were tagged: it is still the edition after
    2024.1 and before 2024.3, each compared with the one before it, and draft, tagged after 2024.3, the newest."""
    root = history_repo(tmp_path / "repo")
    tag_edition(root, "2024.1", "HEAD~3", DATES["first"])
    tag_edition(root, "2024.3", "HEAD~2", DATES["second"])
    tag_edition(root, "draft", "HEAD~1", DATES["themes"])
    tag_edition(root, "2024.2", "HEAD", DATES["third"])
    history = editions(str(root))
    assert [(e.version, e.changes.before) for e in history.editions] == [
        ("2024.1", ""), ("2024.2", "edition/2024.1"), ("2024.3", "edition/2024.2"), ("draft", "edition/2024.3")]
    # 2024.3 left off the site: nothing numbered above 2024.2 is shown, so it goes by its tag's date, after draft;
    # publish's order, which the history follows
    order = site_order(tag_dates(Repo(str(root))), ["2024.1", "2024.2", "draft"])
    shown = editions(str(root), shown=order).editions
    assert [(e.version, e.changes.before) for e in shown] == [
        ("2024.1", ""), ("draft", "edition/2024.1"), ("2024.2", "edition/draft")]
