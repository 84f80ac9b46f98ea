"""One import: read → clean → metadata → outline → draft.

Every stage is a pure function over the previous stage's data; this module
only strings them together and decides what the plan is called.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from ..diagnostics import Diagnostic, did_you_mean
from ..model import Organisation
from ..vocabulary import Vocabulary
from . import audit, dates, draft, metadata, ocr, structure
from .clean import Cleaned, clean
from .report import Unsure
from .sources import read_source
from .textmap import Line, LineIndex, joined, split_lines
from .workbooks import Place, continues_table, names_a_part, repeats_title, sheet_starts


@dataclass(frozen=True)
class Settings:
    """What the command line says about the document; None = let the importer find out."""

    organisation: str | None = None
    year: int | None = None
    kind: str | None = None
    plan_id: str | None = None
    source_file: str = ""  # the source's path as the plan records it (relative to the project root)


@dataclass(frozen=True)
class Imported:
    plan: dict | None          # None when the import could not be done (see errors)
    source_text: str
    unsure: tuple[Unsure, ...]
    dropped: tuple[int, ...]   # source lines removed as site noise
    errors: tuple[Diagnostic, ...] = ()
    places: tuple[Place, ...] = ()  # where each source line is in the document, if not its number (``read_source``)


def stored_path(root: str, source: str) -> str:
    """``source`` as a plan's ``source.file`` records it: relative to the project root."""
    return os.path.relpath(os.path.abspath(source), os.path.abspath(root))


def names_another_source(root: str, recorded: str, source: str) -> bool:
    """Whether ``recorded``, a plan's ``source.file``, names a file other than ``source`` (symbolic links
    resolved); a plan that records none names no other."""
    return bool(recorded) and os.path.realpath(os.path.join(root, recorded)) != os.path.realpath(source)


def read_clean(path: str) -> tuple[str | None, Cleaned | None, list[Diagnostic], tuple[Place, ...]]:
    """The source text as read and its lines without noise (shared with ``verify``), with the warnings of
    reading it and the places of its lines (``read_source``); or None, None, why it cannot be read and ()."""
    text, said, places = read_source(path)
    if text is None:
        return None, None, said, places
    lines, mended = ocr.mend(split_lines(text))
    return text, replace(clean(lines), mended=mended), said, places


def _unknown_publisher(signer: Line | None, organisations: tuple[Organisation, ...]) -> str:
    """What to do when no listed organisation is the document's, naming the one that signs it, if any, and
    why it does not tell: a name too short, several organisations with it, or none."""
    signed = ""
    if signer:
        named = metadata.named_by(str(signer), organisations)
        if len(str(signer)) < metadata.HINT_MIN:
            why = "too short a name to tell which organisation it is"
        elif len(named) > 1:
            why = "a name several organisations in content/organisations.yaml have: " + ", ".join(
                f"{o.name} ({o.id})" for o in named)
        else:
            why = "a name no organisation in content/organisations.yaml has"
        signed = f" line {signer.lineno} signs it {signer}, {why};"
    return (f"cannot tell which organisation published the document:{signed} pass --org ID "
            "(its id in content/organisations.yaml, or a new id to add there)")


def _other_signatures(signature: tuple[Line, ...], organisation: Organisation | None, org_id: str) -> list[Unsure]:
    """A report of each line read as the signature that is not the organisation's name: left out of the draft, it
    may be another body signing with it, or words of the text that read as a name."""
    named = f"{organisation.name} ({org_id})" if organisation else org_id
    return [Unsure(line.lineno, f"“{line}”, read as the document's signature, is left out: it is not the name of "
                                f"{named}; if it is the plan's words, add it to `closing`")
            for line in signature if not (organisation and metadata.named_by(str(line), (organisation,)))]


def _sheets(places: tuple[Place, ...], title: str) -> tuple[structure.Sheet, ...]:
    """The sheets of a workbook of several, each titled by its name where that names its part (not Sheet1, nor the
    document's ``title``), else as the document."""
    return tuple(structure.Sheet(line, name, name if names_a_part(name, title) else title)
                 for line, name in sheet_starts(places))


