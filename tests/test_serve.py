"""``plansite serve``: the preview follows edits to plans/ and keeps the last good state on errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from sitefixtures import make_site_project

pytestmark = pytest.mark.site

PLAN = "plans/2025/xx-edu-2025.yaml"
TITLE = "XX市教育局2025年工作要点"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (value := condition()) is not None and value is not False:
            return value
        time.sleep(0.2)
    raise AssertionError(f"still not true after {seconds}s")


# plansite serve as a large project gets it: the first build makes the pages in two processes
AS_LARGE = ("import sys; from generator import cli, forkbuild, processes; forkbuild.PAGES_PER_PROCESS = 1; "
            "processes.cores = lambda: 2; sys.exit(cli.main(sys.argv[1:]))")


@pytest.fixture(params=["small", "large"])
def served(tmp_path, request):
    root = make_site_project(tmp_path)
    port = free_port()
    program = ["-c", AS_LARGE] if request.param == "large" else ["-m", "generator"]
    process = subprocess.Popen([sys.executable, *program, "--root", str(root), "serve",
                                "-a", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield root, f"http://127.0.0.1:{port}/", process, request.param
    finally:
        if process.poll() is None:
            process.terminate()
            process.communicate(timeout=30)


def stop(process) -> str:
    process.terminate()
    return process.communicate(timeout=30)[0].decode("utf-8", "replace")


def test_edits_to_a_plan_reach_the_preview(served):
    root, url, process, size = served
    plan_url = url + "plans/xx-edu-2025/"
    assert TITLE in wait_for(lambda: fetch(plan_url))
    docs_page, other_plan = root / "docs" / "departments" / "taobei-anquan.md", root / "docs/plans/taobei-edu-2025.md"
    untouched = docs_page.stat().st_mtime_ns, other_plan.stat().st_mtime_ns

    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace(f"title: {TITLE}", f"title: {TITLE}（修订）"),
                    encoding="utf-8")
    wait_for(lambda: f"{TITLE}（修订）" in (fetch(plan_url) or ""))
    assert (docs_page.stat().st_mtime_ns, other_plan.stat().st_mtime_ns) == untouched  # not rewritten
    searched = json.loads(fetch(url + "search/search_index.json"))["docs"]
    titles = {doc["location"]: doc["title"].replace("\u200b", "") for doc in searched}  # without jieba's cuts
    assert titles["plans/xx-edu-2025/"] == f"{TITLE}（修订）"
    assert [doc["location"] for doc in searched].count("plans/xx-edu-2025/") == 1  # the old entry replaced
    assert "plans/taobei-edu-2025/" in titles and "" in titles  # pages the rebuild did not make, and did
    plan.write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")  # saved again as it is: no rebuild
    time.sleep(1)

    plan.write_text(plan.read_text(encoding="utf-8").replace("themes: [safety]", "themes: [safty]")
                    .replace("（修订）", "（再修订）"), encoding="utf-8")
    time.sleep(2)
    page = fetch(plan_url)
    assert f"{TITLE}（修订）" in page and "再修订" not in page
    output = stop(process)
    assert "unknown theme 'safty'" in output
    assert output.count("Detected file changes") == 1  # the one edit that changed docs/
    assert ("preview: pages made in 2 processes" in output) == (size == "large")


def test_a_terminated_preview_removes_its_site(tmp_path):
    """SIGTERM (a test, the benchmark, a service manager) stops the preview as Ctrl-C does: exit 0, and the
    temporary site is gone (it was left in /tmp, a whole site per preview)."""
    root, temporary, port = make_site_project(tmp_path / "project"), tmp_path / "tmp", free_port()
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "-a",
                                f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "TMPDIR": str(temporary)})
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/"))
        assert len(list(temporary.glob("plansite-serve-*"))) == 1
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    assert not list(temporary.glob("plansite-serve-*"))  # (jieba's and Jinja's caches are meant to stay)


@pytest.mark.parametrize("plans_for_a_child", [0, 10_000], ids=["in a process of its own", "in the server's"])
def test_regenerating_says_whether_docs_changed(tmp_path, monkeypatch, plans_for_a_child):
    from generator import build, serve
    from projects import PLAN, make_project, write

    monkeypatch.setattr(build, "PLANS_FOR_A_CHILD", plans_for_a_child)
    make_project(tmp_path)
    assert serve.regenerate(str(tmp_path)) is True
    page = tmp_path / "docs" / "plans" / "demo-edu-2025.md"
    assert serve.regenerate(str(tmp_path)) is False
    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("扩大普惠资源", "改过的标题"))
    assert serve.regenerate(str(tmp_path)) is True and "改过的标题" in page.read_text(encoding="utf-8")
    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("[preschool]", "[pre-school]"))
    assert serve.regenerate(str(tmp_path)) is None and "改过的标题" in page.read_text(encoding="utf-8")


def test_a_large_projects_edited_plan_is_written_before_the_other_pages(tmp_path, monkeypatch):
    """The preview of a large project shows the page of an edited plan as soon as it is rendered: the
    ``plansite generate`` process writes it, says so, and only then makes the other pages."""
    from generator import build, serve
    from projects import PLAN, make_project, write

    monkeypatch.setattr(build, "PLANS_FOR_A_CHILD", 0)  # generated in a process of its own
    make_project(tmp_path)
    assert serve.regenerate(str(tmp_path)) is True
    plan_file, themes = tmp_path / "plans/2025/demo-edu-2025.yaml", tmp_path / "content/themes.yaml"
    plan_page, theme_page = tmp_path / "docs/plans/demo-edu-2025.md", tmp_path / "docs/themes/preschool/2025.md"
    seen = []

    def first_written():
        seen.append((plan_page.read_text(encoding="utf-8"), theme_page.read_text(encoding="utf-8")))

    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("扩大普惠资源", "改过的标题"))
    assert serve.regenerate(str(tmp_path), [str(themes), str(plan_file)], first_written) is True
    [(plan_then, theme_then)] = seen
    assert "改过的标题" in plan_then and "改过的标题" not in theme_then  # the plan's page before the others
    assert "改过的标题" in theme_page.read_text(encoding="utf-8")   # and then every page

    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("扩大普惠资源", "又改过"))
    assert serve.regenerate(str(tmp_path), [str(themes)], first_written) is True  # not a plan file
    assert serve.regenerate(str(tmp_path), [str(plan_file)], first_written) is False  # nothing changed
    write(tmp_path, "plans/2025/demo-edu-2025.yaml", PLAN.replace("扩大普惠资源", "再改过"))
    changed = [str(plan_file)] + [str(tmp_path / f"plans/other-{n}.yaml") for n in range(serve.FIRST_AT_MOST)]
    assert serve.regenerate(str(tmp_path), changed, first_written) is True  # too many: no page first
    assert len(seen) == 1 and "再改过" in plan_page.read_text(encoding="utf-8")
