"""Re-import into a curated plan file without losing the curator's work.

Nothing is stored besides the plan file.  What the curator changed is found
by comparison with a *base*: the import of the source the file names
(``source.file``), made now.  A value in the file that equals the base was
not curated; a value that differs was.  Then, three ways, per field:

* file == base: not curated → take the new import's value (a change in the
  source is applied);
* file != base: curated → kept, and listed when the new import differs too.

Items are matched in two steps (``pairing``): the file's with the base's by
their numbers (both come from one source), the base's with the new import's
(perhaps another edition) by identity, as ``plansite changes`` pairs items.
So an item renumbered, or moved to another section, in the new edition keeps
its curated values and takes its new number and place (listed).  Items new in
the source are added, in place; ones gone from the source are removed only if
the file's copy is exactly the base's (nothing curated), else kept (listed);
ones the curator added are kept, ones the curator deleted are not brought
back.  Sections are matched by their numbers, with the same rules.

When the file's source is the one being imported, base and new import are
the same, so nothing curated is ever replaced.  When the importer itself has
changed since the file was made, a field it now reads differently looks
curated and is kept (listed, so the curator can take the new value by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .. import model
from .pairing import Pairing, identity_pairs, keyed, listed, placements

_MISSING = object()
_PLACE = ("number", "span")  # where an item stands, not what it says
_UNLISTED = {"span"}  # an item's provenance, which follows its text: a change from the source goes unlisted


@dataclass(frozen=True)
class Merged:
    plan: dict
    changes: tuple[str, ...]  # one line per change applied or curated value kept
    unchanged: bool  # the plan is the file's data (then the file need not be written)


class _Merger:
    def __init__(self, pairing: Pairing):
        self.pairing = pairing
        self.changes: list[str] = []

    def value(self, where: str, mine, base, new, quiet: bool = False):
        """Three-way merge of one field: mine (the file), base (import of its source), new (this import);
        ``quiet``: a change from the source goes unlisted (it is listed otherwise)."""
        if mine == base:
            if new != base and not quiet:
                self.changes.append(f"{where}: updated from the source")
            return new
        if new != base and new != mine:
            self.changes.append(f"{where}: kept the curated value (the source now gives {_short(new)})")
        return mine

    def mapping(self, cls, where: str, mine: dict, base: dict, new: dict, key: str = "", quiet=()) -> dict:
        result = {}
        for name in _names(cls, mine, new):
            m, b, n = mine.get(name, _MISSING), base.get(name, _MISSING), new.get(name, _MISSING)
            if name == "sections":
                merged = self.sections(key, m, b, n)
            elif name == "items":
                merged = self.items(key, m, n)
            elif cls is model.Plan and name == "source":
                merged = self.mapping(model.Source, "source", _dict(m), _dict(b), _dict(n))
            else:
                merged = self.value(f"{where}.{name}" if where else name, m, b, n, name in quiet)
            if merged is not _MISSING:
                result[name] = merged
        return result

    def sections(self, parent: str, mine, base, new):
        mine_k, base_k, new_k = (keyed(listed(v), parent) for v in (mine, base, new))
        result: dict[str, dict] = {}
        for key, entry in mine_k.items():
            if key in new_k:
                result[key] = self.mapping(model.Section, f"section {key}", entry, base_k.get(key, {}), new_k[key],
                                           key)
            elif key not in base_k:
                result[key] = entry  # the curator added it
            elif entry == base_k[key]:  # its items the source moved elsewhere are placed there
                self.changes.append(f"section {key}: removed (gone from the source)")
            else:
                self.changes.append(f"section {key}: gone from the source but curated: kept")
                result[key] = self.mapping(model.Section, f"section {key}", entry, base_k[key], _bare(entry), key)
        order = list(result)
        for index, (key, entry) in enumerate(new_k.items()):
            if key in result:
                continue
            if key in base_k:
                if entry != base_k[key]:
                    self.changes.append(f"section {key}: deleted in the file, changed in the source: "
                                        "not brought back")
                continue
            self.changes.append(f"section {key}: new in the source: added")
            order.insert(_position(order, list(new_k), index), key)
            result[key] = self.mapping(model.Section, f"section {key}", _bare(entry), _bare(entry), entry, key)
        return _MISSING if not order and mine is _MISSING else [result[key] for key in order]

    def items(self, section: str, mine, new):
        """The items of the section ``section``: the file's in its order, with those of the new import it lacks
        (added, or moved here from another section) where they stand in the new import."""
        pairing = self.pairing
        result: dict[tuple[str, str], dict] = {}
        for key, entry in keyed(listed(mine), section).items():
            if key not in pairing.base:
                result["file", key] = entry  # the curator added it
            elif key not in pairing.new_of_base:
                if entry == pairing.base[key].entry:
                    self.changes.append(f"item {key}: removed (gone from the source)")
                else:
                    self.changes.append(f"item {key}: gone from the source but curated: kept")
                    result["file", key] = entry
            elif pairing.home(key) == section:
                result["new", pairing.new_of_base[key]] = self.item(key, entry)
        order = list(result)
        new_k = keyed(listed(new), section)
        new_order = [("new", key) for key in new_k]
        for index, (key, entry) in enumerate(new_k.items()):
            base = pairing.base_of_new.get(key)
            if ("new", key) in result:
                continue
            if base is None:
                self.changes.append(f"item {key}: new in the source: added")
            elif base not in pairing.mine:
                if _content(entry) != _content(pairing.base[base].entry):
                    self.changes.append(f"item {key}: deleted in the file, changed in the source: not brought back")
                continue
            else:
                entry = self.item(base, pairing.mine[base].entry)  # moved here from the file's other section
            order.insert(_position(order, new_order, index), ("new", key))
            result["new", key] = entry
        return _MISSING if not order and mine is _MISSING else [result[key] for key in order]

    def item(self, key: str, mine: dict) -> dict:
        """The file's item ``key`` merged with its counterpart in the new import, which may stand elsewhere."""
        base, new = self.pairing.base[key], self.pairing.new[self.pairing.new_of_base[key]]
        if new.key != key:
            how = "renumbered" if new.section == base.section else f"moved to section {new.section}"
            self.changes.append(f"item {key} → {new.key}: {how} in the source")
        return self.mapping(model.Item, f"item {new.key}", mine, base.entry, new.entry,
                            quiet=_UNLISTED | ({"number"} if new.key != key else set()))


