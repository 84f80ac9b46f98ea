"""The benchmark behind ``make bench``: synthetic corpora of many plans, built and measured.

``synth`` writes a project of N plans resampled from the curated plans,
``stages`` runs one measured stage in a child process (so each stage's peak
memory is its own), ``searchcheck`` measures search indexes, ``live`` measures
the edit → browser loop of ``plansite serve``, and ``__main__`` runs the sizes
and prints the table.  Nothing here is used by the site itself.
"""
