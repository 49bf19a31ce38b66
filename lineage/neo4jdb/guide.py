"""The Neo4j Browser guide (cypher/browser/guide.html), rendered from the query library.

A Browser guide is an HTML page of slides that `:play <url>` (or `:guide
<url>` in Browser 5) fetches and shows; a `<pre class="runnable">` block
puts its text into the editor when clicked. Browser 5 splits the page on its
`<slide>` elements and takes the title from `<title>`; older Browsers expect
the slides inside `<article class="guide"><carousel>`. The page has both, so
one file plays in either (neo4j-browser: guideResolverHelper.tsx, Directives).

The query slides come from the headers of cypher/*.cypher
(lineage.neo4jdb.catalog), so the guide cannot describe a query differently
from `lineage query --list`. Each parameter is set by its own `:param name =>
value` block: Browser evaluates the right-hand side as Cypher, so an int
stays an int (`:params {limit: 10}` would send 10.0, which LIMIT refuses).
Example values come from the header's `Example:` line, else the default.

Browser fetches a guide with a cross-origin request, so the host serving it
must be in `browser.remote_content_hostname_allowlist` (localhost is by
default) and must answer with CORS headers, which `python -m http.server`
does not send: `serve()` does.
"""

from __future__ import annotations

import re
import shlex
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Callable, Optional, Sequence

from lineage.neo4jdb.catalog import Param, Query, QueryError
from lineage.neo4jdb.schema import FIGURE, FINDING, REPORT, UNIT
from lineage.graph import names as N

TITLE = "Budget lineage: the graph of a budget disclosure"

# One sentence per label (docs/neo4j-schema.md); a test keeps this in step with schema.LABELS.
LABEL_NOTES: dict[str, str] = {
    N.DISCLOSURE: "one published disclosure (部门/单位 预算 or 决算) of one unit and year; its id is on every node it owns; "
                  "phase 'budget' (预算) or 'actual' (决算), as on its flows.",
    UNIT: "the publishing unit, shared by its disclosures across years.",
    N.SOURCE: "a funding source (一般公共预算拨款收入 …) of the 收入总表, or of the 部门收支总表 where no 收入总表 is printed; it flows into the 收入 pool.",
    N.POOL: "one of the three pools of a disclosure: 收入, 基本支出, 项目支出.",
    N.FUNCTION: "a functional subject (功能分类 项, 7 digits) as this unit printed it, with its name.",
    N.ECONOMIC: "an economic subject (经济分类 款, 5 digits) of basic expenditure, as printed.",
    N.PROJECT: "a project of project expenditure, with its performance indicators.",
    N.TARGET: "a performance target (绩效目标) whose project no money table lists, with its goal, 预算数 and indicators.",
    N.INDICATOR: "a performance indicator (三级指标) of a project or target: operator, value and unit; "
                 "attributed = false when the text does not say whose it is (then it hangs from the Disclosure).",
    N.UNITEMISED: "what a pool receives but the disclosure does not itemise (a derived residual, never printed).",
    REPORT: "the checks of a disclosure: how many findings, errors, warnings; its findings hang from it.",
    FIGURE: "a quantity no flow carries (“三公” and its parts) as printed, with its phase: planned in a 预算, spent in a "
            "决算, and phase 'budget' in a 决算 for the 预算数 it prints beside its 决算数.",
    FINDING: "a check finding (BL02, DC01 …) with its message and the evidence line numbers.",
    N.FUNDING_KIND: "the kind of a funding source, shared by every unit that has it.",
    N.FUNCTION_CODE: "a node of the shared 功能分类 tree (类 3, 款 5, 项 7 digits); every unit spending on it links here.",
    N.ECONOMIC_CODE: "a node of the shared 经济分类 tree (类 3, 款 5 digits).",
}

FIRST_QUERY = "MATCH (d:Disclosure) RETURN d"
POOLS_QUERY = "MATCH (d:Disclosure)<-[:OF_DISCLOSURE]-(p:Pool) RETURN d, p"
FLOWS_QUERY = """MATCH (d:Disclosure)<-[:OF_DISCLOSURE]-(p:Pool {name: '收入'})<-[f:FLOWS_TO]-(s:FundingSource)
RETURN d.unitName AS unit, s.name AS source, f.amount AS amount, f.unit AS amountUnit,
       f.amountMinor AS amountMinor, f.file AS file, f.line AS line
ORDER BY unit, source"""
INTRO_QUERIES = (FIRST_QUERY, POOLS_QUERY, FLOWS_QUERY)


