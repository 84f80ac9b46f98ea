"""The ``plansite`` command line."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .diagnostics import print_diagnostics
from .interrupt import Interrupted, terminate_as_interrupt
from .project import CONTENT_SCHEMAS, SCHEMA_FILE, SOURCES


def cmd_check(args) -> int:
    from .diagnostics import has_errors
    from .load import load_site

    site, diagnostics = load_site(args.root)
    if not has_errors(diagnostics):  # as generation, which then finds the files the site makes
        from .sitepages import hand_written_clashes

        diagnostics += hand_written_clashes(site)
    code = print_diagnostics(diagnostics, args.format, strict=args.strict)
    if args.format != "json" and not code:
        items = sum(len(p.placed) for p in site.plans)
        print(f"ok: {len(site.plans)} plan(s), {items} item(s)", file=sys.stderr)
    return code


def cmd_schema(args) -> int:
    from .atomicfile import replace_file
    from .schema import schema_files
    from .yamlsource import open_to_read

    stale, files = [], schema_files()
    for relative, text in files.items():
        path = os.path.join(args.root, relative)
        try:
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                replace_file(path, text)
            elif not os.path.exists(path):
                stale.append(f"{path} does not exist")
            else:
                with open_to_read(path, "r", encoding="utf-8") as current:
                    if current.read() != text:
                        stale.append(f"{path} is out of date")
        except (OSError, UnicodeDecodeError) as error:
            print(f"error: {path}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
            return 1
    for problem in stale:
        print(f"{problem}: run `plansite schema`", file=sys.stderr)
    if not stale:
        print(f"{len(files)} schema(s) {'up to date' if args.check else 'written'}: {SCHEMA_FILE}, "
              f"{CONTENT_SCHEMAS}/", file=sys.stderr)
    return 1 if stale else 0


# Sub-commands that live next to the stage they drive, each module exposing ``register(commands)``.  Only the
# module of the command being run is imported (a quick ``check`` or a no-op ``generate`` needs neither the
# renderer nor git's history); ``plansite --help`` and a mistyped command import them all.
COMMANDS = {"generate": "generator.build", "build": "generator.build", "serve": "generator.serve",
            "import": "generator.importer.command", "changes": "generator.changetext",
            "publish": "generator.publish", "retract": "generator.retract", "find": "generator.find",
            "init": "generator.initproject"}


# Commands that also serve a folder that is no project (yet): a new project, a draft to stdout, the schemas of a
# new project, and a comparison of two revisions in git, which need no files on disk.
PROJECT_FREE = {"init", "import", "schema", "changes"}


def command_named(argv: list[str] | None) -> str | None:
    """The command ``argv`` names, if it can tell without the commands' own arguments."""
    words = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    words.add_argument("--root")
    words.add_argument("command", nargs="?")
    try:
        return words.parse_known_args(argv)[0].command
    except argparse.ArgumentError:
        return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``command``, only that command's module is imported (see ``COMMANDS``)."""
    parser = argparse.ArgumentParser(prog="plansite", description="Government work plans → a searchable website.")
    parser.add_argument("--root", default=".", help="project directory holding content/ and plans/ (default: .)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate content/ and plans/, reporting every problem")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text (default: path:line:column: severity: field: message, a line each) or json "
                            "(a list of objects, for editors and CI)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=cmd_check)

    schema = commands.add_parser("schema", help=f"write the JSON Schemas of the plan format ({SCHEMA_FILE}) "
                                                f"and of the files of content/ ({CONTENT_SCHEMAS}/)")
    schema.add_argument("--check", action="store_true", help="only check that the files are up to date")
    schema.set_defaults(run=cmd_schema)

    if command in COMMANDS:
        modules = [COMMANDS[command]]
    elif command in commands.choices:  # defined here
        modules = []
    else:
        modules = list(dict.fromkeys(COMMANDS.values()))
    for module in modules:
        importlib.import_module(module).register(commands)
    said = {action.dest: action.help for action in commands._choices_actions}  # each command's line in --help
    for name, command_parser in commands.choices.items():
        command_parser.add_argument("--root", default=argparse.SUPPRESS, help=argparse.SUPPRESS)  # after it too
        command_parser.description = command_parser.description or said[name]  # `plansite check --help` says it
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(command_named(argv))
    args = parser.parse_args(argv)
    if not os.path.isdir(args.root):
        parser.error(f"--root {args.root}: no such directory (the project holding content/ and plans/)")
    if args.command not in PROJECT_FREE and not any(os.path.isdir(os.path.join(args.root, s)) for s in SOURCES):
        parser.error(f"no Plansite project in {os.path.abspath(args.root)}: it holds neither content/ nor plans/; "
                     "run the command in a project's folder, or pass --root DIR (`plansite init --org ID --name 名称` "
                     "makes a new project)")
    try:
        with terminate_as_interrupt():  # SIGTERM (a CI job cancelled, kill) too: what is half-made is cleaned up
            return args.run(args)
    except KeyboardInterrupt as stopped:  # Ctrl-C: a line, not a traceback (files are written whole or not at all)
        done = f" {stopped}" if isinstance(stopped, Interrupted) else ""  # what was done, such as docs/ swapped in
        print(f"plansite {args.command}: interrupted{done}", file=sys.stderr)
        return 130  # as a shell reports a command stopped by SIGINT
    except BrokenPipeError:  # stdout's reader stopped reading (`plansite find … | head`): stop quietly
        # Python flushes stdout once more at exit, which would fail again: send what is left nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
