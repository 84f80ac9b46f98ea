"""The repair of Material's search worker: the query segmentation loop reaches the end of the query, and a
section's address written by its anchor gets back its page's."""

from __future__ import annotations

import pytest

from generator.searchworker import (DOCUMENT_MAP, FAULTY_LOOP, WorkerChanged, material_worker, reading_anchors, repair,
                                   repaired_worker)
from sitefixtures import built_site  # noqa: F401  (session fixture)

LOOP = "function fe(t,e){for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)}"
MAP = ('function ie(t){let e=new Map;for(let r of t){let[n]=r.location.split("#"),i=e.get(n);'
       'typeof i=="undefined"?e.set(n,r):(e.set(r.location,r),r.parent=i)}return e}')
COMPLETED = ('function ie(t){let e=new Map;let plansitePage="";for(let r of t){'
             'r.location[0]=="#"&&(r.location=plansitePage+r.location);plansitePage=r.location.split("#")[0];'
             'let[n]=r.location.split("#"),i=e.get(n);'
             'typeof i=="undefined"?e.set(n,r):(e.set(r.location,r),r.parent=i)}return e}')


def test_the_segmentation_loop_reaches_the_end_of_the_query():
    assert repair(LOOP + MAP).startswith(LOOP.replace("o<t.length", "o<=t.length") + "function ie(")
    assert repair(LOOP + MAP).count("s<t.length") == 1  # the outer loop is left as it is


def test_an_address_written_by_its_anchor_gets_back_its_pages_before_the_worker_maps_it():
    assert repair(LOOP + MAP).endswith(COMPLETED)
    assert reading_anchors(LOOP + MAP) == LOOP + COMPLETED  # the worker as shipped, for make bench-search


def test_a_worker_without_the_faulty_loop_or_the_document_map_stops_the_build():
    for worker in (repair(LOOP + MAP), LOOP + LOOP + MAP, LOOP, LOOP + MAP + MAP, LOOP + MAP.replace(";for", ",for")):
        with pytest.raises(WorkerChanged):
            repair(worker)


def test_the_installed_worker_is_published_repaired_under_its_own_path():
    path, source = material_worker()
    [(published, repaired)] = repaired_worker().items()
    assert published == path and path.startswith("assets/javascripts/workers/search.")
    repaired = repaired.decode("utf-8")
    assert not FAULTY_LOOP.search(repaired) and not DOCUMENT_MAP.search(repaired)
    assert len(repaired) == len(source) + 1 + len(COMPLETED) - len(MAP)


@pytest.mark.site
def test_the_built_site_serves_the_repaired_worker(built_site):
    """MkDocs copies a theme file only where docs/ has none: the page's search runs the repaired worker."""
    [(path, repaired)] = repaired_worker().items()
    assert (built_site / "site" / path).read_bytes() == repaired
