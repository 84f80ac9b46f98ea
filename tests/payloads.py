"""Injection payloads: text that must come out as text wherever YAML values go.

One corpus for every test of it: the Markdown filter (test_render), and a
project holding it in every text field (payloadproject), whose every output
file (test_injection) and page in a browser (test_browser_injection) is
checked.  Each payload that would run script calls ``alert``, so a browser
test can listen for the dialog.
"""

PAYLOADS = [
    # HTML and script
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "\" onmouseover=\"alert(1)\" x=\"",
    "' onmouseover='alert(1)' x='",
    "</script><script>alert(1)</script>",
    # links and addresses
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<https://evil.example>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    # Markdown extensions and template syntax
    "{: onclick=alert(1) }",
    '{: #id .cls onclick="alert(1)" }',
    "{ data-search-exclude }",
    "{{ config.site_name }} {% if x %}{% endif %} {# c #}",
    "<!-- comment -->",
    "<div markdown>**bold**</div>",
    "&lt;script&gt; &amp; &#60; &#x3C;",
    "\\<b\\> \\\\ \\",
    "# heading",
    "    indented code",
    "- list\n1. numbered\n> quote",
    "!!! danger \"title\"",
    "| a | b |\n|---|---|",
    "`code` ```fence``` ~~~",
    "*em* **strong** _em_ __strong__",
    "line  \nbreak\r\nCR\rLS\u2028PS\u2029NEL\x85",
    "\x02wzxhzdk:0\x03 placeholder",
    "[^1] [ref][1]\n\n[1]: javascript:alert(1)",
    "*[HTML]: abbreviation",
    "===\n---",
    "全角＜script＞ 【链接】（javascript:alert(1)）",
    # XML, JSON and CSV
    "]]><script>alert(1)</script><![CDATA[",
    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]>&e;",
    "\"},{\"injected\": true, \"x\": \"",
    "=HYPERLINK(\"https://evil.example\",\"点我\")",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    # invisible and reordering characters
    "\u202eRTL\u202c \u200bzero\u200dwidth\ufeff",
]
