"""The benchmark's figures as a plain-text table: one row per figure, one column per corpus size."""

from __future__ import annotations

from typing import Callable, Iterable

from .measure import Measurement

MB = 1024 * 1024


def seconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def stage(measurement: Measurement, name: str) -> str:
    """A stage's seconds, '–' when the build had no such stage."""
    return seconds(measurement.stages[name]) if name in measurement.stages else "–"


def megabytes(value: int) -> str:
    return f"{value / MB:.1f}"


ROWS: tuple[tuple[str, Callable[[Measurement], str]], ...] = (
    ("plans", lambda m: f"{m.plans:,}"),
    ("items", lambda m: f"{m.items:,}"),
    ("pages (Markdown pages in docs/)", lambda m: f"{m.pages:,}"),
    ("inputs: digest of everything generation reads (s)", lambda m: stage(m, "inputs")),
    ("load+validate (s)", lambda m: stage(m, "load+validate")),
    ("corpus: model and list of pages (s)", lambda m: stage(m, "corpus")),
    ("render+write, on every core (s)", lambda m: stage(m, "render+write")),
    ("  of it rendering, summed over the processes (s)", lambda m: stage(m, "render")),
    ("  of it comparing and writing, summed over the processes (s)", lambda m: stage(m, "write")),
    ("generator: the four above (s)", lambda m: seconds(m.generator_seconds)),
    ("MkDocs + Material, the two below included (s)", lambda m: seconds(m.engine_seconds)),
    ("  search index rewrite (s)", lambda m: stage(m, "search index")),
    ("  Pagefind index (s)", lambda m: stage(m, "pagefind")),
    ("plansite build, wall (s)", lambda m: seconds(m.build.seconds)),
    ("generator share of the build (%)", lambda m: f"{100 * m.generator_seconds / m.build.seconds:.1f}"),
    ("peak memory, plansite build (MB)", lambda m: megabytes(m.build.peak_bytes)),
    ("site size (MB)", lambda m: megabytes(m.site_bytes)),
    ("search index (MB)", lambda m: megabytes(m.index_bytes) if m.index_bytes else "–"),
    ("search index / UTF-8 text it indexes",
     lambda m: f"{m.index_bytes / m.indexed_text_bytes:.3f}" if m.index_bytes else "–"),
    ("plain MkDocs on the same docs/, wall (s)", lambda m: seconds(m.plain.seconds) if m.plain else "–"),
    ("plain MkDocs peak memory (MB)", lambda m: megabytes(m.plain.peak_bytes) if m.plain else "–"),
    ("plansite build / plain MkDocs", lambda m: f"{m.build.seconds / m.plain.seconds:.2f}" if m.plain else "–"),
    ("no-op plansite generate --force (renders every page), wall (s)", lambda m: seconds(m.noop.seconds)),
    ("no-op plansite generate, docs/ up to date, wall (s)", lambda m: seconds(m.up_to_date.seconds)),
    ("no-op plansite generate, files written (both)", lambda m: f"{m.noop_written:,}"),
)


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    """Rows under a header, the first column left-aligned, the others right-aligned."""
    lines = [header, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join([line[0].ljust(widths[0])] + [cell.rjust(width) for cell, width
                                                              in zip(line[1:], widths[1:])]) for line in lines)


def size_table(measurements: list[Measurement]) -> str:
    """Every figure of every size, then the extra figures (Pagefind) of the sizes that have them."""
    header = ["", *(f"{m.plans:,} plans" for m in measurements)]
    rows = [[label, *(value(m) for m in measurements)] for label, value in ROWS]
    extra = dict.fromkeys(label for m in measurements for label in m.extra)
    rows += [[label, *(m.extra.get(label, "–") for m in measurements)] for label in extra]
    return table(header, rows)
