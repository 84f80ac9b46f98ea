"""Pages on targets and progress, and the progress views of plan, theme and department pages.

``target_pages`` renders the targets index (the metrics and the years), a page per
year with that year's targets, the metrics' index (metrics/: their names, linked), and
a page per metric (its years) with a page per year of it (that year's commitments as a
chart and a table, with the change since the organisation's previous year).  No page lists every target or every
commitment on a metric: they grow with the corpus, so they are split by year.  ``Tracking`` is
what templates ask about progress: an item's or target's state on the build
date, the reviews that report on an item, summaries and their progress bars.

The build date (``today``) decides what is overdue, so the site states it; pass it
in for a build that does not depend on the day it runs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from typing import Iterable

from . import charts
from .addresses import metric_year, page_path
from .commitments import (CHANGE_LABELS, Commitment, YearRow, by_metric, commitments_of, rows_by_year,
                          year_over_year)
from .corpus import Corpus, Entry, runs
from .labels import amount, reached, requirement
from .model import Metric
from .paging import paginate
from .templating import http_url, later, text
from .tracking import (STATE_LABELS, ReviewLinks, State, Summary, is_tracked, item_deadline, item_state,
                       reference_of, state_of, summarise)
from .write import Made

BETTER_LABELS = {"higher": "数值越高越好", "lower": "数值越低越好"}


@dataclass(frozen=True)
class TargetProgress:
    """A target as the pages show it on the build date."""

    commitment: Commitment
    state: State
    status: str          # the reported status, else 逾期未报 or 未到期
    baseline: str        # e.g. 55%, '' when the plan states none
    evidence: Entry | None
    evidence_url: str    # an http(s) evidence address, ready for a Markdown link; ''


@dataclass(frozen=True)
class ItemProgress:
    """An item's progress, and its links to reviews (or, for a review's item, to what it reports on)."""

    state: State | None  # None for items of reviews, which have no progress of their own
    status: str
    deadline: date
    reviews: tuple[Entry, ...]   # review items that report on this item
    reviewed: tuple[Entry, ...]  # for an item of a review: the items it reports on


@dataclass(frozen=True)
class ProgressSummary:
    items: Summary
    targets: Summary


class Tracking:
    """Progress as of ``today`` over a corpus, for the templates."""

    def __init__(self, corpus: Corpus, today: date):
        self.corpus = corpus
        self.today = today
        self.links = ReviewLinks(corpus.entries)

    @cached_property
    def records_progress(self) -> bool:
        """Whether the site records any progress at all: a status, a target's actual value or evidence, a review
        item reporting on an item.  Without any, every task past its deadline is 逾期未报 and the pages say why."""
        return any(e.item.status or e.item.reviews
                   or any(t.status or t.actual is not None or t.evidence for t in e.item.targets)
                   for e in self.corpus.entries)

    @cached_property
    def commitments(self) -> tuple[Commitment, ...]:
        return commitments_of(self.corpus)

    @cached_property
    def by_year(self) -> list[tuple[int, list[Commitment]]]:
        """The commitments of each year, newest first."""
        return runs(self.commitments, lambda c: c.plan.year)

    @cached_property
    def _by_entry(self) -> dict[str, list[Commitment]]:
        found: dict[str, list[Commitment]] = {}
        for commitment in self.commitments:
            found.setdefault(reference_of(commitment.entry), []).append(commitment)
        return found

    def _commitments_of(self, entry: Entry) -> list[Commitment]:
        return self._by_entry.get(reference_of(entry), [])

    @cached_property
    def by_metric(self) -> dict[str, tuple[Commitment, ...]]:
        return by_metric(self.commitments, self.corpus.vocabulary.metrics)

    def item(self, entry: Entry) -> ItemProgress:
        state = item_state(entry, self.today)
        return ItemProgress(state, (entry.item.status or STATE_LABELS[state]) if state else "",
                            item_deadline(entry.plan, entry.item), self.links.reviews_of(entry),
                            self.links.reviewed_by(entry))

    @cached_property
    def _targets(self) -> dict[int, TargetProgress]:
        """Each commitment's progress, by the commitment's id (``commitments`` keeps them alive): a target is
        shown on its plan's page, its year's and its metric's, and counted in summaries."""
        return {id(c): self._target(c) for c in self.commitments}

    def target(self, commitment: Commitment) -> TargetProgress:
        found = self._targets.get(id(commitment))
        return found if found is not None and found.commitment is commitment else self._target(commitment)

    def _target(self, commitment: Commitment) -> TargetProgress:
        target = commitment.target
        state = state_of(target.status, commitment.deadline, self.today)
        evidence_url = http_url(target.evidence)
        return TargetProgress(commitment, state, target.status or STATE_LABELS[state],
                              amount(target.baseline, target.unit),
                              self.links.resolve(target.evidence), evidence_url)

    def targets(self, entry: Entry) -> tuple[TargetProgress, ...]:
        return tuple(self.target(c) for c in self._commitments_of(entry))

    def summary(self, entries: Iterable[Entry]) -> ProgressSummary:
        """How the tasks among ``entries`` (items of reviews left out) and their targets stand."""
        tracked = [e for e in entries if is_tracked(e)]
        return ProgressSummary(summarise(item_state(e, self.today) for e in tracked),
                               summarise(self.target(c).state for e in tracked for c in self._commitments_of(e)))

    def bar(self, summary: Summary, chart_id: str) -> str:
        """The progress bar of a summary (its counts are stated next to it as text)."""
        segments = [(state, STATE_LABELS[state], count) for state, count in summary.counts]
        return charts.progress_bar(chart_id, segments)


