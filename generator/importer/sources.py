"""Read a source document into plain text: .txt, .html/.htm, .docx, .pdf, .xlsx (``workbooks``).

The text returned here is "the source text as read": item spans are offsets
into it, so reading must be deterministic.  Line ends are normalised to
``\\n`` (as Python's text mode does) and a byte-order mark is dropped.
"""

from __future__ import annotations

import logging
import os
import re
import statistics
import unicodedata
import zipfile
from html.parser import HTMLParser
from typing import BinaryIO, Callable

from ..diagnostics import Diagnostic
from ..yamlsource import cannot_read, open_to_read
from .markers import starts_numbered
from .tables import split_cells
from .textmap import Mapped, squeezed
from .wordlists import Lists
from .workbooks import Place, read_xlsx

MAX_BYTES = 32 * 1024 * 1024


def read_source(path: str) -> tuple[str | None, list[Diagnostic], tuple[Place, ...]]:
    """The document's text, a warning if its line wraps were repaired (``_unwrapped``), and where each line is in
    the document when a line's number does not say (a workbook's sheet and row, else none); or None, a diagnostic
    saying why it cannot be read, and no places."""
    extension = os.path.splitext(path)[1].lower()
    reader = READERS.get(extension)
    if os.path.isdir(path):
        return None, [Diagnostic(path, 0, 0, "", "is a folder: give the published document's file")], ()
    if extension in OLDER_FORMATS:
        kind, newer = OLDER_FORMATS[extension]
        return None, [Diagnostic(path, 0, 0, "", f"cannot import {extension} files ({kind}): open it in Word, "
                                 f"Excel or WPS and save it as {newer}")], ()
    if reader is None:
        known = ", ".join(sorted(READERS))
        return None, [Diagnostic(path, 0, 0, "", f"cannot import {extension or 'a file without extension'} "
                                 f"files (known: {known})")], ()
    try:
        with open_to_read(path) as file:
            if os.fstat(file.fileno()).st_size > MAX_BYTES:
                return None, [Diagnostic(path, 0, 0, "", f"file is larger than {MAX_BYTES:,} bytes")], ()
            text, notes, places = reader(file)
            text = normalise_newlines(text)
    except OSError as exc:
        return None, [cannot_read(path, exc.strerror or str(exc))], ()
    except (UnicodeDecodeError, ValueError) as exc:
        return None, [cannot_read(path, str(exc))], ()
    if extension in PLAIN_TEXT and hard_wrapped(text):
        return *_unwrapped(path, text), places
    return text, [Diagnostic(path, 0, 0, "", note, "warning") for note in notes], places


def _unwrapped(path: str, text: str) -> tuple[str, list[Diagnostic]]:
    """A plain text copied out of a PDF, its line wraps repaired, and a warning that its lines are no longer
    the file's: the line numbers the importer gives and the spans of the items count the repaired lines."""
    repaired = repair_wraps(text)
    joined = _lines(text) - _lines(repaired)
    return repaired, [Diagnostic(path, 0, 0, "", (
        f"the text reads as a copy of a PDF, its lines broken mid-sentence: {joined} line(s) joined to the line "
        "before; line numbers given here are those of the text so joined, not of the file"), "warning")]


def _lines(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip())


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- plain text -----------------------------------------------------------------

def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:  # a byte short (cut off), or a lone half of a surrogate pair
            raise ValueError(f"text starts with a UTF-16 byte order mark but is not UTF-16 throughout "
                             f"(byte {exc.start}: {exc.reason}; was the file cut off?)") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ValueError(f"text is neither UTF-8 nor GB18030 (byte {exc.start}: 0x{raw[exc.start]:02x})") from None


def read_txt(file: BinaryIO) -> str:
    """The text as the file holds it (``read_source`` repairs its line wraps if it was copied from a PDF)."""
    return decode(file.read())


# --- saved web pages ------------------------------------------------------------------

_DROPPED_TAGS = {"script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
                 "form", "iframe", "svg", "button", "select", "object", "canvas"}
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source",
              "embed", "param", "track"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tbody", "thead",
               "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd",
               "center", "body", "html", "figure", "figcaption", "address"}
_CELL_TAGS = {"td", "th"}
_NEVER_CHROME = {"html", "body", "main", "article"}  # whatever their classes say (body class="has-header")
_HEADING_TAGS = {"h1", "h2", "h3"}
# class/id words of site chrome (navigation, share bars, footers) and of article containers
_CHROME = re.compile(r"(?:^|[\s_-])(nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|share|sidebar|"
                     r"copyright|toolbar|tools|related|comments?|banner|logo|search|login|position|location|"
                     r"print|ads?|advert|qrcode|ewm|friendlink|links)(?:$|[\s_-])", re.I)
_CONTAINER_TAGS = {"html", "body", "div", "section", "article", "main", "table", "tbody", "tr", "td", "center"}
_CONTAINER = re.compile(r"article|content|zoom|trs_editor|detail|main|text|view|entry|post", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)


class _Element:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "_Element | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def label(self) -> str:
        return f"{self.attrs.get('id') or ''} {self.attrs.get('class') or ''}"


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: chrome elements are left out as they are read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {}, None)
        self.current = self.root
        self.skipping: list[str] = []  # open tags of a dropped subtree
        self.title = ""  # the page's <title>, in its dropped <head>

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if self.skipping:
            if tag not in _VOID_TAGS:
                self.skipping.append(tag)
            return
        if tag in _DROPPED_TAGS or (tag not in _NEVER_CHROME and _CHROME.search(
                f"{attrs.get('id', '')} {attrs.get('class', '')}")):
            if tag not in _VOID_TAGS:
                self.skipping.append(tag)
            return
        element = _Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in _VOID_TAGS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID_TAGS:
                self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        element = self.current
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.current = element.parent

    def handle_data(self, data):
        if not self.skipping:
            self.current.children.append(data)
        elif self.skipping[-1] == "title":
            self.title += data


def _cjk_count(element: _Element, counts: dict) -> int:
    """Chinese characters outside links, below ``element`` (memoised in ``counts``)."""
    if id(element) in counts:
        return counts[id(element)]
    total = 0
    for child in element.children:
        if isinstance(child, str):
            total += len(_CJK.findall(child))
        elif child.tag != "a":
            total += _cjk_count(child, counts)
    counts[id(element)] = total
    return total


def _article(root: _Element) -> _Element:
    """The element holding the article: descend while one child holds nearly all the text."""
    counts: dict = {}
    element = root
    while True:
        children = [c for c in element.children if isinstance(c, _Element)]
        total = _cjk_count(element, counts)
        if not children or not total:
            return element
        best = max(children, key=lambda c: _cjk_count(c, counts))
        share = _cjk_count(best, counts) / total
        if best.tag not in _CONTAINER_TAGS:  # a paragraph is part of the article, never all of it
            return element
        if share >= 0.85 or (share >= 0.5 and _CONTAINER.search(best.label())):
            element = best
        else:
            return element


def _find(element: _Element, tags: set[str]) -> _Element | None:
    for child in element.children:
        if isinstance(child, _Element):
            if child.tag in tags:
                return child
            found = _find(child, tags)
            if found is not None:
                return found
    return None


# Structure marks while rendering, kept apart from the page's own whitespace (which collapses).
_LINE, _CELL = "\x00", "\x01"


def _render(element: _Element, out: list[str]) -> None:
    """Text of the element: blocks on lines of their own, a table row as one line of cells."""
    for child in element.children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag == "br":
            out.append(_LINE)
        elif child.tag == "table":
            out.append(_LINE)
            for row, cells in zip(_rows(child), _grid(child)):
                _render_row(row, cells, out)
            out.append(_LINE)
        elif child.tag == "tr":  # a row outside any table (a page cut from its table, or the article's table)
            _render_row(child, [_cell_text(cell) for cell in _cells(child)], out)
        elif child.tag in _BLOCK_TAGS:
            out.append(_LINE)
            _render(child, out)
            out.append(_LINE)
        else:
            _render(child, out)


def _render_row(row: _Element, cells: list[str], out: list[str]) -> None:
    """A table's row as one line of its cells; a row of one cell as its blocks, each on a line of its own: an article
    laid out in a table (政府信息公开 pages) keeps its paragraphs, and a section row spanning the table is one line."""
    if len(cells) == 1 and _cells(row):
        out.append(_LINE)
        _render(_cells(row)[0], out)
        out.append(_LINE)
    else:
        out.append(_LINE + _CELL.join(cells) + _LINE)


