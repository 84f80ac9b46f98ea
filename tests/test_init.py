"""`plansite init`: a new project that `plansite check` and `plansite build` accept at once, made over no file."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.load import load_site
from generator.newproject import PLACEHOLDER, placeholder_left, project_files, yaml_scalar
from generator.project import read_config
from gitrepos import git, init, use_identity
from sitefixtures import REPO

ORG = ["--org", "demo-edu", "--name", "示例市教育局"]


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` but git's own: {'/'-path: bytes}."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(folder).parts}


def test_init_makes_a_project_that_check_accepts_in_a_new_git_repository(tmp_path, capsys, monkeypatch):
    use_identity(monkeypatch)
    assert main(["init", str(tmp_path / "site"), *ORG]) == 0
    err = capsys.readouterr().err
    assert f"made a Plansite project in {tmp_path / 'site'}:\n  .gitignore\n" in err
    assert f"cd {tmp_path / 'site'}\n  # first write content/themes.yaml, themes and their keywords: the import " \
           "gives each item those its text holds\n  plansite import TEXT.txt --org demo-edu " in err
    assert "plansite check\n  plansite build\n  git add -A" in err
    site, diagnostics = load_site(str(tmp_path / "site"))
    # clean but for the vocabularies left to fill
    assert [(Path(d.path).name, d.severity) for d in diagnostics] == [("departments.yaml", "warning"),
                                                                      ("themes.yaml", "warning")]
    assert [(o.id, o.name) for o in site.vocabulary.organisations] == [("demo-edu", "示例市教育局")]
    assert (read_config(str(tmp_path / "site" / "mkdocs.yml"))["site_name"], site.plans) == ("示例市教育局工作计划", ())
    assert git(tmp_path / "site", "rev-parse", "--show-toplevel").strip() == str(tmp_path / "site")
    assert main(["--root", str(tmp_path / "site"), "check"]) == 0


@pytest.mark.site
def test_a_new_project_builds_and_git_sees_only_its_sources(tmp_path, monkeypatch):
    use_identity(monkeypatch)
    assert main(["init", str(tmp_path), *ORG, "--title", "示例站"]) == 0
    made = set(files_in(tmp_path))
    assert main(["--root", str(tmp_path), "build"]) == 0
    assert "<title>示例站</title>" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # docs/, site/ and the caches and records of the build are ignored: git lists only what init made
    assert set(git(tmp_path, "ls-files", "--others", "--exclude-standard").splitlines()) == made


def test_a_name_yaml_would_misread_is_written_as_given(tmp_path):
    name = "示例: #1 'x' - [局]"
    assert main(["init", str(tmp_path), "--org", "demo-edu", "--name", name, "--title", "yes"]) == 0
    assert read_config(str(tmp_path / "mkdocs.yml"))["site_name"] == "yes"  # not True
    assert read_config(str(tmp_path / "mkdocs.yml"))["site_description"].startswith(name)
    assert load_site(str(tmp_path))[0].vocabulary.organisations[0].name == name


@pytest.mark.parametrize("text", ["教育局", "", "a: b", "#1", "- x", "'q'", '"q"', "yes", "null", "123", "{x}", "x\\y"])
def test_yaml_scalar_reads_back_as_the_text(text):
    assert yaml.safe_load(f"key: {yaml_scalar(text)}\n") == {"key": text}


@pytest.mark.parametrize("there", [["mkdocs.yml"], ["content/themes.yaml", ".gitignore"], ["plans/plan.schema.json"]])
def test_init_refuses_a_folder_holding_a_file_it_would_make_and_makes_nothing(tmp_path, capsys, there):
    for relative in there:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("mine\n", encoding="utf-8")
    before = files_in(tmp_path)
    assert main(["init", str(tmp_path), *ORG]) == 2
    assert f"already holds {', '.join(sorted(there))}: plansite init never overwrites" in capsys.readouterr().err
    assert files_in(tmp_path) == before and not (tmp_path / ".git").exists()


def test_init_that_fails_half_way_removes_the_files_it_made(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "pages").write_text("a file where the folder goes\n", encoding="utf-8")
    before = files_in(tmp_path)
    assert main(["init", str(tmp_path), *ORG]) == 1
    assert "made no file" in capsys.readouterr().err
    assert files_in(tmp_path) == before


def test_init_that_fails_half_way_removes_the_folders_it_made(tmp_path, capsys):
    """content/, content/pages/ and content/schema/ made before a file named plans/ stopped it were left empty."""
    (tmp_path / "plans").write_text("a file where the folder goes\n", encoding="utf-8")
    assert main(["init", str(tmp_path), *ORG]) == 1
    assert "made no file" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["plans"]


def test_init_in_a_git_repository_makes_none_of_its_own(tmp_path, capsys):
    init(tmp_path)
    assert main(["init", str(tmp_path / "site"), *ORG]) == 0
    assert not (tmp_path / "site" / ".git").exists()
    assert f"in the git repository at {tmp_path}\n" in capsys.readouterr().err


def test_init_without_git_makes_the_project_and_says_what_to_run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert main(["init", str(tmp_path / "site"), *ORG]) == 0
    assert "no git repository (the git program is not installed): page dates and editions need one, run `git init`" \
        in capsys.readouterr().err
    assert (tmp_path / "site" / "mkdocs.yml").is_file()


def test_init_without_a_folder_makes_the_project_at_root_or_here(tmp_path, monkeypatch, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main(["--root", str(tmp_path / "a"), "init", *ORG]) == 0
    monkeypatch.chdir(tmp_path / "b")
    assert main(["init", *ORG]) == 0
    assert "\n  cd " in capsys.readouterr().err.split("made a Plansite project in")[1]  # a's, not b's
    assert (tmp_path / "a" / "mkdocs.yml").is_file() and (tmp_path / "b" / "mkdocs.yml").is_file()


@pytest.mark.parametrize("options, message", [(["--org", "示例", "--name", "示例市教育局"], "is no organisation id"),
                                              (["--org", "demo-edu", "--name", " "], "give a name on one line"),
                                              (["--org", "demo-edu"], "the following arguments are required: --name")])
def test_init_options_are_checked_before_anything_is_made(tmp_path, capsys, options, message):
    with pytest.raises(SystemExit) as exited:
        main(["init", str(tmp_path), *options])
    assert exited.value.code == 2 and message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_new_project_s_mkdocs_yml_is_this_repository_s_but_for_its_names():
    """The settings the site needs are written once: change the skeleton's mkdocs.yml (generator/skeleton/) and
    this repository's together."""
    config = read_config(str(REPO / "mkdocs.yml"))
    files = project_files("demo-edu", "示例市教育局", config["site_name"], config["site_description"])
    assert files["mkdocs.yml"] == (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_new_project_ignores_what_this_repository_ignores_of_a_project():
    ignored = set((REPO / ".gitignore").read_text(encoding="utf-8").splitlines())
    assert set(project_files("demo-edu", "示例市教育局", "", "")[".gitignore"].splitlines()) <= ignored


def test_a_new_project_s_home_page_and_feeds_bear_its_own_name_not_education_s(tmp_path, monkeypatch):
    """The home page's heading and the feeds' titles were 教育工作计划公开库 and its intro spoke of 教育行政部门,
    whatever the project: they are the site's name (mkdocs.yml's site_name, which --title writes) and its
    organisation."""
    use_identity(monkeypatch)
    assert main(["init", str(tmp_path), "--org", "px-health", "--name", "萍乡市卫生健康委员会",
                 "--title", "萍乡卫健工作计划库"]) == 0
    (tmp_path / "content" / "themes.yaml").write_text(
        "themes:\n  - id: vaccine\n    name: 疫苗接种\n    keywords: [疫苗]\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "generate"]) == 0
    home = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.startswith("# 萍乡卫健工作计划库\n\n本站收录萍乡市卫生健康委员会公开发布的工作要点")
    assert "教育" not in home
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {}
    for name in ("all", "themes/vaccine"):
        feed = ET.parse(tmp_path / "docs" / "feeds" / f"{name}.xml").getroot()
        titles[name] = (feed.findtext(f"{atom}title"), feed.findtext(f"{atom}author/{atom}name"))
    assert titles == {"all": ("萍乡卫健工作计划库：全部更新", "萍乡卫健工作计划库"),
                      "themes/vaccine": ("萍乡卫健工作计划库：主题「疫苗接种」的更新", "萍乡卫健工作计划库")}


def test_the_about_page_is_said_to_hold_the_placeholder_until_it_is_written(tmp_path):
    """``placeholder_left``, which `plansite publish` warns by: init's page, then the curator's, or none."""
    root = tmp_path / "site"
    assert main(["init", str(root), "--org", "px-health", "--name", "萍乡市卫生健康委员会"]) == 0
    about = root / "content" / "pages" / "about.md"
    assert placeholder_left(str(root)) == os.path.join("content", "pages", "about.md")
    about.write_text("# 关于本站\n\n萍乡市卫生健康委员会的工作计划。\n", encoding="utf-8")
    assert placeholder_left(str(root)) is None
    about.write_bytes(PLACEHOLDER.encode("gb18030"))  # not UTF-8: no placeholder read
    assert placeholder_left(str(root)) is None
    about.unlink()
    assert placeholder_left(str(root)) is None