def chart_bars(commitments: Iterable[Commitment], metric: Metric) -> list[charts.Bar]:
    """The bars of a metric's chart: one per commitment stated in the metric's unit."""
    bars = []
    for c in commitments:
        target = c.target
        if metric.unit and target.unit != metric.unit:
            continue
        low, high = (target.min, target.max) if target.comparator == "range" else (target.value, target.value)
        bars.append(charts.Bar(f"{c.plan.year} {c.organisation.name}", low, high, requirement(target),
                               target.actual, reached(target)))
    return bars


MAX_BARS = 30  # a chart of more commitments draws one bar per distinct target (see ``grouped_bars``)


@dataclass(frozen=True)
class MetricChart:
    """The chart of a metric's year: its SVG ('' when no commitment is in the metric's unit), and whether
    its bars stand for every commitment or, above ``MAX_BARS``, for each distinct target."""

    svg: str
    grouped: bool


def grouped_bars(bars: list[charts.Bar]) -> list[charts.Bar]:
    """One bar per distinct target (its bounds and wording), labelled with how many of ``bars`` state it,
    from the lowest target up.  Actual values are per organisation, so they are left to the table."""
    counts = Counter((bar.low, bar.high, bar.value_text) for bar in bars)
    return [charts.Bar(f"{count} 项承诺", low, high, value_text)
            for (low, high, value_text), count in sorted(counts.items())]


def metric_chart(metric: Metric, year: int, rows: list[YearRow]) -> MetricChart:
    """The chart of a metric's commitments of one year: a bar for each in the order of ``rows``, or, when
    there are more than ``MAX_BARS`` (hundreds on a large site: a chart no reader could take in, and most
    of the page's Markdown), a bar for each distinct target."""
    bars = chart_bars((c for row in rows for c in row.commitments), metric)
    if not bars:
        return MetricChart("", False)
    grouped = len(bars) > MAX_BARS
    if grouped:
        bars = grouped_bars(bars)
        values = "；".join(f"{b.value_text}：{b.label}" for b in bars)
    else:
        values = "；".join(f"{b.label} {b.value_text}" + (f"（{b.note}）" if b.note else "") for b in bars)
    return MetricChart(charts.bar_chart(f"chart-{metric.id}-{year}", f"{metric.name}：{year}年各机构的目标",
                                        f"单位：{metric.unit or '无'}。{values}。", bars, metric.unit), grouped)


def target_pages(tracking: Tracking) -> Made:
    """The targets index, its page per year, the metrics' index, and a page per metric and per year of it, with
    its path relative to docs/."""
    corpus, vocabulary = tracking.corpus, tracking.corpus.vocabulary
    pages = [later("targets.md.j2", page_path("targets"), corpus=corpus, tracking=tracking,
                   better_labels=BETTER_LABELS), later("metrics.md.j2", page_path("metrics"), corpus=corpus)]
    pages += [later("targets_year.md.j2", page_path("targets", part.key), tracking=tracking, year=year,
                    commitments=in_year, part=part)
              for year, in_year in tracking.by_year for part in paginate(str(year), in_year)]
    for metric in vocabulary.metrics:
        years = rows_by_year(year_over_year(metric, tracking.by_metric[metric.id], corpus.planned_years))
        pages.append(later("metric.md.j2", page_path("metrics", metric.id), tracking=tracking, metric=metric,
                           years=years, metric_year=metric_year, better_labels=BETTER_LABELS))
        pages += [(page_path("metrics", metric_year(metric.id, year)),
                   partial(metric_year_page, tracking, metric, year, rows)) for year, rows in years]
    return pages


def metric_year_page(tracking: Tracking, metric: Metric, year: int, rows: list[YearRow]) -> str:
    """A metric's page for one year, its chart drawn when the page is made (see ``write.Files``)."""
    return text("metric_year.md.j2", page_path("metrics", metric_year(metric.id, year)), corpus=tracking.corpus,
                tracking=tracking, metric=metric, year=year, rows=rows, chart=metric_chart(metric, year, rows),
                better_labels=BETTER_LABELS, change_labels=CHANGE_LABELS)
