"""What a document says about itself: title, document number, preamble, signature and date.

``split`` takes the lines before the first numbered line or task table (the header) and the
signature block at the end (the tail) off the document; what remains is the
body that ``structure`` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Organisation
from . import tables
from .dates import parse_date
from .markers import ARABIC_STYLES, match_marker, starts_numbered
from .report import Unsure
from .textmap import Line, Mapped, joined, squeezed

TITLE_MAX = 50
HINT_MIN = 4  # shorter names (某市) identify nothing
_DOCUMENT_WORDS = re.compile(r"要点|计划|总结|方案|安排|意见|通知|报告|规划|任务|清单|分解|台账|思路")
# Punctuation that ends a sentence or a clause: a title, a heading or a lead phrase has none of it.
CLAUSE_PUNCTUATION = re.compile(r"[。，,；;：:！？!?]")
# 白洮教〔2025〕1号, perhaps labelled as a site's catalogue of public information prints it: 文　　号：松教体发〔2025〕6号
_DOCUMENT_NUMBER = re.compile(
    r"^(?:文\s*号\s*[:：]\s*)?(?P<number>[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*\d{1,4}\s*号)(?:\t.*)?$")
_PUBLICATION_NOTE = re.compile(r"^[(（]\s*此件.{0,12}[)）]$")
# an organisation's name alone, as a signature or letterhead prints it; not words of the text ending so
# (努力办好人民满意的学校, 办好每一所学校)
_SIGNATURE = re.compile(r"^(?!.*[的每])[\u4e00-\u9fff（）()]{2,30}(局|委员会|委|政府|办公室|厅|中心|学校|学院|大学|部|处|党组)$")
# 2025年; a span of years (2023—2025年) gives its first
_YEAR = re.compile(r"(19[5-9]\d|20\d\d)\s*(?:年|[-—–~～至到]\s*(?:19[5-9]\d|20\d\d)\s*年)")
# The imprint (版记) ending an official document: whom it is copied to, who printed it and when
_IMPRINT = re.compile(r"^(?:抄送|抄报|分送)\s*[:：]|印发$")
_NOTICE = re.compile(r"通知$")  # (关于印发)《…工作要点》的通知: the cover letter that issues the document
# 关于转发《…》的通知: a cover letter that passes on another's document, which neither signs nor dates it
_FORWARDING = re.compile(r"转发")
_BOOK_TITLE = re.compile(r"《(.+?)》")
_CJK_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])")
# A document-sharing site's file name for a title: 示例区教育局2024年工作计划.docx
_FILE_EXTENSION = re.compile(r"\s*[.．](?:docx?|wps|pdf|txt)$", re.I)
_NOTICE_WORDS = re.compile(r"^.*?关于印发|^.*?印发|的?通知$")
# A list of attachments: a line starting 附件： and the short numbered lines naming documents after it
_ATTACHMENTS = re.compile(r"\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]")
# An attachment printed after the document's signature and date: 附件, 附件2, 附件：…任务分解表, and a page's list of
# files to download (附件下载：)
_APPENDED = re.compile(r"^附\s*件\s*(?:下\s*载)?\s*[0-9０-９一二三四五六七八九十]*\s*(?:[:：].*)?$")
_DOCUMENT_NAME_LENGTH = 60
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")  # a bracket holding none: (试行), the innermost of nested ones
# A title's last words: a document's name (…工作要点, …的通知), perhaps with a bracket after it ((试行))
_TITLE_END = re.compile(rf"(?:{_DOCUMENT_WORDS.pattern})(?:{_BRACKETED.pattern})?$")
_REVIEW_WORDS = re.compile(r"总结|回顾|完成情况|述职")
_BREAKDOWN_WORDS = re.compile(r"分解|任务清单|台账|责任清单")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    title_line: int                    # 0 if the document has no title line
    document_number: str
    organisation_hints: tuple[str, ...]  # names the document gives itself (signature, title prefix)
    signer: Line | None                # the line that signs the document, else its cover notice (not a 转发 one)
    year: int | None
    published: date | None
    preamble: Mapped
    kind: str | None                   # plan, review or breakdown, if the title says
    sender: tuple[Line, ...] = ()      # a forwarding notice's title and signature: they name who passed it on
    appended: tuple[Line, ...] = ()    # an attachment printed after the signature and date (附件 …)
    signature: tuple[Line, ...] = ()   # the lines of the organisations signing at the end, left out of the body


def lists_attachments(text: str, listing: bool) -> bool:
    """Whether a line is one of a list of attachments: its line 附件：, or, while ``listing`` (the line above was
    one), a short numbered line naming a document (2.松山区2025年教育体育重点项目清单)."""
    if _ATTACHMENTS.match(text) is not None:
        return True
    marker = match_marker(text) if listing else None
    return marker is not None and marker.style in ARABIC_STYLES and len(text) <= _DOCUMENT_NAME_LENGTH \
        and "。" not in text


def _body_start(lines: list[Line]) -> tuple[int, list[Line]]:
    """Where the body starts, at the first numbered line or task table that is no list of attachments (a notice
    issuing the document lists it: 附件：1.…工作要点 / 2.…项目清单), and the lines of such lists above it."""
    listed, listing = [], False
    for index, line in enumerate(lines):
        listing = lists_attachments(str(line), listing)
        if listing:
            listed.append(line)
        elif starts_numbered(str(line)) or tables.header(line.text) is not None:
            return index, listed
    return len(lines), listed


def _is_title(text: str) -> bool:
    return (len(text) <= TITLE_MAX and not CLAUSE_PUNCTUATION.search(text)
            and bool(_DOCUMENT_WORDS.search(text)))


def _tail_start(lines: list[Line]) -> tuple[int, date | None, list[Line], list[Line]]:
    """Where the signature block starts, the date it gives, the lines of the organisations that sign (several
    signing it jointly: 中共桃源镇委员会 over 桃源镇人民政府), and the lines of the imprint (版记: 抄送：…,
    …2025年3月12日印发) below it."""
    start, published, signature, imprint = len(lines), None, [], []
    while start > 0 and not starts_numbered(text := str(lines[start - 1])):
        if published is None and (day := parse_date(text)):
            published = day
        elif _SIGNATURE.match(text):
            signature.insert(0, lines[start - 1])
        elif published is None and not signature and _IMPRINT.search(text):
            imprint.insert(0, lines[start - 1])
        elif not _PUBLICATION_NOTE.match(text):  # （此件公开发布） belongs to the block too
            break
        start -= 1
    return start, published, signature, imprint


def _appended_start(body: list[Line]) -> tuple[int, str]:
    """Where an attachment starts, a line 附件, 附件1 or 附件：…任务分解表 after the items, and what tells it: printed
    after the document's signature and date, or a table below it and its title (附件 / 石门县2025年县级重点项目计划表 /
    序号|项目名称|…) where the document is not signed; else the end of the body."""
    starts = [index for index, line in enumerate(body) if index and _APPENDED.match(str(line))]
    signed = next((index for index in starts if _tail_start(body[:index])[1] is not None), None)
    if signed is not None:
        return signed, "printed after the signature and date"
    titling = next((index for index in starts if _titles_a_table(body[index + 1:])), None)
    return (len(body), "") if titling is None else (titling, "the title of a table below it")


def _titles_a_table(below: list[Line]) -> bool:
    """Whether the lines below a 附件 line are titles (no clause punctuation: 附件, the table's name) down to a row
    of a table."""
    for line in below:
        if tables.split_cells(line.text) is not None:
            return True
        if len(str(line)) > TITLE_MAX or CLAUSE_PUNCTUATION.search(str(line)):
            return False
    return False


def _cover_letter_end(header: list[Line], titles: list[Line]) -> int:
    """Where the cover letter (印发通知: its title, addressees, text, signature and date) ends in the header:
    at the title of the document it issues, else after its date; 0 when the header opens with no such notice."""
    notice = next((i for i, line in enumerate(header) if line in titles and _NOTICE.search(str(line))), None)
    if notice is None:
        return 0
    for index in range(notice + 1, len(header)):
        if header[index] in titles and not _NOTICE.search(str(header[index])):
            return index
    dated = next((i for i in range(notice + 1, len(header)) if parse_date(str(header[i]))), None)
    if dated is None or "印发" not in str(header[notice]):  # a notice that is the document itself
        return 0
    after = dated + 1
    return after + 1 if after < len(header) and _PUBLICATION_NOTE.match(str(header[after])) else after


def _issued_name(notice: str) -> str:
    """The name of the document a notice issues: 关于印发《北京市2016年政务公开工作要点》的通知 -> the name in 《》."""
    found = _BOOK_TITLE.search(notice)
    return found.group(1).strip() if found else _NOTICE_WORDS.sub("", notice).strip()


def _title_text(header: list[Line], title: Line, notice: Line | None) -> str:
    """The title as printed, without the spaces a PDF sets around numbers (市教育局 2022 年工作要点) or the
    extension of a file name (工作计划.docx); a title broken over two lines (立山区政府2023年重点工作 /
    任务分解和责任分工方案) is joined when the notice names the document so."""
    return _FILE_EXTENSION.sub("", _CJK_SPACES.sub("", _title_lines(header, title, notice)))


def _title_lines(header: list[Line], title: Line, notice: Line | None) -> str:
    if notice is None:
        return str(title)
    name = _issued_name(str(notice))
    if title is notice:
        return name
    before = header.index(title) - 1
    joined_lines = str(header[before]) + str(title) if before >= 0 else ""
    return joined_lines if squeezed(joined_lines) == squeezed(name) else str(title)


def _wrapped_above(header: list[Line], title: Line | None) -> Line | None:
    """The line right above a title ending as one (…的通知) that cannot end one (某县教育局关于印发2025年全县教育系统 over
    重点工作任务的通知): a title broken by a hard wrap.  Not a line ending as a title, a letterhead (…文件), a date, a
    document number, an organisation alone (``_issuer_above``'s), an attachment's 附件 or 附件1, one with clause
    punctuation or after a blank line, nor one too long to start the title."""
    if title is None or title not in header or not _TITLE_END.search(str(title)) or header.index(title) == 0:
        return None
    above = header[header.index(title) - 1]
    text = str(above)
    if above.lineno != title.lineno - 1 or len(text) + len(str(title)) > TITLE_MAX or _TITLE_END.search(text) \
            or text.endswith("文件") or CLAUSE_PUNCTUATION.search(text) or parse_date(text) \
            or _SIGNATURE.match(text) or _DOCUMENT_NUMBER.match(text) or _APPENDED.match(text):
        return None
    return above


def _issuer_above(header: list[Line], title: Line | None, title_text: str) -> Line | None:
    """The line right above a title that starts with its year (2025年卫生健康工作要点) or with 关于 (关于…整改工作方案),
    when it names an organisation and nothing else (河西市卫生健康委员会): the title's first part, as a letterhead
    prints it."""
    if title is None or title not in header or _YEAR.split(title_text)[0].strip() and not title_text.startswith("关于"):
        return None
    above = header.index(title) - 1
    return header[above] if above >= 0 and _SIGNATURE.match(str(header[above])) else None


def _year(*texts: str) -> int | None:
    for text in texts:
        found = _YEAR.search(text)
        if found:
            return int(found.group(1))
    return None


def _kind(title: str, preamble: str) -> str | None:
    opening = title or preamble[:120]
    if _REVIEW_WORDS.search(opening):
        return "review"
    if _BREAKDOWN_WORDS.search(opening):
        return "breakdown"
    return "plan" if title else None


def split(lines: list[Line]) -> tuple[Metadata, list[Line], list[Unsure]]:
    """The document's metadata, its body lines, and what the curator should check."""
    unsure: list[Unsure] = []
    first, listed = _body_start(lines)
    header, body = lines[:first], lines[first:]
    appended_at, told = _appended_start(body)
    body, appended = body[:appended_at], tuple(body[appended_at:])
    if appended:
        unsure.append(Unsure(appended[0].lineno, f"lines {appended[0].lineno}–{appended[-1].lineno}: “{appended[0]}”, "
                             f"{told}, is kept in the plan's `closing`, not read for items: make items of its tasks "
                             "by hand if it holds any"))
    tail, published, signature, imprint = _tail_start(body)
    signer = signature[-1] if signature else None  # the lowest of several
    body = body[:tail]
    if imprint:
        unsure.append(Unsure(imprint[0].lineno, f"“{imprint[0]}”" + (f" (to line {imprint[-1].lineno})" if imprint[1:]
                                                else "") + ": the document's imprint (版记: 抄送, 印发) is left out"))

    numbered = next((found for l in header if (found := _DOCUMENT_NUMBER.match(str(l)))), None)
    number = numbered.group("number") if numbered else ""
    titles = [l for l in header if _is_title(str(l)) and not _DOCUMENT_NUMBER.match(str(l)) and l not in listed]
    cover_end = _cover_letter_end(header, titles)
    cover, header = header[:cover_end], header[cover_end:]
    notice = next((l for l in cover if l in titles), None)
    titles = [l for l in header if l in titles] or ([notice] if notice else [])
    title = titles[-1] if titles else None
    title_text = _title_text(cover + header, title, notice) if title else ""
    wrapped = _wrapped_above(header, title)
    if wrapped is not None:
        title_text = str(wrapped) + title_text
        unsure.append(Unsure(wrapped.lineno, f"“{wrapped}”, on the line above the title, cannot end a title: taken "
                                             f"as its first part, “{title_text}”"))
    issuer = _issuer_above(header, wrapped or title, title_text)
    if issuer is not None:
        title_text = str(issuer) + title_text
        unsure.append(Unsure(issuer.lineno, f"“{issuer}”, on the line above the title, is taken as its start: "
                                            f"“{title_text}”"))
    for other in titles[:-1]:
        unsure.append(Unsure(other.lineno, f"“{other}” also reads as a title; "
                                           f"used “{title_text}” (line {title.lineno})"))
    forwarding = _FORWARDING.search(str(notice)) if cover and notice else None
    if forwarding:
        unsure.append(Unsure(cover[0].lineno, f"lines {cover[0].lineno}–{cover[-1].lineno}: the notice forwarding "
                             "the document (转发通知) is left out of the preamble; its signer and date are not the "
                             "document's"))
    elif cover:
        published = published or next((d for l in cover if (d := parse_date(str(l)))), None)
        signer = signer or next((l for l in reversed(cover) if _SIGNATURE.match(str(l))), None)
        unsure.append(Unsure(cover[0].lineno, f"lines {cover[0].lineno}–{cover[-1].lineno}: the notice issuing the "
                             "document (印发通知) is left out of the preamble"))
    prose = [l for l in header if l not in titles and l not in (issuer, wrapped) and not _DOCUMENT_NUMBER.match(str(l))]
    preamble = joined((l.text for l in prose), "\n")
    prefix = _YEAR.split(title_text)[0].strip() if title_text else ""
    hints = tuple(h for h in (str(signer or ""), prefix) if h)
    year = (_year(title_text) or (int(numbered.group(2)) if numbered else None) or _year(preamble.text)
            or (published.year if published else None))
    metadata = Metadata(title_text, title.lineno if title else 0, number, hints, signer, year, published,
                        preamble, _kind(title_text, preamble.text),
                        tuple(l for l in cover if l is notice or _SIGNATURE.match(str(l))) if forwarding else (),
                        appended, tuple(signature))
    return metadata, body, unsure


def bare_name(name: str) -> str:
    """An organisation's name without its parenthesised remarks, nested ones too: 某市教育局（2024年工作要点） and
    某市教育局（2024年（修订）工作要点） -> 某市教育局."""
    while (outer := _BRACKETED.sub("", name)) != name:  # the innermost brackets, then those around them
        name = outer
    return name.strip()


def named_by(hint: str, organisations: tuple[Organisation, ...]) -> list[Organisation]:
    """The organisations a name the document gives itself may be (市教育局: every 某市教育局), in list order."""
    return [o for o in organisations
            if any(n.endswith(hint) or hint.endswith(n) for n in (o.name, bare_name(o.name)))]


def guess_organisation(hints: tuple[str, ...], text: str, organisations: tuple[Organisation, ...]) -> str | None:
    """The id of the one organisation the document names (by signature, title or text), if there is one."""
    for hint in (h for h in hints if len(h) >= HINT_MIN):
        found = {o.id for o in named_by(hint, organisations)}
        if len(found) == 1:
            return found.pop()
    found = {o.id for o in organisations if bare_name(o.name) in text}
    return found.pop() if len(found) == 1 else None
