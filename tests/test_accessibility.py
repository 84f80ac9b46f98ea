"""Accessibility of the built site in Debian's chromium: axe-core, reduced motion, enlarged text.

axe-core comes from the npm registry at the version pinned in tests/package-lock.json; the
``axe`` fixture runs ``npm ci`` in tests/ when tests/node_modules lacks that version (a fresh
machine needs node and npm, and the registry once).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from browserfixtures import browser  # noqa: F401  (session fixture)
from sitefixtures import built_corpus, built_site, site_url  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parent
AXE = TESTS / "node_modules" / "axe-core"
BLOCKING = {"serious", "critical"}

def pinned_axe_version() -> str:
    lock = json.loads((TESTS / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/axe-core"]["version"]


def installed_axe_version() -> str | None:
    manifest = AXE / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.exists() else None


@pytest.fixture(scope="session")
def axe() -> Path:
    """The path of axe.min.js, installed with ``npm ci`` from tests/package-lock.json when missing."""
    if installed_axe_version() != pinned_axe_version():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TESTS, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert installed_axe_version() == pinned_axe_version()
    return AXE / "axe.min.js"


@pytest.fixture(scope="module")
def pages(built_corpus) -> dict[str, str]:
    """The pages to check, by kind: each kind's page with the most content, the finder with results."""
    plan = max(built_corpus.plans, key=lambda p: len(built_corpus.by_plan[p.id]))
    theme = max(built_corpus.vocabulary.themes, key=lambda t: len(built_corpus.by_theme[t.id]))
    department = max(built_corpus.vocabulary.departments,
                     key=lambda d: len(built_corpus.owned_by[d.id]) + len(built_corpus.supported_by[d.id]))
    return {"home": "", "plan": f"plans/{plan.id}/", "theme": f"themes/{theme.id}/",
            "department": f"departments/{department.id}/", "finder": f"tasks/?year={built_corpus.years[0]}",
            "edition": "editions/2024.2/"}  # a text's edits marked as removed and inserted


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    if "/tasks/" in url:
        page.wait_for_function("document.getElementById('finder-results').children.length > 0")
    return page


def blocking_violations(page, axe: Path) -> list[str]:
    page.add_script_tag(path=str(axe))
    report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{violation['id']} ({violation['impact']}) {node['target']}: {violation['help']}"
            for violation in report["violations"] if violation["impact"] in BLOCKING
            for node in violation["nodes"]]


@pytest.mark.parametrize("scheme, viewport", [("light", (1280, 800)), ("dark", (1280, 800)), ("light", (375, 740))])
def test_no_serious_or_critical_axe_violations(browser, site_url, pages, axe, scheme, viewport):
    width, height = viewport
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": height})
    found = {}
    for kind, path in pages.items():
        page = open_page(context, site_url + path)
        found[kind] = blocking_violations(page, axe)
        page.close()
    context.close()
    assert found == {kind: [] for kind in pages}


# The width of each element an edit is marked with, and of its text alone.
EDIT_WIDTHS = """() => Array.from(document.querySelectorAll('.md-content del, .md-content ins'), element => {
    const text = document.createRange();
    text.selectNodeContents(element);
    return [element.getBoundingClientRect().width, text.getBoundingClientRect().width];
})"""


def test_edits_of_a_text_say_what_they_are_to_screen_readers_only(browser, site_url):
    """Screen readers do not announce del and ins by default: each says what it is (site.css), in text that
    takes no room on the screen."""
    context = browser.new_context()
    page = open_page(context, site_url + "editions/2024.2/")
    detail = page.locator("li", has_text="开展心理健康教育").last
    assert [line.strip() for line in detail.aria_snapshot().splitlines()][1:6] == [
        "- text: 正文：…。 开展心理健康教育", "- deletion: 删除： 示范 （删除结束）", "- insertion: 新增： 特色 （新增结束）",
        "- text: 学校", "- insertion: 新增： 创 （新增结束）"]
    widths = page.evaluate(EDIT_WIDTHS)
    assert widths and all(abs(element - text) < 0.5 for element, text in widths), widths
    context.close()