def _without_layout_lines(body: list[Line], sheets: tuple[structure.Sheet, ...], title: str) \
        -> tuple[list[Line], list[Unsure]]:
    """The body without the lines a table's breaking over a page or sheet prints, each reported: a line heading a
    sheet after the first that repeats the document's title (a title row printed on each sheet), the plan's title,
    and the mark of a table continued (续表\t\t\t), anywhere; neither is the text of the part above."""
    starts = {sheet.line: sheet.name for sheet in sheets[1:]}
    repeated = {line.lineno: f"sheet {starts[line.lineno]} starts by repeating the document's title: left out (it is "
                             "the plan's title), not read as the text of the part above"
                for line in body if line.lineno in starts and repeats_title(str(line), title)}
    repeated |= {line.lineno: f"“{line}” marks a table continued over a page: left out, not read as the text of the "
                              "part above" for line in body if continues_table(str(line))}
    return [line for line in body if line.lineno not in repeated], [
        Unsure(lineno, message) for lineno, message in sorted(repeated.items())]


def import_source(path: str, settings: Settings, vocabulary: Vocabulary) -> Imported:
    text, cleaned, said, places = read_clean(path)
    if text is None:
        return Imported(None, "", (), (), tuple(said))
    if not text.strip():
        return Imported(None, text, (), (), (Diagnostic(path, 0, 0, "", "no text to import: the file is empty, "
                                                        "or the page holds no article"),))
    meta, body, unsure = metadata.split(list(cleaned.lines))
    unsure += [Unsure(0, warning.message) for warning in said] + list(cleaned.mended)

    own_text = "\n".join(str(line) for line in cleaned.lines if line not in meta.sender)  # may name the author
    guessed = metadata.guess_organisation(meta.organisation_hints, own_text, vocabulary.organisations)
    organisation = settings.organisation or guessed
    if guessed and organisation != guessed:  # --org, or the file merged into, says otherwise: the wrong source?
        unsure.append(Unsure(meta.title_line, f"the source reads as {guessed}'s "
                             f"({vocabulary.organisation_by_id[guessed].name}), the plan is {organisation}'s"))
    year = settings.year or meta.year
    if meta.year and year != meta.year:  # --year, or the file merged into, says otherwise: the wrong source?
        unsure.append(Unsure(meta.title_line, f"the source is of {meta.year}, the plan of {year}"))
    problems = []
    if organisation is None:
        problems.append(_unknown_publisher(meta.signer, vocabulary.organisations))
    if year is None:
        problems.append("cannot tell the year of the document: pass --year N")
    if problems:
        return Imported(None, text, tuple(unsure), cleaned.dropped,
                        tuple(Diagnostic(path, 0, 0, "", message) for message in problems))
    if organisation not in vocabulary.organisation_by_id:
        unsure.append(Unsure(0, f"organisation {organisation!r} is not in content/organisations.yaml"
                             f"{did_you_mean(organisation, vocabulary.organisation_by_id)}: add it there, or "
                             "`plansite check` reports the plan's organisation as unknown"))
    unsure += _other_signatures(meta.signature, vocabulary.organisation_by_id.get(organisation), organisation)
    kind = settings.kind or meta.kind or "plan"
    title = meta.title
    if not title:
        title = draft.composed_title(vocabulary.organisation_by_id.get(organisation), year, kind)
        unsure.append(Unsure(0, f"the source prints no title; composed “{title}”"))
    sheets = _sheets(places, title)
    body, repeated = _without_layout_lines(body, sheets, title)
    unsure += repeated
    outline = structure.outline(body, year, sheets)
    unsure += outline.unsure

    drafter = draft.Drafter(organisation, year, kind, vocabulary, LineIndex(text).line_of, meta.year,
                            dates.school_calendar(title))
    sections = drafter.sections(outline.parts, title)
    preamble = joined((p for p in (meta.preamble, *outline.loose) if p.text), "\n")
    drafter.note_targets("the preamble", preamble)
    plan = draft.plan_dict(
        plan_id=settings.plan_id or (f"{organisation}-{year}" + ("" if kind == "plan" else f"-{kind}")),
        title=title, organisation=organisation, year=year, kind=kind, published=meta.published,
        source_file=settings.source_file, preamble=preamble.text,
        notes=f"文号：{meta.document_number}。" if meta.document_number else "", sections=sections,
        closing=joined((*outline.closing, *(line.text for line in meta.appended)), "\n").text)
    unsure += drafter.unsure + drafter.people_notes() + drafter.vocabulary_notes()
    unsure += audit.lost_clauses(body, outline.cells, plan, (u.message for u in unsure))
    return Imported(plan, text, tuple(unsure), cleaned.dropped, places=places)
