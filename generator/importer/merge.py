"""Re-import into a curated plan file without losing the curator's work.

Nothing is stored besides the plan file.  What the curator changed is found
by comparison with a *base*: the import of the source the file names
(``source.file``), made now.  A value in the file that equals the base was
not curated; a value that differs was.  Then, three ways, per field:

* file == base: not curated → take the new import's value (a change in the
  source is applied);
* file != base: curated → kept, and listed when the new import differs too;
* items and sections are matched by their numbers: new ones are
  added; ones gone from the source are removed only if the file's copy is
  exactly the base's (nothing curated); ones the curator added are kept, ones
  the curator deleted are not brought back.

When the file's source is the one being imported, base and new import are
the same, so nothing curated is ever replaced.  When the importer itself has
changed since the file was made, a field it now reads differently looks
curated and is kept (listed, so the curator can take the new value by hand).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields

from .. import model
from ..ids import number_part

_MISSING = object()
_KEYED = {"sections": model.Section, "items": model.Item}


@dataclass(frozen=True)
class Merged:
    plan: dict
    changes: tuple[str, ...]  # one line per change applied or curated value kept


def _label(kind: str, key: str) -> str:
    return f"{'section' if kind == 'sections' else 'item'} {key}"


def _keyed(entries: list[dict], parent: str) -> dict[str, dict]:
    """Entries by the parent's key and the value of their number (an explicit ``id`` is a curated field:
    an import never has one, so it cannot match by it).  Entries of one number are told apart by the order
    they come in: the second of number 1 is '1 (2)', matched with the second of the other side, so that
    none is lost (``plansite check`` asks a file to give such an item an ``id``)."""
    keyed: dict[str, dict] = {}
    seen: Counter[str] = Counter()
    for position, entry in enumerate(entries, 1):
        part = number_part(str(entry.get("number", "")), position)
        key = f"{parent}-{part}" if parent else part
        seen[key] += 1
        keyed[key if seen[key] == 1 else f"{key} ({seen[key]})"] = entry
    return keyed


class _Merger:
    def __init__(self):
        self.changes: list[str] = []

    def value(self, where: str, mine, base, new):
        """Three-way merge of one field: mine (the file), base (import of its source), new (this import)."""
        if mine == base:
            if new != base:
                self.changes.append(f"{where}: updated from the source")
            return new
        if new != base and new != mine:
            self.changes.append(f"{where}: kept the curated value (the source now gives {_short(new)})")
        return mine

    def mapping(self, cls, where: str, mine: dict, base: dict, new: dict, parent_key: str = "") -> dict:
        result = {}
        for name in _names(cls, mine, new):
            m, b, n = mine.get(name, _MISSING), base.get(name, _MISSING), new.get(name, _MISSING)
            if name in _KEYED:
                merged = self.entries(name, where, parent_key, m, b, n)
            elif cls is model.Plan and name == "source":
                merged = self.mapping(model.Source, "source", _dict(m), _dict(b), _dict(n))
            else:
                merged = self.value(f"{where}.{name}" if where else name, m, b, n)
            if merged is not _MISSING:
                result[name] = merged
        return result

    def entries(self, kind: str, where: str, parent: str, mine, base, new):
        mine_list = [] if mine is _MISSING else mine
        mine_k, base_k, new_k = (_keyed([] if v is _MISSING else v, parent) for v in (mine_list, base, new))
        cls = _KEYED[kind]
        result: dict[str, dict] = {}
        for key, entry in mine_k.items():
            if key in new_k:
                result[key] = self.mapping(cls, _label(kind, key), entry, base_k.get(key, {}), new_k[key], key)
            elif key not in base_k:
                result[key] = entry  # the curator added it
            elif entry == base_k[key]:
                self.changes.append(f"{_label(kind, key)}: removed (gone from the source)")
            else:
                self.changes.append(f"{_label(kind, key)}: gone from the source but curated: kept")
                result[key] = entry
        order = list(result)
        for index, (key, entry) in enumerate(new_k.items()):
            if key in result:
                continue
            if key in base_k:
                if entry != base_k[key]:
                    self.changes.append(f"{_label(kind, key)}: deleted in the file, changed in the source: "
                                        "not brought back")
                continue
            self.changes.append(f"{_label(kind, key)}: new in the source: added")
            order.insert(_position(order, list(new_k), index), key)
            result[key] = entry
        if not order and mine is _MISSING:
            return _MISSING
        return [result[key] for key in order]


def _position(order: list[str], new_order: list[str], index: int) -> int:
    """Where an added entry goes: after the entry it follows in the new import, else before the one it
    precedes, else at the end."""
    before = [key for key in new_order[:index] if key in order]
    if before:
        return order.index(before[-1]) + 1
    after = [key for key in new_order[index + 1:] if key in order]
    return order.index(after[0]) if after else len(order)


def _names(cls, mine: dict, new: dict) -> list[str]:
    """Field names in model order, then any others the file has."""
    known = [f.name for f in fields(cls)]
    present = [n for n in known if n in mine or n in new]
    return present + [n for n in mine if n not in known]


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
    merger = _Merger()
    plan = merger.mapping(model.Plan, "", normalised(mine), normalised(base), normalised(new))
    return Merged(plan, tuple(merger.changes))