MOTION = """() => Array.from(document.querySelectorAll('*'), element => {
    const style = getComputedStyle(element);
    const moving = value => value.split(',').some(duration => parseFloat(duration) > 0);
    return [element.tagName + '.' + element.className,
            moving(style.transitionDuration),
            style.animationName !== 'none' && moving(style.animationDuration),
            style.scrollBehavior === 'smooth'];
})"""


def moving_elements(browser, url: str, reduced_motion: str) -> list[list]:
    context = browser.new_context(reduced_motion=reduced_motion)
    page = open_page(context, url)
    found = [row for row in page.evaluate(MOTION) if any(row[1:])]
    context.close()
    return found


def test_reduced_motion_stops_transitions_animations_and_smooth_scrolling(browser, site_url, pages):
    for path in pages.values():
        assert moving_elements(browser, site_url + path, "no-preference")  # what there is to stop
        assert moving_elements(browser, site_url + path, "reduce") == []


ENLARGE_TEXT = """() => {
    const root = document.documentElement;
    root.style.fontSize = 2 * parseFloat(getComputedStyle(root).fontSize) + 'px';
}"""

OVERFLOW = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
TEXT_SIZE = "() => parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)"


@pytest.mark.parametrize("width", [1280, 360])
def test_text_at_twice_the_size_fits_the_width(browser, site_url, built_corpus, pages, width):
    paths = [pages["home"], pages["finder"], *(f"plans/{plan.id}/" for plan in built_corpus.plans)]
    context = browser.new_context(viewport={"width": width, "height": 800})
    for path in paths:
        page = open_page(context, site_url + path)
        size = page.evaluate(TEXT_SIZE)
        page.evaluate(ENLARGE_TEXT)
        assert page.evaluate(TEXT_SIZE) == 2 * size
        scroll_width, client_width = page.evaluate(OVERFLOW)
        assert scroll_width <= client_width, f"{path} is {scroll_width}px wide in a {client_width}px window"
        page.close()
    context.close()


def test_page_zoomed_to_twice_the_size_fits_the_width(browser, site_url, built_corpus, pages):
    """A 1280px window at 200% zoom: 640 CSS pixels of twice the density."""
    paths = [pages["home"], pages["finder"], *(f"plans/{plan.id}/" for plan in built_corpus.plans)]
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    for path in paths:
        page = open_page(context, site_url + path)
        scroll_width, client_width = page.evaluate(OVERFLOW)
        assert scroll_width <= client_width, f"{path} is {scroll_width}px wide in a {client_width}px window"
        page.close()
    context.close()


