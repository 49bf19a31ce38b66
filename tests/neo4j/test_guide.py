"""The Browser guide (cypher/browser/guide.html) and style (cypher/browser/style.grass); no server needed.

The guide is read back the way Neo4j Browser reads it: slides are the
`<slide>` elements, and clicking a `pre.runnable` puts its text content (HTML
entities decoded, trimmed) into the editor. The style is parsed the way
Browser's parseGrass does: no comments, a quote toggles a string, a property
with more than one ':' is dropped.
"""

from __future__ import annotations

import re
import subprocess
import shutil
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage.checks import run_checks
from lineage.neo4jdb import catalog, guide, schema
from lineage.neo4jdb.rows import disclosure_rows
from lineage_cli.guide_cmd import guide_cmd

ROOT = Path(__file__).resolve().parents[2]
GUIDE_FILE = ROOT / "cypher" / "browser" / "guide.html"
STYLE_FILE = ROOT / "cypher" / "browser" / "style.grass"
LINT = ROOT / "tools" / "cypher-lint"

TRICKY = """// Title: Units where a < b & "quotes" </pre><script>x()</script>
// Compares <b>amounts</b> & lines.
// Param: $unit string — a unit name, e.g. O'Brien\\ 科协
// Param: $limit int = 10 — at most this many rows
// Example: lineage query tricky --param "unit=O'Brien\\ 科协"
MATCH (f:FLOWS_TO) WHERE f.amountMinor < 100 AND f.unit <> '元' & 1
RETURN f LIMIT $limit
"""