def _position(order: list, new_order: list, index: int) -> int:
    """Where an added entry goes: after the entry it follows in the new import, else before the one it
    precedes, else at the end."""
    before = [key for key in new_order[:index] if key in order]
    if before:
        return order.index(before[-1]) + 1
    after = [key for key in new_order[index + 1:] if key in order]
    return order.index(after[0]) if after else len(order)


def _names(cls, mine: dict, new: dict) -> list[str]:
    """The file's field names in its order (a curator's ``id:`` stays where it was written), and each that only the
    new import has after the field it follows in model order (else first)."""
    names = list(mine)
    known = [f.name for f in fields(cls)]
    for index, name in enumerate(known):
        if name in new and name not in names:
            before = [n for n in known[:index] if n in names]
            names.insert(names.index(before[-1]) + 1 if before else 0, name)
    return names


def _bare(section: dict) -> dict:
    """A section without its items and sections."""
    return {name: value for name, value in section.items() if name not in ("items", "sections")}


def _content(item: dict) -> dict:
    """What an item says, without where it stands."""
    return {name: value for name, value in item.items() if name not in _PLACE}


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _short(value) -> str:
    text = "nothing" if value is _MISSING else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def normalised(plan: dict) -> dict:
    """Plain YAML data with section and item numbers as strings (YAML reads an unquoted 1 as a number)."""
    def fix(entries):
        for entry in entries or []:
            if "number" in entry:
                entry["number"] = str(entry["number"])
            fix(entry.get("sections"))
            fix(entry.get("items"))
    fix(plan.get("sections"))
    return plan


def merge(mine: dict, base: dict, new: dict) -> Merged:
    """Merge the new import into the curated file ``mine``, ``base`` telling what was curated."""
    mine, base, new = normalised(mine), normalised(base), normalised(new)
    merger = _Merger(Pairing(mine, base, new))
    plan = merger.mapping(model.Plan, "", mine, base, new)
    return Merged(plan, tuple(merger.changes), plan == mine)


def assumed_base(mine: dict, new: dict, source_file: str) -> dict:
    """The base of a file whose source (``source_file``) is gone or cannot be imported: the new import, holding
    the items the file has (paired by identity), each where the file has it, with the file's number and span.
    So values of the file that differ from the new import count as curated (but an item's place: it takes the
    new import's), the file's items it lacks are kept (as if the curator had added them) and its items the file
    lacks are added (an item the curator deleted cannot be told from a new one)."""
    mine, new = normalised(mine), normalised(new)
    _, mine_items = placements(mine)
    _, new_items = placements(new)
    counterparts = identity_pairs(mine_items, new_items)

    def sections(mine_sections, new_sections, parent: str) -> list[dict]:
        new_k = keyed(listed(new_sections), parent)
        return [{**_bare(new_k[key]),
                 "items": [{**new_items[counterparts[k]].entry, **{name: item[name] for name in _PLACE if name in item}}
                           for k, item in keyed(listed(section.get("items")), key).items() if k in counterparts],
                 "sections": sections(section.get("sections"), new_k[key].get("sections"), key)}
                for key, section in keyed(listed(mine_sections), parent).items() if key in new_k]

    return {**new, "source": {**_dict(new.get("source")), "file": source_file},
            "sections": sections(mine.get("sections"), new.get("sections"), "")}
