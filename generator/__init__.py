"""Plansite: turn government work plans into a searchable, cross-linked website.

Data flows one way through the modules of this package::

    importer/ (raw text -> YAML draft)
    yamlsource (YAML -> plain data + source locations)
    decode + model (plain data -> typed model, with diagnostics)
    load + validate (content/ and plans/ -> Site, cross-references checked)
    corpus (Site -> items grouped by theme, department, year, organisation)
    render (corpus -> Markdown pages, via Jinja2 templates)
    write (pages -> docs/, only what changed)
    build (docs/ -> site/ with MkDocs, atomically)
"""

__version__ = "0.1.0"
