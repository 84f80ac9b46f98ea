"""``plansite init``: a new project in a folder, which ``plansite check`` and ``plansite build`` accept at once.

It makes ``newproject.project_files`` there, never over a file that is there (then it makes nothing), and a
git repository (page dates and editions read git) unless the folder is in one already.  It commits nothing:
the curator commits once the first plan is in.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys

# What the site is called and how search engines describe it, unless --title says otherwise (mkdocs.yml).
TITLE = "{name}工作计划"
DESCRIPTION = "{name}工作要点、工作计划、任务分解和工作总结的逐条索引与全文检索"


def one_line(text: str) -> str:
    """An argparse type: a name, on one line."""
    if not text.strip() or any(character in text for character in "\n\r\t"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a name on one line")
    return text.strip()


def make_files(folder: str, files: dict[str, str]) -> None:
    """Make ``files`` ({path: text}) in ``folder``, each only if it is not there; on a failure, remove those
    made, and the folders made for them, and raise it."""
    made, folders = [], []
    try:
        for relative, text in files.items():
            path = os.path.join(folder, relative)
            folders.extend(missing_folders(os.path.dirname(path)))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "x", encoding="utf-8") as file:
                made.append(path)
                file.write(text)
    except OSError:
        for path in made:
            with contextlib.suppress(OSError):
                os.remove(path)
        for path in reversed(folders):
            with contextlib.suppress(OSError):
                os.rmdir(path)
        raise


def missing_folders(path: str) -> list[str]:
    """The folders of ``path`` that do not exist (it among them), the outermost first."""
    missing = []
    while path and not os.path.lexists(path):
        missing.append(path)
        path = os.path.dirname(path)
    return missing[::-1]


def start_repository(folder: str) -> str:
    """Run ``git init`` in ``folder`` unless it is in a git work tree; what was done, in a line."""
    from .gitrepo import GitError, NotARepository, Repo

    repo = Repo(folder)
    try:
        return f"in the git repository at {repo.top()}"
    except NotARepository:
        repo.git("init", "--quiet")
        return "a git repository (git init): page dates and editions are read from its commits"
    except GitError as error:
        return f"no git repository ({error}): page dates and editions need one, run `git init` there"


def next_steps(folder: str, org: str) -> list[str]:
    """The commands to run next, from the current directory: the themes first, which the import gives the items."""
    steps = [] if os.path.samefile(folder, ".") else [f"cd {shlex.quote(folder)}"]
    return [*steps, "# first write content/themes.yaml, themes and their keywords: the import gives each item "
            "those its text holds",
            f"plansite import TEXT.txt --org {org} -o plans/YEAR/{org}-YEAR.yaml --add-unknown-owners",
            "plansite check", "plansite build",
            'git add -A && git commit -m "…"    # pages are dated (最后更新) by the commits of their files']


def cmd_init(args) -> int:
    from .newproject import project_files

    folder = args.folder if args.folder is not None else args.root
    if os.path.exists(folder) and not os.path.isdir(folder):
        print(f"error: {folder}: not a directory", file=sys.stderr)
        return 2
    files = project_files(args.org, args.name, args.title or TITLE.format(name=args.name),
                          DESCRIPTION.format(name=args.name))
    there = [relative for relative in files if os.path.lexists(os.path.join(folder, relative))]
    if there:
        print(f"error: {os.path.abspath(folder)} already holds {', '.join(there)}: plansite init never overwrites "
              "a file and made nothing; init an empty folder, or add what is missing by hand (see README)",
              file=sys.stderr)
        return 2
    try:
        make_files(folder, files)
    except OSError as error:
        print(f"error: {getattr(error, 'filename', None) or folder}: {error.strerror or error}; made no file",
              file=sys.stderr)
        return 1
    print(f"made a Plansite project in {os.path.abspath(folder)}:", *(f"  {relative}" for relative in files),
          f"  {start_repository(folder)}", "next:", *(f"  {step}" for step in next_steps(folder, args.org)),
          sep="\n", file=sys.stderr)
    return 0


def register(commands) -> None:
    from .importer.command import organisation_id

    parser = commands.add_parser("init", help="make a new project: mkdocs.yml, content/ and plans/ for one "
                                              "organisation, and a git repository")
    parser.add_argument("folder", metavar="DIR", nargs="?",
                        help="where to make it (default: --root, or .); created if need be")
    parser.add_argument("--org", required=True, type=organisation_id, metavar="ID",
                        help="the id of the organisation whose plans the site publishes (e.g. pingxiang-edu)")
    parser.add_argument("--name", required=True, type=one_line, help="its name (e.g. 萍乡市教育局)")
    parser.add_argument("--title", type=one_line,
                        help=f"the site's name, site_name in mkdocs.yml (default: {TITLE.format(name='NAME')})")
    parser.set_defaults(run=cmd_init)
