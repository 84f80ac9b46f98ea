"""JSON Schema for the plan format, generated from the model's dataclasses."""

from __future__ import annotations

import dataclasses
import datetime
import json
import types
import typing

from .decode import hints
from .model import Plan

def json_schema(root=Plan) -> dict:
    definitions: dict[str, dict] = {}
    top = _schema(root, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Plansite plan (format v1)",
        **top,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _schema(tp, definitions: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_schema(o, definitions) for o in options] + [{"type": "null"}]}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if origin is tuple:  # left empty (``owners:``), a list is read as an empty one
        return {"type": ["array", "null"], "items": _schema(typing.get_args(tp)[0], definitions)}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder: recursive types (Section) refer to themselves
            definitions[name] = _object(tp, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if tp is datetime.date:
        return {"type": "string", "format": "date"}
    if tp is str:
        return {"type": "string"}
    return {"type": {int: "integer", float: "number", bool: "boolean"}[tp]}


def _object(cls, definitions: dict) -> dict:
    properties, required = {}, []
    for f in dataclasses.fields(cls):
        prop = dict(_schema(hints(cls)[f.name], definitions))
        prop["description"] = f.metadata.get("doc", "")
        if f.metadata.get("printed"):  # numbers as printed may be written unquoted: 1, 12
            prop["type"] = ["string", "integer"]
        if "pattern" in f.metadata:
            prop["pattern"] = f.metadata["pattern"]
        for key in ("minimum", "maximum"):
            if key in f.metadata:
                prop[key] = f.metadata[key]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
            if prop.get("type") == "string":  # as decoding checks it (and for a blank value too)
                prop["pattern"] = prop.get("pattern", r"\S")
    schema = {"type": "object", "description": (cls.__doc__ or "").strip().split("\n")[0],
              "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema
