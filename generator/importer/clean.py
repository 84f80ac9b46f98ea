"""Drop what the publishing website added to a document, and mend page-marker breaks.

Works on the document's lines (``textmap.Line``), so whatever survives keeps
its offsets into the source.  Only unnumbered, short lines are ever taken for
noise: a numbered heading or item is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import match_marker, starts_numbered
from .report import Unsure
from .tables import split_cells
from .textmap import Line, squeezed

NOISE_MAX = 100  # noise lines are short; longer lines are body text even when they mention 公众号

_NOISE = tuple(re.compile(p) for p in (
    # page navigation and "related" lists
    r"^(上一篇|下一篇|上一条|下一条|返回列表|返回首页|推荐访问|相关推荐|相关阅读|相关文章|热门文章|猜你喜欢)",
    # share / print / font-size bars
    r"分享到|打印本页|关闭窗口|【打印】|【关闭】|扫一扫|字号\s*[:：]?\s*[大中小]|^【?(打印|关闭|收藏)】?$",
    # ads and promotions of document-template sites
    r"公文范文|范文网|范文文库|文库网|客服微信|微信公众号|公众号\s*[:：]|务必收藏|收藏好|版权所有|免责声明|ICP备|www\.|https?://",
    r"(二维码|微信服务号|服务号|订阅号|公众号)$",
    r"^下面是小编|小编为大家|供大家参考|仅供参考|欢迎阅读",
    # article meta lines of news pages
    r"^(首页|当前位置|您当前的位置|您的位置|来源|发布时间|发布日期|浏览次数|阅读次数|点击数|作者)\s*[:：>]",
    # a government site's catalogue of public information above the text (索 引 号：…, 发布机构：…, 主题分类：…)
    r"^(索\s*引\s*号|发\s*布\s*机\s*构|生\s*成\s*日\s*期|成\s*文\s*日\s*期|发\s*文\s*日\s*期|主\s*题\s*分\s*类|"
    r"公\s*开\s*方\s*式|公\s*开\s*范\s*围|有\s*效\s*性)\s*[:：]",
    # a government site's footer: who runs it, its code, links to other sites
    r"主办单位\s*[:：].*承办单位\s*[:：]|网站标识码|^相关链接\s*[:：]",
    # a WeChat article's frame: its byline (原创 公众号 机构 日期), the calls to follow, its end and credits, the buttons;
    # a byline and a credit hold names, no clause (not 审核：严格审核各校招生计划，确保规范。)
    r"^原创\s[^。，；,;]*$|^点击(?:上方)?蓝字|^关注我们$|^阅读原文$|^[-—－\s]*END[-—－\s]*$"
    r"|^(?:编辑|责编|责任编辑|审核|校对|排版)\s*[:：丨|][^。，；,;]*$",
    r"^(?:分享|收藏|点赞|在看|转发)(?:\s+(?:分享|收藏|点赞|在看|转发))+$",
    # and its pictures' captions, a line marked ▲ naming what the picture above shows (▲全县文化旅游工作会议现场): the
    # scene of an event, not any 现场 (▲ marks items too: ▲ 规范建筑施工现场)
    r"^[▲△]\s*(?:图为|[^。，；：,;:]{0,30}(?:(?:会议?|活动|仪式|典礼|比?赛|演出|论坛|式)现场|效果图|瞬间|图片|照片|航拍图|资料图|摄)$)",
))
# A WeChat article's list of its earlier articles, to its end: 往期推荐 and the links below it
_RECOMMENDED = re.compile(r"^(?:往期推荐|往期回顾|推荐阅读)$")
# Emoji a WeChat article sets before its headings and lines (📌 一、…, ✅ 四、…, 🎯 主要目标): not the document's (the
# stars ★ ☆ mark items, see ``markers``, and the dingbats' numbers ❶ ➀ number its points)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u2604\u2607-\u2775\u2794-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3]+"
                    r"\s*")
_SUMMARY = re.compile(r"^[【\[]?摘\s*要[】\]]?\s*[:：]?\s*")
_ELLIPSIS = re.compile(r"(\.{3,}|…+|。{3,})$")
_PAGE_MARKER = re.compile(r"^[-—–－_\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4})?(\s*共\s*\d{1,4}\s*页)?[-—–－_\s]*$")
_SENTENCE_END = tuple("。！？；：!?;:”’）)】》")
HEADING_MAX = 40
SUMMARY_MIN = 15  # a summary paragraph repeats at least this many characters of the body


@dataclass(frozen=True, slots=True)
class Cleaned:
    lines: tuple[Line, ...]
    dropped: tuple[int, ...]  # source line numbers of the lines taken out
    mended: tuple[Unsure, ...] = ()  # the lines whose digits ``ocr`` mended, each with what it read


def is_noise(text: str) -> bool:
    if len(text) > NOISE_MAX or starts_numbered(text):
        return False
    return any(pattern.search(text) for pattern in _NOISE)


def _summary_block(lines: list[Line], start: int) -> int:
    """Index just past a 摘要 block at ``start`` (``start`` if there is none): the label, and the
    paragraphs after it that repeat text further on."""
    label = _SUMMARY.match(str(lines[start]))
    if label is None:
        return start
    texts = [str(line) for line in lines]
    texts[start] = texts[start][label.end():]  # a summary on the label's own line: 摘要：…
    end = start + 1
    for index in range(start, len(texts)):
        gist = squeezed(_ELLIPSIS.sub("", texts[index])).rstrip("。.;；,，")
        if index == start and not gist:
            continue
        if len(gist) < SUMMARY_MIN or gist not in squeezed("".join(texts[index + 1:])):
            break
        end = index + 1
    return end


def _mid_sentence(line: Line) -> bool:
    text = str(line)
    heading = starts_numbered(text) and len(text) <= HEADING_MAX and "。" not in text
    return not heading and not text.endswith(_SENTENCE_END)


def _broken_at_comma(line: Line, following: Line) -> bool:
    """Whether a line ends at a comma or 、 mid-sentence, as a WeChat article breaks its sentences (推动明月湖景区创成
    国家4A级旅游景区， / 新创建3A级旅游景区2家。): the ``following`` line goes on with it (neither is a table's row)."""
    return str(line).endswith(("，", "、")) and all(split_cells(each.text) is None for each in (line, following))


def _without_emoji(line: Line) -> Line:
    """The line without the emoji it starts with (📌 一、实施… -> 一、实施…; an emoji alone leaves it empty)."""
    found = _EMOJI.match(str(line))
    return Line(line.text[found.end():], line.lineno) if found else line


def _links_end(lines: list[Line], start: int) -> int:
    """Index just past the short lines from ``start`` on: the links a WeChat article lists below 往期推荐."""
    end = start
    while end < len(lines) and len(str(lines[end])) <= NOISE_MAX:
        end += 1
    return end


def clean(lines: list[Line]) -> Cleaned:
    """The lines without site noise, summary blocks and page markers (rejoining split sentences)."""
    kept: list[Line] = []
    dropped: list[int] = []
    join_next = False
    i = 0
    while i < len(lines):
        line = _without_emoji(lines[i])
        text = str(line)
        end = _links_end(lines, i + 1) if _RECOMMENDED.match(text) else _summary_block(lines, i)
        if end > i:  # 往期推荐 and its links, or a 摘要 block
            dropped.extend(l.lineno for l in lines[i:end])
            i = end
            continue
        if not text or is_noise(text):
            dropped.append(line.lineno)
        elif _PAGE_MARKER.match(text):
            dropped.append(line.lineno)
            join_next = bool(kept) and _mid_sentence(kept[-1])
        elif (join_next or kept and _broken_at_comma(kept[-1], line)) and not match_marker(text):
            kept[-1] = Line(kept[-1].text + line.text, kept[-1].lineno)
            join_next = False
        else:
            kept.append(line)
            join_next = False
        i += 1
    return Cleaned(tuple(kept), tuple(dropped))
