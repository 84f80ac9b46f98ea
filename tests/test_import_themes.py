"""Theme proposals from vocabulary keywords."""

from __future__ import annotations

from generator.importer.themes import assign_themes
from generator.model import Theme

THEMES = (
    Theme(id="preschool", name="学前教育", keywords=("学前教育", "幼儿园", "入园率")),
    Theme(id="compulsory", name="义务教育", keywords=("义务教育", "控辍保学")),
    Theme(id="sports", name="体育美育", keywords=("体育", "美育")),
    Theme(id="digital", name="教育数字化", keywords=("智慧教育", "AI")),
    Theme(id="mental-health", name="心理健康", keywords=("心理健康",)),
)


def test_no_keyword_no_theme():
    assert assign_themes("加强机关作风建设。", THEMES) == ()


def test_single_theme():
    assert assign_themes("学前三年毛入园率达到94.5%以上。", THEMES) == ("preschool",)


def test_longer_keywords_weigh_more():
    # 义务教育 (4 characters) outweighs 体育 (2), whatever the vocabulary order.
    assert assign_themes("义务教育学校开齐体育课。", THEMES) == ("compulsory", "sports")


def test_repeated_hits_add_up():
    assert assign_themes("体育课、体育活动、体育节,义务教育学校。", THEMES) == ("sports", "compulsory")


def test_ties_keep_vocabulary_order():
    assert assign_themes("心理健康与学前教育。", THEMES) == ("preschool", "mental-health")
    reordered = tuple(reversed(THEMES))
    assert assign_themes("心理健康与学前教育。", reordered) == ("mental-health", "preschool")


def test_limit():
    text = "学前教育、义务教育、心理健康、智慧教育、体育。"
    assert len(assign_themes(text, THEMES)) == 3
    assert assign_themes(text, THEMES, limit=1) == ("preschool",)
    assert assign_themes(text, THEMES, limit=5) == ("preschool", "compulsory", "digital", "mental-health",
                                                      "sports")


def test_title_words_count_when_passed_with_the_text():
    title, text = "幼儿园扩容", "新建一批公办园。"
    assert assign_themes(text, THEMES) == ()
    assert assign_themes(title + text, THEMES) == ("preschool",)


def test_ascii_keywords_ignore_case():
    assert assign_themes("推广ai课堂观察系统。", THEMES) == ("digital",)


def test_themes_that_score_alike_keep_the_vocabulary_order():
    text = "心理健康、义务教育。"  # 4 characters each
    assert assign_themes(text, THEMES) == ("compulsory", "mental-health")
    assert assign_themes(text, THEMES[::-1]) == ("mental-health", "compulsory")