def _cells(row: _Element) -> list[_Element]:
    return [cell for cell in row.children if isinstance(cell, _Element) and cell.tag in _CELL_TAGS]


def _rows(element: _Element) -> list[_Element]:
    """The rows of a table (in its thead, tbody, tfoot too), not those of a table nested in a cell."""
    rows = []
    for child in element.children:
        if isinstance(child, _Element) and child.tag == "tr":
            rows.append(child)
        elif isinstance(child, _Element) and child.tag != "table" and child.tag not in _CELL_TAGS:
            rows.extend(_rows(child))
    return rows


def _span(cell: _Element, name: str) -> int:
    value = cell.attrs.get(name, "").strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1


def _grid(table: _Element) -> list[list[str]]:
    """The cells of each row of a table, as Word's tables are read: a cell spanning rows (rowspan) is in each
    of its rows, one spanning columns (colspan) once, so that every row below a header of two rows (责任单位
    over 牵头单位 and 配合单位) has a cell for each column, and the rows sharing one 牵头单位 each name it."""
    grid = []
    above: dict[int, tuple[str, int, int]] = {}  # column -> (text, columns spanned, rows still spanned below)
    for row in _rows(table):
        cells, column, queue = [], 0, _cells(row)
        while queue or column in above:
            if column in above:
                text, width, rows = above.pop(column)
            else:
                cell = queue.pop(0)
                text, width, rows = _cell_text(cell), _span(cell, "colspan"), _span(cell, "rowspan")
            if rows > 1:
                above[column] = (text, width, rows - 1)
            cells.append(text)
            column += width
        grid.append(cells)
    return grid


def _cell_text(cell: _Element) -> str:
    pieces: list[str] = []
    _render(cell, pieces)
    return " ".join(_collapse("".join(pieces)).replace(_LINE, " ").split())


def _wide(char: str) -> bool:
    """A Chinese character or full-width punctuation (no space goes between these)."""
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


def _collapse(text: str) -> str:
    """HTML whitespace rules: runs collapse; a source line break between Chinese characters vanishes."""
    def space(found: re.Match) -> str:
        run = found.group(0)
        before, after = text[found.start() - 1: found.start()], text[found.end(): found.end() + 1]
        if "\n" in run and _wide(before) and _wide(after):
            return ""
        return " "
    return re.sub(r"[ \t\r\n\f]+", space, text)


_SITE_NAME = re.compile(r"\s*(?:[_|｜]|[-－—–]+(?![0-9０-９]))\s*")


def _page_title(title: str, article: str) -> str:
    """The document's title as the page's <title> gives it, without the site's name after it (…工作要点_云溪县人民
    政府, …清单-青溪市卫生健康委员会); "" when the article prints it (as a paragraph, not a heading)."""
    parts = [part for part in _SITE_NAME.split(" ".join(title.split())) if part]
    name = max(parts, key=len) if parts else ""
    return "" if squeezed(name) in squeezed(article) else name


