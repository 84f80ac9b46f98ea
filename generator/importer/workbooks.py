"""Read an Excel workbook (.xlsx) as lines of text, as ``sources`` reads a Word document's tables.

Each visible sheet in order, each row one line of its cells between tabs; a merged cell is read in each row it
spans and once in each (a 重点任务 merged down over its measures names each, as python-docx gives Word's merged
cells), so that ``tables`` reads the rows as it reads those of a .docx.  A cell gives its value as the sheet
shows it: the value a formula last computed, a date as 2025年6月30日, 0.95 formatted as a percentage as 95%.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from typing import BinaryIO, NamedTuple, Sequence

from .textmap import squeezed

Cells = list[tuple[int, str]]  # (column, text) of a row's cells, a merged cell once, at its first column
SHEET_MAX = 31  # characters at most of a sheet's name (Excel cuts a title given as a name there)
_MARK = r"[(（]续表?[)）]"  # a table continued on the next sheet or page: （续）, （续表）, (续表)
_CONTINUED = re.compile(_MARK + r"\Z")  # after a title repeated on the next sheet: 分解表（续）, 分解表（续表）
_TABLE_NUMBER = r"[0-9０-９一二三四五六七八九十]+"
# a line of its own, in a row's first cell (续表\t\t\t), perhaps with the table's number, or a colon: 续表1, 续表 1,
# 表1（续）, 续表：
_CONTINUED_ALONE = re.compile(rf"(?:续表(?:{_TABLE_NUMBER})?|(?:表{_TABLE_NUMBER})?{_MARK})[:：]?")
_DEFAULT_NAME = re.compile(r"(?i:sheet)\s*[0-9]*|工作表\s*[0-9]*")  # a new sheet's name: Sheet1, 工作表1 (WPS)


class Place(NamedTuple):
    """Where a line of the text is in the workbook: its sheet, by name, and row."""

    sheet: str
    row: int

    def __str__(self) -> str:
        return f"sheet {self.sheet} row {self.row}"


def read_xlsx(file: BinaryIO) -> tuple[str, list[str], tuple[Place, ...]]:
    """The rows of the workbook's visible sheets as lines; notes on what was not read: hidden sheets, and
    formulas whose value the file does not hold (read as empty cells); and where each line is in the workbook,
    its sheet and row (sheet 附件2 row 4), for the report, whose line numbers a curator cannot find in a
    spreadsheet."""
    import openpyxl

    book = _shown(file)
    file.seek(0)
    formulas = openpyxl.load_workbook(file, read_only=True)
    lines, notes, places = [], [], []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            notes.append(f"sheet {sheet.title} is hidden in the workbook: not read (unhide it to import it)")
            continue
        for number, cells in _rows(sheet):
            lines.append("\t".join(text for _, text in cells))
            places.append(Place(sheet.title, number))
        notes.extend(_uncomputed(sheet, formulas[sheet.title]))
    formulas.close()
    return "".join(line + "\n" for line in lines), notes, tuple(places)


def sheet_starts(places: Sequence[Place]) -> tuple[tuple[int, str], ...]:
    """The line number each sheet's lines start at and the sheet's name, for a workbook of several sheets read
    (none for one sheet, or for places of no workbook)."""
    starts = tuple((line, place.sheet) for line, place in enumerate(places, 1)
                   if line == 1 or places[line - 2].sheet != place.sheet)
    return starts if len(starts) > 1 else ()


def names_a_part(name: str, title: str) -> bool:
    """Whether a sheet's name can title the part of the document it holds: not the name a new sheet is given
    (Sheet1, 工作表1), nor a copy of the document's ``title`` (whole, or cut to the length a name may have)."""
    name, title = squeezed(name), squeezed(title)
    return not _DEFAULT_NAME.fullmatch(name) and not (title.startswith(name) and len(name) in (len(title), SHEET_MAX))


def repeats_title(text: str, title: str) -> bool:
    """Whether a line heading a sheet repeats the document's ``title`` (also with （续）, continued, after it)."""
    return _CONTINUED.sub("", squeezed(text)) == squeezed(title)


def continues_table(text: str) -> bool:
    """Whether a line is the mark alone of a table continued over a page or sheet (续表, 续表1, 表1（续）, （续表）, its
    other cells empty: 续表\t\t\t), as Word, WPS and a workbook print it where a table breaks: no text of the plan."""
    return bool(_CONTINUED_ALONE.fullmatch(squeezed(text)))


def _shown(file: BinaryIO):
    """The workbook with the values its cells show (a formula's, the value it last computed)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:  # not read_only: openpyxl's read-only sheets have no merged cells
        return openpyxl.load_workbook(file, data_only=True)
    except (zipfile.BadZipFile, KeyError, InvalidFileException):
        raise ValueError("not an Excel workbook in the .xlsx format (a .xls of older Excel versions, or a WPS "
                         ".et: save it as .xlsx)") from None


def _rows(sheet) -> list[tuple[int, Cells]]:
    """The sheet's rows that hold text, by their number, without the columns empty in all of them."""
    covered = _merged(sheet)
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            if (cell.row, cell.column) in covered:
                source = covered[cell.row, cell.column]
                if source is not None:
                    cells.append((cell.column, cell_text(source)))
            else:
                cells.append((cell.column, cell_text(cell)))
        if any(text for _, text in cells):
            rows.append((row[0].row, cells))
    used = {column for _, cells in rows for column, text in cells if text}
    return [(number, [(column, text) for column, text in cells if column in used]) for number, cells in rows]


def _merged(sheet) -> dict:
    """Each cell of a merged range -> the range's first cell, whose value it shows; None for the cells right of
    the range's first column, which a row reads once."""
    covered = {}
    for area in sheet.merged_cells.ranges:
        first = sheet.cell(area.min_row, area.min_col)
        for row in range(area.min_row, area.max_row + 1):
            for column in range(area.min_col, area.max_col + 1):
                covered[row, column] = first if column == area.min_col else None
    return covered


def cell_text(cell) -> str:
    """The cell's value as the sheet shows it: its lines joined by a space (as Word's paragraphs in a cell are),
    a date as 2025年6月30日, a number by its format (``number_text``)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value, cell.number_format)
    return " ".join(line.strip() for line in str(value).replace("\t", " ").splitlines() if line.strip())


# a format's pieces: text shown as written ("所", \所, or a character that is no digit's code), codes not shown
# ([Red], [$-804], _ and * padding), or a character of the number's code
_PIECE = re.compile(r'"(?P<quoted>[^"]*)"|\\(?P<escaped>.)|\[[^]]*\]|[_*].|(?P<code>[0#?.,%])|(?P<shown>.)', re.S)
_PLACES = re.compile(r"\.([0#?]+)")


def number_text(value: int | float, number_format: str) -> str:
    """A number as its format shows it, without digits of binary noise (3.0000000000000004 is 3): a
    percentage format multiplies by 100 (0.95 → 95%), a format's decimal places are kept (0.00 → 12.50), and
    its text before and after the number (0"所" → 6所); the General format writes the number's shortest form, as
    Excel does.  Thousands' commas are left out."""
    section = number_format.split(";")[0]
    if section.lower() in ("general", "@"):
        return _shortest(value)
    code, before, after = "", "", ""
    for piece in _PIECE.finditer(section):
        shown = piece.group("quoted") or piece.group("escaped") or piece.group("shown") or ""
        code += piece.group("code") or ""
        before, after = (before, after + shown) if code else (before + shown, after)
    percent = "%" in code
    number = value * 100 if percent else value
    places = _PLACES.search(code)
    if places:
        text = f"{number:.{places.group(1).count('0')}f}" if "0" in places.group(1) else _shortest(number)
    elif "0" in code or "#" in code:
        text = f"{number:.0f}"
    else:
        text = _shortest(number)
    return before + text + ("%" if percent else "") + after


def _shortest(number: int | float) -> str:
    """The number in at most 15 significant digits, as Excel keeps them, never in exponent notation."""
    if isinstance(number, int):
        return str(number)
    text = f"{number:.15g}"
    return f"{float(text):.15f}".rstrip("0").rstrip(".") if "e" in text else text


def _uncomputed(sheet, formulas) -> list[str]:
    """Notes on the sheet's formulas whose value the file does not hold (a workbook written by a program that
    does not calculate, and not opened and saved in Excel or WPS since): read as empty."""
    cells = [cell.coordinate for row in formulas.iter_rows() for cell in row
             if getattr(cell, "data_type", None) == "f" and sheet[cell.coordinate].value is None]
    if not cells:
        return []
    listed = ", ".join(cells[:5]) + (", …" if len(cells) > 5 else "")
    return [f"sheet {sheet.title}: {len(cells)} formula cell(s) whose value the workbook does not hold, read as "
            f"empty ({listed}): open the workbook in Excel or WPS and save it to store their values"]