def test_pages_load_without_console_errors_or_failed_requests(browser, site_url, pages):
    """Nothing a page or Material's scripts ask for is missing (the feed's <link rel="alternate"> made Material
    fetch feeds/sitemap.xml, a 404 on every page load), and no script logs an error."""
    context = browser.new_context()
    found = {}
    for kind, path in pages.items():
        page = context.new_page()
        problems = found[kind] = []
        page.on("console", lambda message, seen=problems: message.type == "error" and seen.append(message.text))
        page.on("response", lambda response, seen=problems: seen.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto(site_url + path, wait_until="networkidle")
        page.close()
    context.close()
    assert found == {kind: [] for kind in pages}


def test_the_hint_of_a_key_shows_only_where_there_is_a_keyboard(browser, site_url):
    """或按 S 键 on the home page: a phone has no S key to press."""
    shown = {}
    for device, options in (("desktop", {}), ("phone", {"viewport": {"width": 390, "height": 844},
                                                        "has_touch": True, "is_mobile": True})):
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(site_url)
        shown[device] = page.locator(".plansite-keyboard").is_visible()
        context.close()
    assert shown == {"desktop": True, "phone": False}


FOCUSED = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
    return {drawer: e.closest('.md-sidebar--primary') !== null, article: e.closest('article') !== null,
            searchOutput: e.closest('.md-search__output') !== null,
            searchOpen: document.getElementById('__search').checked,
            role: e.getAttribute('role'), name: e.getAttribute('aria-label'), expanded: e.getAttribute('aria-expanded'),
            onScreen: r.right > 0 && r.left < innerWidth && r.width > 0} }"""


def tab_until(page, reached) -> list[dict]:
    """Press Tab until ``reached`` holds for what is focused; what each press focused."""
    stops = []
    while not (stops and reached(stops[-1])):
        assert len(stops) < 40, "Tab never reached it"
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def test_on_a_phone_tab_skips_the_closed_navigation_and_its_button_opens_it(browser, site_url, pages):
    """Below Material's breakpoint the navigation is a drawer off the screen's edge: closed, Tab went through its
    links unseen (twelve stops before the page's own), and its menu button, a label, could not be reached."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pages["plan"])
    stops = tab_until(page, lambda stop: stop["article"])
    assert not any(stop["drawer"] for stop in stops)
    button = [stop for stop in stops if stop["role"] == "button" and stop["name"] == "导航菜单"]
    assert button == [{**button[0], "expanded": "false", "onScreen": True}]

    page.goto(site_url + pages["plan"])
    tab_until(page, lambda stop: stop["name"] == "导航菜单")
    said = []
    for key in ("Enter", "Space", "Space"):
        page.keyboard.press(key)
        said.append(page.evaluate(FOCUSED)["expanded"])
    assert said == ["true", "false", "true"]
    assert tab_until(page, lambda stop: stop["drawer"])[-1]["onScreen"]
    context.close()


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)])
def test_tab_never_stops_on_the_search_results_while_they_are_hidden(browser, site_url, pages, viewport):
    """Material's box of search results (键入以开始搜索, or the results of the last query) is in the Tab order
    while the search is closed and the box invisible: Tab from the search field, which closes the search, went to
    it, unseen, and so did Tab from the top of the page."""
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pages["plan"])
    stops = tab_until(page, lambda stop: stop["article"])
    assert not any(stop["searchOutput"] and not stop["searchOpen"] for stop in stops), stops

    page.goto(site_url + pages["plan"])
    query = page.locator("input.md-search__input")
    page.keyboard.press("s")  # Material's key for the search, at every width
    query.fill("心理健康")
    page.locator(".md-search-result__list > li.md-search-result__item").first.wait_for(timeout=15000)
    page.keyboard.press("Tab")  # closes the search
    stop = page.evaluate(FOCUSED)
    assert not stop["searchOpen"] and not stop["searchOutput"], stop
    context.close()


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)])
def test_on_a_phone_the_search_opens_from_a_button_not_from_its_hidden_field(browser, site_url, pages, viewport):
    """On a phone the header's search button, a label, was out of the Tab order and Tab reached the hidden search
    field instead, whose focus opened the full-screen search and the next Tab closed it.  It is a button now, and
    the field is reached through it; on a desktop the field is in the header, the Tab stop it was, and no button
    shows.  Material's keys for the search (S, F, /) open it at both widths."""
    width, height = viewport
    phone = width < 960
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pages["plan"])
    stops = tab_until(page, lambda stop: stop["article"])
    query_stops = [stop for stop in stops if stop["name"] == "搜索" and stop["role"] is None]
    buttons = [stop for stop in stops if stop["name"] == "搜索" and stop["role"] == "button"]
    assert (len(query_stops), len(buttons)) == ((0, 1) if phone else (1, 0)), stops
    if phone:
        assert buttons[0]["expanded"] == "false" and buttons[0]["onScreen"]
        for key in ("Enter", "Space"):
            page.goto(site_url + pages["plan"])
            tab_until(page, lambda stop: stop["role"] == "button" and stop["name"] == "搜索")
            page.keyboard.press(key)
            opened = page.evaluate(FOCUSED)
            assert (opened["searchOpen"], opened["name"], opened["onScreen"]) == (True, "搜索", True), (key, opened)
            page.keyboard.press("Escape")
            assert not page.evaluate(FOCUSED)["searchOpen"]
    for key in ("s", "f", "/"):
        page.goto(site_url + pages["plan"])
        page.keyboard.press(key)
        page.wait_for_function("document.getElementById('__search').checked")  # on the field's focus, soon after
        opened = page.evaluate(FOCUSED)
        assert (opened["name"], opened["role"], opened["onScreen"]) == ("搜索", None, True), (key, opened)
    context.close()