def html_text(markup: str) -> str:
    """The article of a saved web page as lines of text, without the site's navigation and footer."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    article = _article(builder.root)
    pieces: list[str] = []
    if _find(article, _HEADING_TAGS) is None:  # the page heading often stands outside the article
        heading = _find(builder.root, _HEADING_TAGS)
        if heading is not None:
            pieces.append(_LINE)
            _render(heading, pieces)
            pieces.append(_LINE)
    _render(article, pieces)
    if _find(builder.root, _HEADING_TAGS) is None:
        pieces.insert(0, _page_title(builder.title, "".join(pieces)) + _LINE)
    lines = (line.strip().replace(_CELL, "\t") for line in _collapse("".join(pieces)).split(_LINE))
    return "".join(line + "\n" for line in lines if line.strip("\t"))


def read_html(file: BinaryIO) -> str:
    raw = file.read()
    declared = _CHARSET.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        encoding = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
        try:
            return html_text(raw.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            pass
    return html_text(decode(raw))


# --- Word documents -------------------------------------------------------------------

def read_docx(file: BinaryIO) -> str:
    """Paragraphs and tables in document order; a table row is one line of tab-separated cells.  A paragraph
    of an automatic list starts with the number Word prints for it (``wordlists``)."""
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(file)
    except (OpcError, zipfile.BadZipFile, KeyError):
        raise ValueError("not a Word document in the .docx format (a .doc of older Word versions: save it as "
                         ".docx)") from None
    lists = Lists.of(document)

    def text(paragraph: Paragraph) -> str:
        return (lists.label(paragraph._p) if paragraph.text.strip() else "") + paragraph.text

    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(text(Paragraph(block, document)))
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a horizontally merged cell is returned once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(text(p).strip() for p in cell.paragraphs if p.text.strip())
                                 .replace("\t", " "))
                lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


# --- PDF -------------------------------------------------------------------------------

_SENTENCE_END = tuple("。！？；：!?;:")
WRAPPED_MIN = 5  # a plain text is taken as wrapped from this many wrapped lines (and half of its lines)


def _table_row(line: str) -> bool:
    """Whether the line is a row of a task table (cells between tabs or |): its width is the table's, not
    the page's, and it ends without punctuation, so it is never taken for a wrapped line."""
    return split_cells(Mapped.of(line)) is not None


def _width(line: str) -> int:
    """Display width: Chinese and full-width characters count two."""
    return sum(2 if _wide(ch) else 1 for ch in line)


def _full_width(lines: list[str]) -> float | None:
    """The width from which a line runs (nearly) the full width of the page; None for fewer than two lines."""
    widths = [_width(line.strip()) for line in lines if line.strip() and not _table_row(line.strip())]
    return 0.85 * statistics.quantiles(widths, n=10)[-1] if len(widths) >= 2 else None


_OPENING, _CLOSING = "（(", "）)"


def _ends_paragraph(line: str) -> bool:
    """Whether the line ends a sentence: at its punctuation, outside brackets (（责任单位： runs on), or at the
    bracket closing a clause after the sentence (…全覆盖。（责任单位：组织人事股）)."""
    if line.endswith(tuple(_CLOSING)):
        opened = max(line.rfind(bracket) for bracket in _OPENING)
        return opened > 0 and line[opened - 1] in "。！？；!?;"
    unclosed = sum(line.count(bracket) for bracket in _OPENING) > sum(line.count(b) for b in _CLOSING)
    return line.endswith(_SENTENCE_END) and not unclosed


def _runs_on(line: str, full: float) -> bool:
    return _width(line) >= full and not _ends_paragraph(line) and not _table_row(line)


def _unpunctuated(line: str, full: float) -> bool:
    """A line running the full width without punctuation ending it: what a copy of a PDF is mostly made of."""
    return _width(line) >= full and not line.endswith(_SENTENCE_END) and not _table_row(line)


def hard_wrapped(text: str) -> bool:
    """Whether most lines of a plain text run the full width without ending a sentence: a copy of a PDF
    (市教育局 2022 年工作要点 in 30-character lines), not a text with one paragraph a line.  The rows of a
    table are not counted."""
    lines = [line.strip() for line in text.split("\n") if line.strip() and not _table_row(line.strip())]
    full = _full_width(lines)
    return full is not None and sum(_unpunctuated(line, full) for line in lines) >= max(WRAPPED_MIN, len(lines) / 2)


