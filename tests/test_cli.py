"""The `plansite` command line: each command's module is imported only when that command runs."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from generator.cli import COMMANDS, build_parser, command_named, main
from gitrepos import commit, git, init, use_identity
from projects import PLAN, make_project
from sitefixtures import REPO

# What neither a check nor a generation that finds docs/ up to date needs.
HEAVY = ("jinja2", "mkdocs", "generator.render", "generator.history", "generator.changes", "generator.find")


def commands_of(parser: argparse.ArgumentParser) -> set[str]:
    [subcommands] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return set(subcommands.choices)


def test_each_command_is_registered_by_the_module_named_for_it():
    assert commands_of(build_parser()) == {"check", "schema", *COMMANDS}
    for command in ("check", "schema", *COMMANDS):
        assert command in commands_of(build_parser(command))
    assert commands_of(build_parser("check")) == {"check", "schema"}
    assert commands_of(build_parser("generate")) == {"check", "schema", "generate", "build"}
    assert commands_of(build_parser("gen")) == commands_of(build_parser())  # argparse names the choices


@pytest.mark.parametrize("argv, command", [
    (["generate"], "generate"), (["--root", "x", "find", "--org", "甲"], "find"), (["--root=x", "check"], "check"),
    (["--root", "generate"], None), (["--root"], None), ([], None), (["--help"], None)])
def test_the_command_is_found_before_its_arguments_are_known(argv, command):
    assert command_named(argv) == command


def imported_after(root, *argv: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``heavy`` modules a fresh interpreter has imported after running ``plansite --root ROOT ARGV``."""
    script = ("import sys\nfrom generator.cli import main\n"
              f"code = main(['--root', {str(root)!r}, *{list(argv)!r}])\n"
              f"print(code, [name for name in {heavy!r} if name in sys.modules])")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()


def test_a_check_and_a_generation_with_nothing_to_do_import_only_what_they_use(tmp_path):
    make_project(tmp_path)
    assert imported_after(tmp_path, "check") == ["0", "[]"]
    first = imported_after(tmp_path, "generate")
    assert first[0] == "0" and "jinja2" in " ".join(first)  # it rendered the pages
    assert imported_after(tmp_path, "generate") == ["0", "[]"]  # docs/ up to date: nothing else imported


def test_the_import_reads_targets_for_a_check_only_for_a_target_whose_text_does_not_write_its_value(tmp_path):
    """Reading a text's targets costs (0.1 s to load, and at 1,000 plans it would double a check's time): only a
    target whose value its text does not write (58 for 占比提升至58%以上) is held against what the import reads."""
    reading = ("generator.importer.targets",)
    make_project(tmp_path, PLAN[:PLAN.index("        targets:")])
    assert imported_after(tmp_path, "check", heavy=reading) == ["0", "[]"]
    make_project(tmp_path)
    assert imported_after(tmp_path, "check", heavy=reading) == ["0", "[]"]
    make_project(tmp_path, PLAN.replace("value: 58,", "value: 60,"))
    assert imported_after(tmp_path, "check", heavy=reading)[-2:] == ["0", str([*reading])]  # and warned


def test_a_mistyped_command_is_named_with_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["genrate"])
    err = capsys.readouterr().err
    assert "invalid choice: 'genrate'" in err and "'publish'" in err  # every module's commands were listed


@pytest.mark.parametrize("command", [["check"], ["generate"], ["build"], ["serve"], ["schema"], ["find"],
                                     ["changes", "HEAD"], ["publish", "1.0"],
                                     ["init", "--org", "demo-edu", "--name", "示例市教育局"]])
def test_a_root_that_does_not_exist_is_a_usage_error_naming_it(tmp_path, capsys, command):
    with pytest.raises(SystemExit) as exited:
        main(["--root", str(tmp_path / "nowhere"), *command])
    assert exited.value.code == 2
    assert f"--root {tmp_path / 'nowhere'}: no such directory" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["check"], ["generate"], ["build"], ["serve"], ["find"], ["publish", "1.0"]])
def test_a_folder_that_is_no_project_is_a_usage_error_naming_it(tmp_path, capsys, command):
    (tmp_path / "notes").mkdir()
    with pytest.raises(SystemExit) as exited:
        main(["--root", str(tmp_path), *command])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"no Plansite project in {tmp_path}: it holds neither content/ nor plans/" in err
    assert "(`plansite init --org ID --name 名称` makes a new project)" in err


@pytest.mark.parametrize("kept, missing", [("content", "plans: warning: folder is missing"),
                                           ("plans", "organisations.yaml: error: vocabulary file is missing")])
def test_a_project_missing_one_of_its_folders_is_checked_and_the_other_named(tmp_path, capsys, kept, missing):
    (tmp_path / kept).mkdir()
    assert main(["--root", str(tmp_path), "check"]) == 1
    out, err = capsys.readouterr()
    assert missing in out and "no Plansite project" not in err


def test_root_may_also_follow_the_command(tmp_path, capsys):
    make_project(tmp_path)
    assert main(["check", "--root", str(tmp_path)]) == 0
    assert "ok: 1 plan(s)" in capsys.readouterr().err


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """``plansite find --format json | head -1``: once the pipe is closed, no BrokenPipeError traceback.

    The example project's items (about 170 KB of JSON) are more than the pipe (64 KB) and the buffers of
    both ends (8 KB each) hold: when the reader has its first line, the command is still writing, whatever
    the machine's load.  (The fixture site's 11 KB could all be written before the pipe was closed.)"""
    command = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(REPO), "find", "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert command.stdout.readline().strip() == b"["
    command.stdout.close()
    stderr = command.stderr.read().decode()
    assert command.wait() == 1 and stderr == ""


@pytest.mark.parametrize("command, says", [("check", "validate content/ and plans/"),
                                           ("publish", "deploy an edition of the site"),
                                           ("find", "List the items of plans/ that match")])  # its own description
def test_each_commands_help_says_what_it_does(capsys, command, says):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert capsys.readouterr().out.split("\n\n")[1].startswith(says)


def test_every_option_of_every_command_says_what_it_takes():
    """`plansite check --help` showed `--format {text,json}` and not a word of what either gives."""
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    silent = [(name, action.option_strings or action.dest) for name, parser in commands.items()
              for action in parser._actions if action.help is None]
    assert silent == []


def test_changes_compares_revisions_in_a_folder_without_plans_or_content(tmp_path, capsys, monkeypatch):
    """Two revisions are read from git, not from the files on disk: a checkout that has since removed plans/
    and content/ compares them."""
    use_identity(monkeypatch)
    make_project(tmp_path)
    root = init(tmp_path)
    commit(root, "the plan")
    plan = root / "plans" / "2025" / "demo-edu-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("扩大普惠资源\n", "扩大普惠性资源\n", 1), encoding="utf-8")
    commit(root, "a title")
    git(root, "rm", "-r", "--quiet", "plans", "content")
    commit(root, "gone")
    assert main(["--root", str(root), "changes", "HEAD~2", "HEAD~1"]) == 0
    assert "扩大普惠性资源" in capsys.readouterr().out


def test_the_cross_index_and_find_do_not_import_jinja():
    """Data flows one way (README: model → cross-index → Markdown): addresses and labels live outside templating."""
    script = "import generator.find, generator.timeline, sys; print('jinja2' in sys.modules)"
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert imported == "False\n"
