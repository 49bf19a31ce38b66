"""`lineage guide`: the Neo4j Browser guide, generated from the query library so it cannot go stale."""

from __future__ import annotations

import click

from lineage.neo4jdb.catalog import QueryError, all_queries
from lineage.neo4jdb.guide import make_server, render_guide

from .common import emit, fail_input, output_option, stderr


def _render() -> str:
    try:
        return render_guide(all_queries())
    except QueryError as exc:
        raise fail_input(str(exc))


@click.command("guide")
@output_option
@click.option("--serve", "port", type=click.IntRange(0, 65535), default=None, metavar="PORT",
              help="Serve /guide.html and /style.grass on http://localhost:PORT (with the CORS headers "
                   "Browser needs) until Ctrl-C, instead of printing.")
def guide_cmd(output: str | None, port: int | None) -> None:
    """Write the Neo4j Browser guide (HTML slides) that walks through the graph with the query library.

    The slides come from the headers of cypher/*.cypher: title, description, one
    runnable `:param` line per parameter (from the Example line or the default) and
    the query itself. The committed cypher/browser/guide.html must equal this output
    (a test checks it); regenerate it after editing a query.

    \b
    To play it in Neo4j Browser (Browser runs on another origin, so the guide host must
    send CORS headers, which `python -m http.server` does not):
      lineage guide --serve 8001
      then in Browser:  :play http://localhost:8001/guide.html
      and for captions: :style http://localhost:8001/style.grass
    localhost is allowed by default; to serve from another host, add it to
    browser.remote_content_hostname_allowlist in neo4j.conf (Docker:
    NEO4J_browser_remote__content__hostname__allowlist) and restart Neo4j.
    Or drag cypher/browser/style.grass onto the Browser window.

    \b
    Examples:
      lineage guide -o cypher/browser/guide.html
      lineage guide > /tmp/guide.html
      lineage guide --serve 8001
    """
    if port is not None and output is not None:
        raise click.UsageError("--serve and --output exclude each other")
    if port is None:
        emit(_render(), output)
        return
    _render()  # fail now, not on the first request, if a query file is broken
    try:
        server = make_server("127.0.0.1", port, _render)
    except OSError as exc:  # in use, or below 1024 without the right
        raise fail_input(f"port {port}: cannot serve the guide there ({exc.strerror})")
    base = f"http://localhost:{server.server_address[1]}"
    stderr.print(f"serving {base}/guide.html and {base}/style.grass; in Browser: :play {base}/guide.html (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
