"""Real git repositories for tests: identity and dates come from the environment, never from config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = {"GIT_AUTHOR_NAME": "Plansite Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Plansite Test", "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``root``; ``date`` (ISO 8601) becomes the author, committer and tagger date."""
    dates = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, **IDENTITY, **dates})
    return done.stdout


def init(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    return root


def commit(root: Path, message: str, date: str | None = None) -> str:
    """Commit everything in the work tree; return the commit id."""
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--allow-empty", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()


def use_identity(monkeypatch) -> None:
    """Give the code under test (which runs git itself) the same identity."""
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)


def git_commands(monkeypatch) -> list[str]:
    """The git sub-commands run from now on (recorded, then run as usual)."""
    commands = []
    run = subprocess.run

    def recording(args, *rest, **options):
        if args[0] == "git":
            words = list(args[1:])
            while words[0] == "-c":
                words = words[2:]
            commands.append(words[0])
        return run(args, *rest, **options)

    monkeypatch.setattr(subprocess, "run", recording)
    return commands