class Slides(HTMLParser):
    """Each <slide>'s heading and text, and the text Browser puts into the editor for each runnable <pre>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.slides: list[dict] = []
        self._pre: list[str] | None = None
        self._in_h3 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "slide":
            self.slides.append({"title": "", "text": "", "runnable": []})
        elif tag == "h3":
            self._in_h3 = True
        elif tag == "pre" and "runnable" in (dict(attrs).get("class") or "").split():
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "h3":
            self._in_h3 = False
        elif tag == "pre" and self._pre is not None:
            self.slides[-1]["runnable"].append("".join(self._pre).strip())
            self._pre = None

    def handle_data(self, data):
        if self._pre is not None:
            self._pre.append(data)
        elif self.slides:
            self.slides[-1]["title" if self._in_h3 else "text"] += data


def slide_for(html: str, title: str) -> dict:
    matches = [s for s in Slides(html).slides if s["title"] == title]
    assert len(matches) == 1, f"{len(matches)} slides are titled {title!r}"
    return matches[0]


# --- the guide ------------------------------------------------------------


def test_every_query_in_cypher_has_a_slide_with_its_title_and_runnable_text():
    queries = catalog.all_queries()
    assert queries, "no query files in cypher/"
    html = guide.render_guide(queries)
    for q in queries:
        slide = slide_for(html, q.title)
        body = guide.query_body(q)
        assert body and not body.startswith("//")
        assert body in slide["runnable"], f"{q.name}: the query is not a runnable block of its slide"


def test_every_required_parameter_of_the_library_gets_an_example_value():
    # Otherwise the slide cannot be run as it stands: add an `// Example: ... --param k=v` line.
    for q in catalog.all_queries():
        values = guide.example_values(q)
        for p in q.params:
            assert p.name in values, f"cypher/{q.name}.cypher: no default and no Example value for ${p.name}"
            p.convert(values[p.name])


def test_the_committed_guide_equals_a_fresh_render():
    fresh = guide.render_guide(catalog.all_queries())
    committed = GUIDE_FILE.read_text(encoding="utf-8") if GUIDE_FILE.exists() else ""
    assert committed == fresh, (
        "cypher/browser/guide.html is stale: run `lineage guide -o cypher/browser/guide.html` and commit it"
    )


def test_special_characters_are_escaped_and_reach_the_editor_unchanged():
    q = catalog.parse_query("tricky", TRICKY, "tricky.cypher")
    html = guide.render_guide([q])
    # Nothing from the query file can open a tag: the only <script>/<b> would be the file's own.
    assert "<script>" not in html and "<b>amounts" not in html
    assert "a &lt; b &amp; &quot;quotes&quot; &lt;/pre&gt;" in html
    slide = slide_for(html, 'Units where a < b & "quotes" </pre><script>x()</script>')
    assert "Compares <b>amounts</b> & lines." in slide["text"]
    assert slide["runnable"] == [
        # The Example gives O'Brien\ 科协 (shlex removes the double quotes, keeps ' and \);
        # as a Cypher string literal the quote and the backslash are escaped.
        ":param unit => 'O\\'Brien\\\\ 科协'",
        ":param limit => 10",  # the default, an integer literal (not 10.0)
        "MATCH (f:FLOWS_TO) WHERE f.amountMinor < 100 AND f.unit <> '元' & 1\nRETURN f LIMIT $limit",
    ]


def test_a_required_parameter_without_an_example_is_named_not_guessed():
    q = catalog.parse_query("q", "// Title: T\n// Param: $code string — a code\nRETURN $code", "q.cypher")
    slide = slide_for(guide.render_guide([q]), "T")
    assert slide["runnable"] == ["RETURN $code"]
    assert "no example value for $code" in slide["text"]


def test_an_unreadable_example_line_is_an_error_naming_the_file():
    q = catalog.parse_query("q", "// Title: T\n// Param: $u string — u\n// Example: lineage query q --param u='x\nRETURN $u", "q.cypher")
    with pytest.raises(catalog.QueryError, match="q.cypher: cannot read the Example line"):
        guide.render_guide([q])


def test_the_intro_describes_every_label_of_the_schema():
    assert set(guide.LABEL_NOTES) == set(schema.LABELS)
    schema_slide = slide_for(guide.render_guide([]), "What the graph is")
    for label in schema.LABELS:
        assert f"{label}: " in schema_slide["text"]


def test_the_page_has_a_title_and_slides_in_a_guide_carousel():
    html = guide.render_guide(catalog.all_queries())
    assert re.search(r"<title>[^<\n]+</title>", html)  # Browser 5 reads the title with this shape
    assert html.index('<article class="guide">') < html.index("<carousel") < html.index("<slide")
    assert html.count("<slide ") == html.count("</slide>") == 5 + len(catalog.all_queries())


def test_the_intro_queries_pass_the_neo4j_linter(missing, tmp_path):
    if shutil.which("node") is None or not (LINT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        missing("the Cypher linter needs node and `npm ci` in tools/cypher-lint")
    files = []
    for i, text in enumerate(guide.INTRO_QUERIES):
        files.append(tmp_path / f"intro{i}.cypher")
        files[-1].write_text(text + "\n", encoding="utf-8")
    result = subprocess.run(["node", str(LINT / "lint.mjs"), *map(str, files)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "")


# --- the command and the server ---------------------------------------------


def test_guide_output_writes_the_render(tmp_path):
    target = tmp_path / "guide.html"
    result = CliRunner().invoke(guide_cmd, ["-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == guide.render_guide(catalog.all_queries())
    assert CliRunner().invoke(guide_cmd, ["-o", str(target), "--serve", "0"]).exit_code == 2


def test_the_server_answers_browser_with_cors_headers():
    server = guide.make_server("127.0.0.1", 0, lambda: "<slide>x</slide>")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/guide.html?x=1") as r:
            assert (r.read().decode(), r.headers["Access-Control-Allow-Origin"]) == ("<slide>x</slide>", "*")
        with urllib.request.urlopen(f"{base}/style.grass") as r:
            assert r.read().decode("utf-8") == STYLE_FILE.read_text(encoding="utf-8")
        preflight = urllib.request.Request(f"{base}/guide.html", method="OPTIONS")
        with urllib.request.urlopen(preflight) as r:
            assert r.status == 204 and r.headers["Access-Control-Allow-Origin"] == "*"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{base}/../pyproject.toml")
        assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


# --- the style ----------------------------------------------------------------


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """selector -> {property: value}, read as Browser's parseGrass (grassUtils.ts) reads a dropped or :style file."""
    raw: dict[str, str] = {}
    keyword, props, in_string, in_props, in_binding = "", "", False, False, False
    for c in text:
        if c in "'\"":
            in_string = not in_string
        elif c == "{" and not in_string:
            in_binding, in_props = in_props, True
        elif c == "}" and not in_string:
            if in_binding:
                in_binding = False
            else:
                raw[keyword], keyword, props, in_props = props, "", "", False
        elif in_props:
            props += c
        elif not c.isspace():
            keyword += c
    rules = {}
    for selector, body in raw.items():
        pairs = [prop.split(":") for prop in body.split(";")]
        rules[selector] = {p[0].strip(): p[1].strip() for p in pairs if len(p) == 2}
    return rules