def example_values(query: Query) -> dict[str, str]:
    """Parameter values as text: the first `--param k=v` of the Example lines, else the default.

    >>> from lineage.neo4jdb.catalog import parse_query
    >>> q = parse_query("q", "// Title: t\\n// Param: $unit string — u\\n// Param: $limit int = 10 — n\\n"
    ...                 "// Example: lineage query q --param unit='渠县 科协'\\nRETURN 1")
    >>> example_values(q)
    {'unit': '渠县 科协', 'limit': '10'}
    """
    given: dict[str, str] = {}
    for line in query.examples:
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise QueryError(f"{query.file or query.name}: cannot read the Example line {line!r} ({exc})") from None
        for flag, value in zip(words, words[1:]):
            if flag == "--param" and "=" in value:
                name, text = value.split("=", 1)
                given.setdefault(name, text)
    out = {}
    for p in query.params:
        text = given.get(p.name, p.default)
        if text is not None:
            out[p.name] = text
    return out


def cypher_literal(param: Param, text: str) -> str:
    """The Cypher literal for a parameter value given as text (checked against the parameter's type).

    >>> from lineage.neo4jdb.catalog import Param
    >>> cypher_literal(Param("unit", "string", None, ""), "it's a \\\\ b")
    "'it\\\\'s a \\\\\\\\ b'"
    >>> cypher_literal(Param("limit", "int", None, ""), "10"), cypher_literal(Param("x", "bool", None, ""), "TRUE")
    ('10', 'true')
    """
    value = param.convert(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def param_command(param: Param, text: str) -> str:
    return f":param {param.name} => {cypher_literal(param, text)}"


def query_body(query: Query) -> str:
    """The query without its header comment lines: what a user runs."""
    lines = query.text.splitlines()
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start].lstrip().startswith("//")):
        start += 1
    return "\n".join(lines[start:]).strip()


def _runnable(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{escape(text, quote=False)}</pre>'


def _slide(title: str, lead: str, body: str) -> str:
    return (
        '<slide class="row-fluid">\n'
        f'<div class="col-sm-3">\n<h3>{escape(title)}</h3>\n<p class="lead">{escape(lead)}</p>\n</div>\n'
        f'<div class="col-sm-9">\n{body}\n</div>\n'
        "</slide>"
    )


def _prose(text: str) -> str:
    """Header prose as HTML: escaped, with `backticked` spans as code.

    >>> _prose("as `lineage check` says: a < b")
    'as <code>lineage check</code> says: a &lt; b'
    """
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text, quote=False))


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _intro_slides() -> list[str]:
    welcome = _slide(
        "Budget lineage", "Chinese budget disclosures as a graph you can click through.",
        "<p>Each 部门预算/单位预算公开 loaded with " + _code("lineage load PATH --neo4j URI")
        + " becomes a small connected subgraph: where the money comes from (funding sources), the pools it"
        " fills, the functional and economic subjects and projects it goes to, each amount with the"
        " document line it was read from, and the findings of the checks.</p>\n"
        "<p>Click a grey code block to put it into the editor, then run it. The last slides run the query"
        " library of <code>cypher/</code>; the same queries run from the shell with "
        + _code("lineage query NAME") + ".</p>\n"
        "<p>For captions with names and amounts, drag <code>cypher/browser/style.grass</code> onto Browser"
        " (or run " + _code(":style http://localhost:8001/style.grass") + " while "
        + _code("lineage guide --serve") + " runs).</p>",
    )
    labels = "\n".join(f"<li><b>{escape(label)}</b>: {escape(note)}</li>" for label, note in LABEL_NOTES.items())
    schema = _slide(
        "What the graph is", "Labels, one sentence each (docs/neo4j-schema.md has the picture).",
        f"<ul>\n{labels}\n</ul>\n"
        "<p>Money runs along <code>FLOWS_TO</code>: FundingSource → Pool 收入 → FunctionalSubject → Pool"
        " 基本支出/项目支出 → EconomicSubject/Project. Subjects are <code>CLASSIFIED_AS</code> a shared code,"
        " codes are <code>PART_OF</code> their parent; pools hang off their Disclosure by"
        " <code>OF_DISCLOSURE</code>.</p>",
    )
    amounts = _slide(
        "How to read amounts", "Exact numbers, never floats.",
        "<p>Amounts live on <code>FLOWS_TO</code> relationships only:</p>\n<ul>\n"
        "<li><code>amountMinor</code>: an integer count of 0.01 of <code>unit</code>. Sum this.</li>\n"
        "<li><code>amount</code>: the amount as printed in the document (<code>\"143.09\"</code>). Show this.</li>\n"
        "<li><code>unit</code>: 万元 or 元, the disclosure's unit; compare units before adding across units.</li>\n"
        "<li><code>file</code>, <code>line</code>, <code>printed</code>: where the amount was read;"
        " <code>derived: true</code> marks a computed residual with no line.</li>\n</ul>\n"
        "<p><code>FUNDS</code> (FundingSource → EconomicSubject, from 表2-1) carries the same properties plus"
        " <code>group</code>, <code>fund</code> and <code>part</code>: the same money split another way,"
        " so sum <code>FLOWS_TO</code> or <code>FUNDS</code>, never both.</p>\n"
        "<p>The <code>total</code> on a node is a caption for reading the picture, never an input to a sum.</p>\n"
        + _runnable(FLOWS_QUERY),
    )
    first = _slide(
        "A first look", "Start from the disclosures and expand.",
        "<p>List the loaded disclosures:</p>\n" + _runnable(FIRST_QUERY) + "\n"
        "<p>Double-click a Disclosure node to expand it: its three pools, its unit and its findings appear."
        " Double-click the 收入 pool, then a functional subject, and the flow unfolds to economic subjects and"
        " projects. Click a relationship to see its amount and source line. Or fetch all pools at once:</p>\n"
        + _runnable(POOLS_QUERY),
    )
    return [welcome, schema, amounts, first]


