"""The repair of Material's search worker: the query segmentation loop reaches the end of the query."""

from __future__ import annotations

import pytest

from generator.searchworker import WorkerChanged, material_worker, repair, repaired_worker
from sitefixtures import built_site  # noqa: F401  (session fixture)

LOOP = "function fe(t,e){for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)}"


def test_the_segmentation_loop_reaches_the_end_of_the_query():
    assert repair(LOOP) == LOOP.replace("o<t.length", "o<=t.length")
    assert repair(LOOP).count("s<t.length") == 1  # the outer loop is left as it is


def test_a_worker_without_the_faulty_loop_stops_the_build():
    with pytest.raises(WorkerChanged):
        repair(repair(LOOP))
    with pytest.raises(WorkerChanged):
        repair(LOOP + LOOP)


def test_the_installed_worker_is_published_repaired_under_its_own_path():
    path, source = material_worker()
    [(published, repaired)] = repaired_worker().items()
    assert published == path and path.startswith("assets/javascripts/workers/search.")
    assert len(repaired) == len(source.encode("utf-8")) + 1


@pytest.mark.site
def test_the_built_site_serves_the_repaired_worker(built_site):
    """MkDocs copies a theme file only where docs/ has none: the page's search runs the repaired worker."""
    [(path, repaired)] = repaired_worker().items()
    assert (built_site / "site" / path).read_bytes() == repaired