@pytest.fixture(scope="module")
def seed_rows(parsed):
    """label -> node rows and FLOWS_TO property maps of the seeds, as the loader writes them."""
    nodes: dict[str, list[dict]] = {}
    flows: list[dict] = []
    # 001 has every label but Unitemised, which only 004 (上缴上级支出 …) produces.
    for prefix in ("001", "004"):
        d = parsed(prefix)
        rows = disclosure_rows(d, run_checks(d))
        for label, label_rows in rows.nodes.items():
            nodes.setdefault(label, []).extend(label_rows)
        flows += [r["props"] for rels in rows.rels if rels.type == "FLOWS_TO" for r in rels.rows]
    return nodes, flows


def captions(text: str) -> list[str]:
    return re.findall(r"\{([^{}]*)\}", text)


def test_the_style_is_plain_grass_that_browser_parses():
    text = STYLE_FILE.read_text(encoding="utf-8")
    rules = parse_grass(text)
    known = {"diameter", "color", "border-color", "border-width", "text-color-internal", "text-color-external",
             "font-size", "caption", "shaft-width", "padding"}
    # A comment would end up in a selector or a property name: Browser's parser knows none.
    for selector, props in rules.items():
        assert re.fullmatch(r"(node|relationship)(\.\w+)?", selector), selector
        assert set(props) <= known, (selector, set(props) - known)
    # Browser drops a property with a second ':', so a caption with ':' would vanish.
    written = re.findall(r"(\S+) \{[^}]*?caption: '([^']*)'", text)
    assert len(written) == sum("caption" in p for p in rules.values()) > len(schema.LABELS)
    for selector, caption in written:
        assert rules[selector]["caption"] == caption


def test_every_label_has_a_caption_naming_properties_its_rows_have(seed_rows):
    nodes, _ = seed_rows
    rules = parse_grass(STYLE_FILE.read_text(encoding="utf-8"))
    for label in schema.LABELS:
        caption = rules.get(f"node.{label}", {}).get("caption")
        assert caption, f"style.grass gives {label} no caption"
        assert nodes.get(label), f"no seed row has label {label}: cannot check its caption"
        for prop in captions(caption):
            missing = [r["id"] for r in nodes[label] if prop not in r]
            assert not missing, f"{label} caption names {prop!r}, absent on {missing[:3]}"


def test_money_nodes_show_name_and_amount_and_flows_their_printed_amount(seed_rows):
    _, flows = seed_rows
    rules = parse_grass(STYLE_FILE.read_text(encoding="utf-8"))
    for label in ("FundingSource", "Pool", "FunctionalSubject", "EconomicSubject", "Project", "Unitemised"):
        assert {"name", "total"} <= set(captions(rules[f"node.{label}"]["caption"])), label
    flow_caption = captions(rules["relationship.FLOWS_TO"]["caption"])
    assert flow_caption == ["amount"]
    assert flows and all("amount" in props for props in flows)