def test_on_a_phone_escape_and_the_back_arrow_give_the_focus_back_to_the_search_button(browser, site_url, pages):
    """Escape closes the full-screen search: focus was left on the page (Material blurs the field), and the next
    Tab started again from the top, not from the 搜索 button that opened the search.  The back arrow, which closes
    it too, left the focus on the page as well (a label takes none): it goes to the button alike.  A close by Tab
    leaves the focus where Tab put it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pages["plan"])
    tab_until(page, lambda stop: stop["role"] == "button" and stop["name"] == "搜索")
    page.keyboard.press("Enter")
    page.locator("input.md-search__input").fill("心理健康")
    page.keyboard.press("Escape")
    closed = page.evaluate(FOCUSED)
    assert (closed["searchOpen"], closed["role"], closed["name"], closed["expanded"]) == \
        (False, "button", "搜索", "false"), closed

    page.goto(site_url + pages["plan"])
    page.keyboard.press("s")  # from the page itself: no control opened it, the search's button takes the focus
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    closed = page.evaluate(FOCUSED)
    assert (closed["searchOpen"], closed["role"], closed["name"]) == (False, "button", "搜索"), closed

    page.locator("article").click()  # then by the pointer
    page.locator("label.md-header__button[for='__search']").click()
    page.wait_for_function("document.getElementById('__search').checked")
    page.locator(".md-search__form label.md-search__icon[for='__search']").click()  # the back arrow
    page.wait_for_function("!document.getElementById('__search').checked")
    closed = page.evaluate(FOCUSED)
    assert (closed["role"], closed["name"], closed["expanded"]) == ("button", "搜索", "false"), closed

    page.keyboard.press("Enter")  # open again from the button, and leave by Tab
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.press("Tab")
    left = page.evaluate(FOCUSED)
    assert not left["searchOpen"] and left["name"] != "搜索", left
    context.close()


def test_on_a_desktop_escape_gives_the_focus_back_to_the_control_tab_left_for_the_search_field(browser, site_url,
                                                                                            pages):
    """On a wide screen the search field is in the header, a Tab stop whose focus opens the search.  Escape, which
    closes it, left the focus on the page (Material blurs the field): it goes back to the control a keyboard came
    from, as on a phone it goes to the 搜索 button (the field itself would open the search again).  Opened by a key
    (S) with nothing focused, the search has no control to give it back to: the focus stays on the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pages["plan"])
    stops = tab_until(page, lambda stop: stop["name"] == "搜索")  # the field: its focus opens the search
    assert len(stops) > 1 and stops[-1]["role"] is None, stops
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.type("心理健康")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement !== document.body")
    assert page.evaluate(FOCUSED) == stops[-2]

    page.goto(site_url + pages["plan"])
    page.keyboard.press("s")
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement === document.body"), page.evaluate(FOCUSED)
    context.close()


def test_on_a_desktop_escape_never_scrolls_the_page_to_what_had_the_focus(browser, site_url, pages):
    """A mouse user may leave the focus on a link low on a page and scroll back up with the wheel: a click on the
    search field, then Escape, gave the focus back to that link, and the page jumped down to it (1708 px on a plan
    page).  The field reached by the pointer has no control to give the focus back to: it stays on the page, which
    stays where it is.  Reached by a key (/) pressed there, Escape gives the focus back to the link, without
    scrolling to it."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pages["plan"])
    link = page.locator("article a").last
    for reach, focused in (("click", "body"), ("/", "link")):
        link.focus()
        assert page.evaluate("scrollY") > 800
        page.mouse.move(640, 400)
        page.mouse.wheel(0, -page.evaluate("scrollY"))
        page.wait_for_function("scrollY === 0")
        if reach == "click":
            page.locator("input.md-search__input").click()
        else:
            page.keyboard.press(reach)
        page.wait_for_function("document.getElementById('__search').checked")
        page.keyboard.type("心理健康")
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__search').checked")
        scrolled = page.evaluate("new Promise(done => requestAnimationFrame(() => done(scrollY)))")
        on = {"body": page.evaluate("document.activeElement === document.body"),
              "link": link.evaluate("link => link === document.activeElement")}
        assert (reach, scrolled, on[focused]) == (reach, 0, True)
    context.close()