def repair_wraps(text: str) -> str:
    """Join lines a PDF broke mid-sentence.

    A line is joined to the next non-blank line when it runs (nearly) the full
    width of the page, does not end a sentence, and the next line does not
    start with a numbered heading; or when it runs the full width and the next
    line is a clause in brackets, which starts no paragraph (…全覆盖。 /
    （责任单位：组织人事股）).  Short lines (headings, the last line of a
    paragraph) keep their breaks, and so do the rows of a table (``_table_row``):
    they are neither joined nor measured for the page's width.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    full = _full_width(lines)
    if full is None:
        return text
    out: list[str] = []
    blanks: list[str] = []  # blank lines met while a wrapped line waits for its continuation
    wrapped = at_width = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            blanks.append(line)
            continue
        bracketed = stripped.startswith(tuple(_OPENING)) and stripped.endswith(tuple(_CLOSING))
        if (wrapped or at_width and bracketed) and not starts_numbered(stripped) and not _table_row(stripped):
            before = out[-1][-1]
            out[-1] += (" " if before.isascii() and before.isalnum() and stripped[0].isascii() else "") + stripped
        else:
            out.extend(blanks)
            out.append(line)
        blanks = []
        wrapped = _runs_on(stripped, full)
        at_width = _width(stripped) >= full and not _table_row(stripped)
    out.extend(blanks)
    return "\n".join(out)


MARGIN_SHARE = 0.15  # a running header or footer lies in the top or bottom 15% of the page


def _running_key(line, page) -> tuple[str, int] | None:
    """What a page header or footer repeats: its text (page numbers vary: 第 1 页 共 4 页, — 2 —) and height on
    the page; None for a line in the body of the page, not in its top or bottom margin."""
    if MARGIN_SHARE * page.height < line.y0 and line.y1 < (1 - MARGIN_SHARE) * page.height:
        return None
    return re.sub(r"\d+", "#", squeezed(line.get_text())), round(line.y0)


def _running_lines(pages: list) -> set[tuple[str, int]]:
    """The page headers and footers: lines of a page's margins met at the same height on at least two pages
    and half of them."""
    from pdfminer.layout import LTTextLine

    counts: dict[tuple[str, int], int] = {}
    for page in pages:
        keys = {_running_key(line, page) for line in _descendants(page, LTTextLine)}
        for key in keys - {None}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= max(2, len(pages) / 2)}


def _descendants(element, kind) -> list:
    from pdfminer.layout import LTContainer

    if isinstance(element, kind):
        return [element]
    return [found for child in element for found in _descendants(child, kind)] \
        if isinstance(element, LTContainer) else []


def _page_text(page, running: set[tuple[str, int]]) -> str:
    """The page's text as pdfminer writes it (a text box's lines, then a line end), without its running lines."""
    from pdfminer.layout import LTContainer, LTText, LTTextBox, LTTextLine

    out: list[str] = []

    def render(item) -> None:
        if isinstance(item, LTTextLine):
            if _running_key(item, page) not in running:
                out.append(item.get_text())
        elif isinstance(item, LTContainer):
            for child in item:
                render(child)
        elif isinstance(item, LTText):
            out.append(item.get_text())
        if isinstance(item, LTTextBox):
            out.append("\n")
    render(page)
    return "".join(out)


def read_pdf(file: BinaryIO) -> str:
    """The text of each page, without the header and footer the printer repeats on each (the document's
    letterhead, 第 1 页 共 4 页), its line wraps repaired."""
    from pdfminer.high_level import extract_pages
    from pdfminer.psexceptions import PSException

    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings on fonts (no FontBBox) are not the reader's
    try:
        pages = list(extract_pages(file))
    except PSException as exc:
        raise ValueError(f"not a readable PDF ({exc})") from None
    finally:
        quiet.setLevel(level)
    running = _running_lines(pages)
    return repair_wraps("\n".join(_page_text(page, running) for page in pages))


def _noteless(reader: Callable[[BinaryIO], str]) -> Callable[[BinaryIO], tuple[str, list[str], tuple[Place, ...]]]:
    """A reader that has nothing to say beside the text (a workbook's reader says which sheets it left out, and
    the sheet and row of each line): a line's number is its place."""
    return lambda file: (reader(file), [], ())


PLAIN_TEXT = (".txt", ".text")  # read as they are, then repaired if copied out of a PDF (``hard_wrapped``)
READERS = {".txt": _noteless(read_txt), ".text": _noteless(read_txt), ".htm": _noteless(read_html),
           ".html": _noteless(read_html), ".docx": _noteless(read_docx), ".pdf": _noteless(read_pdf),
           ".xlsx": read_xlsx}
OLDER_FORMATS = {".doc": ("Word 97-2003 documents", ".docx"), ".wps": ("WPS Writer documents", ".docx"),
                 ".xls": ("Excel 97-2003 workbooks", ".xlsx"), ".et": ("WPS Spreadsheets workbooks", ".xlsx")}
