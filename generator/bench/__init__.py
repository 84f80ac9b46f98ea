"""The benchmark behind ``make bench``: synthetic corpora of many plans, built and measured.

``synth`` writes a project of N plans resampled from the curated plans,
``child`` runs one ``plansite`` command in a child process and prints its stage
times, ``measure`` runs and times such children (each one's peak memory is its
own, sampled by ``memory``), ``pagefindrun`` times Pagefind's queries in
Chromium, ``live`` measures the edit → browser loop of ``plansite serve``,
``table`` prints the figures, and ``__main__`` runs the sizes.  Nothing here is
used by the site itself.
"""
