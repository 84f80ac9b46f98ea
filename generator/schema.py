"""JSON Schemas of a project's YAML files, generated from the model's dataclasses.

One for the plan format (``project.SCHEMA_FILE``, next to the plans) and one
for each file of content/ (the vocabularies and site.yaml, in
``project.CONTENT_SCHEMAS``).  Each YAML file starts with a comment naming its
schema (``# yaml-language-server: $schema=…``), which editors with a YAML
language server read to check and complete the file as it is typed.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import types
import typing

from .decode import hints
from .load import SITE_FILE, VOCABULARY_FILES
from .model import Plan, SiteFile
from .project import CONTENT, CONTENT_SCHEMAS, SCHEMA_FILE

CONTENT_FILES = {**dict(VOCABULARY_FILES.values()), SITE_FILE: SiteFile}  # file name in content/ → its model
# A text empty or not blank, as decoding checks it, the same in ECMA (editors) and Python regex (jsonschema):
# ``^$|\S`` let Python's re.search find "$" before a final newline, accepting "\n".
EMPTY_OR_NOT_BLANK = r"^(?![\s\S])|\S"


def json_schema(root=Plan, title: str = "Plansite plan (format v1)") -> dict:
    definitions: dict[str, dict] = {}
    top = _schema(root, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **top,
        "$defs": dict(sorted(definitions.items())),
    }


def content_schema(filename: str) -> str:
    """Where the schema of ``filename`` (a file of content/, such as departments.yaml) is, in the project."""
    return os.path.join(CONTENT_SCHEMAS, os.path.splitext(filename)[0] + ".json")


def schema_files() -> dict[str, str]:
    """Every schema of a project: {its path in the project: its text}."""
    schemas = {SCHEMA_FILE: json_schema()}
    schemas.update((content_schema(filename), json_schema(cls, f"Plansite {CONTENT}/{filename}"))
                   for filename, cls in CONTENT_FILES.items())
    return {path: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for path, schema in schemas.items()}


def _schema(tp, definitions: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_schema(o, definitions) for o in options] + [{"type": "null"}]}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if origin is tuple:  # left empty (``owners:``), a list is read as an empty one
        inner = typing.get_args(tp)[0]
        entry = _schema(inner, definitions)
        if inner is str:  # an entry says something, as decoding checks it: neither empty nor spaces alone
            entry["pattern"] = r"\S"
        return {"type": ["array", "null"], "items": entry}
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
        elif f.metadata.get("blank") is False:
            prop["pattern"] = EMPTY_OR_NOT_BLANK
        for key in ("minimum", "maximum"):
            if key in f.metadata:
                prop[key] = f.metadata[key]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
            kinds = prop.get("type", ())
            if "string" in ([kinds] if isinstance(kinds, str) else kinds):  # not blank, as decoding checks it
                prop["pattern"] = prop.get("pattern", r"\S")
    schema = {"type": "object", "description": (cls.__doc__ or "").strip().split("\n")[0],
              "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema
