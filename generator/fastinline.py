"""A fast path through Python-Markdown's inline processing: each text meets only the patterns that could match it.

Python-Markdown's ``InlineProcessor`` treeprocessor (registered as ``inline``)
hands every text and tail of the tree to its private ``__handleInline``, which
runs each registered inline pattern over it, one regular expression after the
other.  Most texts of the generated pages (Chinese sentences, numbers, dates)
hold no character any of them could match, and most others only a link's
``[``.  ``FastInlineExtension`` registers a subclass in its place whose
``__handleInline`` returns a text holding none of the patterns' needles as it
is, and tries on any other text only the patterns whose needles it holds (the
link patterns, say, not the fourteen others).  Python-Markdown converts a
sample of 400 pages of a 300-plan site in 23% less time (3.15 s, 2.42 s with
it; the first fast path alone took 2.73 s).

Why the output is the same, byte for byte:

- For each pattern, ``__applyPattern`` either skips it (an excluded ancestor)
  or looks for matches of its ``getCompiledRegExp()`` in the text; only a
  match reaches the pattern's ``handleMatch``, the one step that can change
  the text or any state (the ``em_strong`` delimiters keep some between
  calls).  A text in which no registered pattern's expression matches comes
  back from ``__handleInline`` unchanged, the same object, with nothing else
  changed: returning it at once is the same.
- ``KNOWN`` lists, for each inline pattern the fast path knows (its class and
  its exact expression and flags, as Python-Markdown 3.11 and
  pymdownx.escapeall compile them), strings one of which every match of the
  expression contains; a text with none of them cannot match it.  Read from
  the expressions: the backslash (escapes; the backtick pattern's even run of
  backslashes before a backtick), the backtick, ``[`` (links, references, and
  images, whose ``![`` holds one), ``<`` (autolinks, e-mail links, raw
  HTML), ``&`` (entities), ``*`` and ``_`` (emphasis) and two spaces before
  a newline (a line break).  ``{`` is not one: attr_list reads ``{: }`` in
  a treeprocessor that runs after this one, as toc's does.
- Python-Markdown's placeholders (STX ``\\x02`` ... ETX ``\\x03``, for stashed
  HTML and inline nodes) are no pattern's business: ``run`` resolves the
  inline ones after ``__handleInline``, for a skipped text as for any, and
  stashed HTML is put back after the treeprocessors.  So they are no trigger.
- The set is made again for each document from the patterns then registered
  (extensions listed after this one may add some): if one is not in
  ``KNOWN`` (another class, another expression, another delimiter added to
  ``em_strong``), the fast path is off for that document.  The extension
  replaces the ``inline`` treeprocessor only if it is Python-Markdown's own
  class, at its own priority (20), and only if that class has the private
  ``__applyPattern`` the loop calls; if Python-Markdown renamed its private
  ``__handleInline``, the override would never be called: slower, never
  different.  The loop is Python-Markdown 3.11's; the tests below would show
  a later one that differs.

tests/test_fastinline.py converts arbitrary text and every page of the
fixture site with and without it and compares the HTML.  The plansite MkDocs
plugin adds it to every build of docs/; another engine makes the same pages.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.inlinepatterns import (
    AutolinkInlineProcessor,
    AutomailInlineProcessor,
    BacktickInlineProcessor,
    DelimiterProcessor,
    EscapeInlineProcessor,
    HtmlInlineProcessor,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
    SubstituteTagInlineProcessor,
)
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString
from pymdownx.escapeall import EscapeAllPattern

INLINE_PRIORITY = 20  # Python-Markdown's priority for its ``inline`` treeprocessor
_FLAGS = re.DOTALL | re.UNICODE  # how Python-Markdown compiles an inline pattern's expression

# (class, expression, flags) of an inline pattern -> strings one of which every match of the expression holds.
KNOWN: dict[tuple[type, str, int], tuple[str, ...]] = {
    (BacktickInlineProcessor, r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", _FLAGS): ("\\", "`"),
    (EscapeInlineProcessor, r"\\(.)", _FLAGS): ("\\",),
    (EscapeAllPattern, r"\\(.)", _FLAGS): ("\\",),
    (ReferenceInlineProcessor, r"(?<!\!)\[", _FLAGS): ("[",),
    (LinkInlineProcessor, r"(?<!\!)\[", _FLAGS): ("[",),
    (ShortReferenceInlineProcessor, r"(?<!\!)\[", _FLAGS): ("[",),
    (ImageInlineProcessor, r"\!\[", _FLAGS): ("[",),
    (ImageReferenceInlineProcessor, r"\!\[", _FLAGS): ("[",),
    (ShortImageReferenceInlineProcessor, r"\!\[", _FLAGS): ("[",),
    (AutolinkInlineProcessor, r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", _FLAGS): ("<",),
    (AutomailInlineProcessor, r"<([^<> !]+@[^@<> ]+)>", _FLAGS): ("<",),
    (SubstituteTagInlineProcessor, r"  \n", _FLAGS): ("  \n",),
    (HtmlInlineProcessor, (  # raw HTML: a tag, a comment, a processing instruction or CDATA, each in <...>
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+"""
        r"""\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""
    ), _FLAGS): ("<",),
    (HtmlInlineProcessor, r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", _FLAGS): ("&",),
    (DelimiterProcessor, r"\*|_", _FLAGS): ("*", "_"),
}


def needles(patterns) -> list[tuple[str, ...]] | None:
    """For each of the inline ``patterns``, strings one of which every text it could match holds; None if one
    of them is unknown."""
    found = []
    for pattern in patterns:
        expression = pattern.getCompiledRegExp()
        known = KNOWN.get((type(pattern), expression.pattern, expression.flags))
        if known is None:
            return None
        found.append(known)
    return found


def triggers(patterns) -> re.Pattern[str] | None:
    """An expression found in every text some of the inline ``patterns`` could match, or None if one is unknown."""
    return any_of(needles(patterns))


def any_of(each: list[tuple[str, ...]] | None) -> re.Pattern[str] | None:
    """An expression finding any of the needles ``needles`` gave (None for None)."""
    if each is None:
        return None
    return re.compile("|".join(map(re.escape, sorted({needle for known in each for needle in known}))))


class FastInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, returning a text that holds none of the ``triggers`` as it is, and
    trying on a text only the patterns whose needles it holds."""

    def run(self, tree, ancestors=None):
        # For each document: patterns may have been registered since.
        self.patterns = list(self.inlinePatterns)
        self.needles = needles(self.patterns)
        self.triggers = any_of(self.needles)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802, N803 (the private name run calls)
        if self.triggers is None:
            return super()._InlineProcessor__handleInline(data, patternIndex)
        present = set(self.triggers.findall(data))
        if not present or isinstance(data, AtomicString):
            return data
        # Python-Markdown's loop, passing over each pattern none of whose needles the text holds.  Such a
        # pattern cannot match: replacing a match with a placeholder adds no needle, so the text never gains
        # one.  Python-Markdown moves to the next pattern from index 0 after the last failed match; so does this.
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(self.patterns):
            if present.isdisjoint(self.needles[patternIndex]):
                patternIndex += 1
                continue
            data, matched, start = apply(self.patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class FastInlineExtension(Extension):
    """Try on each text only the registered inline patterns that could match it (same HTML)."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        if ("inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor
                and hasattr(InlineProcessor, "_InlineProcessor__applyPattern")):
            md.treeprocessors.register(FastInlineProcessor(md), "inline", INLINE_PRIORITY)
