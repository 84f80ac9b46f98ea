"""Material's search index written in UTF-8: the same documents, about half the bytes of a Chinese site."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import searchindex
from generator.fullwidth import fold
from generator.searchindex import INDEX, compact, documents, indexed_text_bytes
from sitefixtures import built_site  # noqa: F401  (session fixture)


def test_the_built_index_is_written_in_utf8(built_site):
    raw = (built_site / "site" / INDEX).read_bytes()
    data = json.loads(raw)
    assert "心理健康".encode("utf-8") in raw and b"\\u5fc3" not in raw
    escaped = json.dumps(data, separators=(",", ":")).encode("ascii")  # as Material writes it
    assert len(raw) == len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    assert len(raw) < len(escaped)


def test_the_year_pages_of_listings_are_left_out_of_search(built_site):
    """A theme's, a metric's and the targets' year pages share out a listing whose own page is searched."""
    site = built_site / "site"
    locations = {doc["location"].split("#")[0] for doc in documents(str(site))}
    built = {str(path.parent.relative_to(site)) + "/" for path in site.rglob("index.html")}
    year_pages = {path for path in built if re.fullmatch(r"(themes/[^/]+|metrics/[^/]+|targets)/[0-9]{4}/", path)}
    assert {path.split("/")[0] for path in year_pages} == {"themes", "metrics", "targets"}
    assert not year_pages & locations
    assert {"targets/", *(path.rsplit("/", 2)[0] + "/" for path in year_pages)} <= locations


def test_an_items_target_table_is_left_out_of_its_search_entry(built_site):
    """A result shows its entry's text: the item's words, not its targets' table run together after them."""
    docs = documents(str(built_site / "site"))
    items = [doc for doc in docs if "#item-" in doc["location"] and doc["location"].startswith("plans/")]
    with_targets = [doc for doc in items if "%" in doc["text"]]
    assert with_targets and all("指标 要求 完成时限 进展 原文" not in doc["text"].replace("\u200b", "")
                                for doc in items)


def test_full_width_figures_are_indexed_in_ascii_as_the_search_field_folds_them(tmp_path):
    """A plan printing ８６４２所 or ５８％ is found by 8642 and 58%, which the search field makes of either."""
    write_index(tmp_path, {"docs": [{"location": "a/", "title": "新建书屋８６４２所", "text": "占比５８％，ＡＢ类。"}]})
    compact(str(tmp_path))
    [doc] = json.loads((tmp_path / INDEX).read_bytes())["docs"]
    assert (doc["title"], doc["text"]) == ("新建书屋8642所", "占比58%，AB类。")


def test_the_indexed_text_is_the_titles_and_texts(tmp_path):
    path = tmp_path / INDEX
    path.parent.mkdir()
    path.write_text(json.dumps({"docs": [{"location": "a/", "title": "标题", "text": "正文 text"}]}), encoding="utf-8")
    assert indexed_text_bytes(str(tmp_path)) == len("标题正文 text".encode("utf-8"))


def test_compacting_keeps_every_document(tmp_path):
    data = {"config": {"separator": "[\\s\\u200b]+"}, "docs": [{"location": "a/", "title": "心理健康",
                                                                  "text": "<p>“引号”\u200b与\\反斜杠</p>"}]}
    path = tmp_path / INDEX
    path.parent.mkdir()
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="ascii")
    before, after = compact(str(tmp_path))
    assert (before, after) == (len(json.dumps(data, separators=(",", ":"))), path.stat().st_size) and after < before
    assert json.loads(path.read_bytes()) == data


def test_a_sections_address_is_written_by_its_anchor_and_read_whole(tmp_path):
    """The entry before a section's is of its page (Material writes a page's entries together, its own
    first): the anchor alone is enough, and the worker (searchworker) puts back the page's address."""
    addresses = ["", "#如何检索", "about/", "about/#数据来源", "plans/a/", "plans/a/#sec-1", "plans/a/#item-1-1",
                 "themes/", "plans/b/#item-1", "plans/b/", "plans/b/#item-2"]
    data = {"docs": [{"location": address, "title": "标题", "text": ""} for address in addresses]}
    write_index(tmp_path, data)
    compact(str(tmp_path))
    written = [doc["location"] for doc in json.loads((tmp_path / INDEX).read_bytes())["docs"]]
    assert written == ["", "#如何检索", "about/", "#数据来源", "plans/a/", "#sec-1", "#item-1-1",
                       "themes/", "plans/b/#item-1", "plans/b/", "#item-2"]
    assert documents(str(tmp_path)) == data["docs"]


def test_a_lone_surrogate_leaves_the_index_as_it_was(tmp_path):
    path = tmp_path / INDEX
    path.parent.mkdir()
    path.write_text('{"docs":[{"location":"","title":"\\ud800","text":""}]}', encoding="ascii")
    before = path.read_bytes()
    assert compact(str(tmp_path)) == (len(before), len(before)) and path.read_bytes() == before
    assert compact(str(tmp_path / "none")) is None


def write_index(site_dir, data) -> bytes:
    path = site_dir / INDEX
    path.parent.mkdir(exist_ok=True)
    escaped = json.dumps(data, separators=(",", ":")).encode("ascii")  # as Material writes it
    path.write_bytes(escaped)
    return escaped


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.sampled_from('心理健康\\"u0d8\u200b\n\x00 😀\ud800\udc00５８％ａ．，')
                                      | st.characters()),
                      max_size=4),
       chunk=st.integers(min_value=1, max_value=40))
def test_compacting_chunk_by_chunk_keeps_the_data_and_writes_what_json_would(tmp_path, monkeypatch, texts, chunk):
    """Any text (backslashes, quotes, escapes' look-alikes, control characters, surrogates) read in any chunks;
    full-width digits, letters, ％ and ． in ASCII, as the search field folds them."""
    monkeypatch.setattr(searchindex, "CHUNK", chunk)
    data = {"docs": [{"location": f"p/#{n}" if n else "p/", "title": text, "text": text[::-1]}
                     for n, text in enumerate(texts)]}
    write_index(tmp_path, data)
    compact(str(tmp_path))
    raw = (tmp_path / INDEX).read_bytes()
    folded = {"docs": [{"location": f"#{n}" if n else "p/", "title": fold(text), "text": fold(text[::-1])}
                       for n, text in enumerate(texts)]}
    assert json.loads(raw) == folded
    if not any("\ud800" <= ch <= "\udfff" for text in texts for ch in text):
        assert raw == json.dumps(folded, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