def _query_slide(query: Query) -> str:
    values = example_values(query)
    parts = []
    if query.description:
        parts.append(f"<p>{_prose(query.description)}</p>")
    if query.params:
        items = []
        for p in query.params:
            default = f" (default {_code(cypher_literal(p, p.default))})" if p.default is not None else " (required)"
            items.append(f"<li><code>${escape(p.name)}</code> {escape(p.type)}{default}: {escape(p.help)}</li>")
        parts.append("<p>Parameters: set them first (click, then run each line):</p>\n<ul>\n" + "\n".join(items) + "\n</ul>")
        for p in query.params:
            if p.name in values:
                parts.append(_runnable(param_command(p, values[p.name])))
            else:
                parts.append(f"<p>The query file gives no example value for <code>${escape(p.name)}</code>:"
                             f" set it with {_code(f':param {p.name} => ...')}.</p>")
    parts.append("<p>Then run the query:</p>\n" + _runnable(query_body(query)))
    if query.examples:
        shell = "\n".join(query.examples)
        parts.append(f"<p>From the shell:</p>\n<pre>{escape(shell, quote=False)}</pre>")
    return _slide(query.title, f"cypher/{query.name}.cypher", "\n".join(parts))


def _index_slide(queries: Sequence[Query]) -> str:
    if not queries:
        return _slide("The query library", "cypher/*.cypher", "<p>No query files in cypher/ yet.</p>")
    items = "\n".join(f"<li>{_code(q.name)}: {escape(q.title)}</li>" for q in queries)
    return _slide("The query library", "Ready-made queries, one slide each.",
                  f"<ol>\n{items}\n</ol>\n<p>Parameters persist in Browser: " + _code(":params")
                  + " lists them, " + _code(":params clear") + " removes them.</p>")


def render_guide(queries: Sequence[Query]) -> str:
    """The whole guide page: intro slides, an index, then one slide per query, in the given order."""
    slides = _intro_slides() + [_index_slide(queries)] + [_query_slide(q) for q in queries]
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(TITLE)}</title>\n</head>\n<body>\n"
        "<!-- Generated by `lineage guide -o cypher/browser/guide.html` from cypher/*.cypher: do not edit. -->\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n</body>\n</html>\n"
    )


def style_text() -> str:
    """The Browser style sheet shipped with the package (cypher/browser/style.grass)."""
    return (resources.files("lineage.cypher") / "browser" / "style.grass").read_text(encoding="utf-8")


def make_server(host: str, port: int, guide: Callable[[], str]) -> ThreadingHTTPServer:
    """An HTTP server for Browser: /guide.html (rendered on each request) and /style.grass, with CORS.

    Browser fetches guides and styles from its own origin (http://localhost:7474), so without
    `Access-Control-Allow-Origin` its request is refused; the guide's fetch also sends cache headers,
    so the preflight (OPTIONS) must be answered too.
    """
    routes: dict[str, tuple[str, Callable[[], str]]] = {
        "/guide.html": ("text/html; charset=utf-8", guide),
        "/style.grass": ("text/plain; charset=utf-8", style_text),
    }

    class Handler(BaseHTTPRequestHandler):
        def _cors(self) -> None:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")

        def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(204)
            self._cors()
            self.end_headers()

        def do_GET(self) -> None:  # noqa: N802
            route: Optional[tuple[str, Callable[[], str]]] = routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404, "only /guide.html and /style.grass are served")
                return
            body = route[1]().encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", route[0])
            self.send_header("Content-Length", str(len(body)))
            self._cors()
            self.end_headers()
            self.wfile.write(body)

    return ThreadingHTTPServer((host, port), Handler)
