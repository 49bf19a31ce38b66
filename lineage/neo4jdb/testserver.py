"""A throwaway Bolt + OpenCypher server for tests and benchmarks.

Neo4j cannot be installed on the machines this project is tested on; ArcadeDB
can (PyPI ``arcadedb-embedded``, which bundles its own JRE) and speaks Bolt
through its ``com.arcadedb.bolt.BoltProtocolPlugin``, so the official ``neo4j``
driver talks to it unchanged. See docs/neo4j-compat.md for what differs.

The server runs in a CHILD process (this file, run as a script), not in the
caller's process:

- the JVM that arcadedb-embedded starts through JPype cannot be restarted in a
  process, and would stay in the test process until it exits;
- ArcadeDB writes its application log to ``./log`` of the working directory;
  the child runs in the temp folder, so nothing lands in the repository;
- the child stops the server when its stdin closes, so a test run that dies
  takes the server with it. (SIGTERM is no way to stop it: the JVM crashes on
  it with SIGSEGV inside JPype.)

Everything listens on 127.0.0.1 only, on ports free at start time, with a
fresh database in the given folder and a random root password.

    server = start_test_server(tmp_path)
    driver = neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password))
    ...
    server.stop()
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
USER = "root"  # ArcadeDB's administrator; its password is set at first start
DATABASE = "lineage"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
PASSWORD_ENV = "LINEAGE_TESTSERVER_PASSWORD"  # not argv: argv is visible in `ps`


class TestServerError(RuntimeError):
    """The test server did not come up (the message ends with its log tail)."""

    __test__ = False  # not a pytest test class, despite the name


@dataclass
class Server:
    """A running test server: connect with ``neo4j.GraphDatabase.driver(uri, auth=(user, password))``
    and open sessions on ``database`` (also the server's default database)."""

    __test__ = False

    uri: str
    user: str
    password: str = field(repr=False)
    database: str
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the server cleanly (close its stdin), killing it only if it hangs."""
        if self.process.poll() is not None:
            return
        self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_test_server(tmpdir: str | os.PathLike, timeout: float = 90.0, heap: str = "1g") -> Server:
    """Start a fresh server with its files in ``tmpdir``; return once Bolt answers a query.

    Raises TestServerError with the tail of the server log if the server exits
    or does not answer within ``timeout`` seconds (it is stopped first).
    """
    root = Path(tmpdir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    bolt_port, http_port = _free_port(), _free_port()
    password = secrets.token_hex(16)
    log_path = root / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, __file__, str(root), str(bolt_port), str(http_port), heap],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, PASSWORD_ENV: password},
        )
    server = Server(f"bolt://{HOST}:{bolt_port}", USER, password, DATABASE, log_path, process)
    try:
        _wait_until_answering(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _free_port() -> int:
    """A loopback port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_until_answering(server: Server, timeout: float) -> None:
    """Poll until a Bolt session on the database runs ``RETURN 1``.

    The port opens before the database exists, so a bare TCP connect is not
    enough: the session proves the plugin, the credentials and the database.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    # Short timeouts: a port held by something that does not speak Bolt would
    # otherwise hang each attempt for the driver's default 60 s handshake deadline.
    auth = (server.user, server.password)
    timeouts = {"connection_timeout": 1.0, "connection_acquisition_timeout": 2.0}
    with GraphDatabase.driver(server.uri, auth=auth, **timeouts) as driver:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise TestServerError(
                    f"test server exited with status {server.process.returncode}"
                    f"\n--- {server.log_path} (tail) ---\n{_tail(server.log_path)}"
                )
            try:
                with driver.session(database=server.database) as session:
                    session.run("RETURN 1").consume()
                return
            except (DriverError, Neo4jError, OSError) as error:
                last_error = error
                time.sleep(0.25)
    raise TestServerError(
        f"test server did not answer on {server.uri} within {timeout:.0f}s (last error: {last_error})"
        f"\n--- {server.log_path} (tail) ---\n{_tail(server.log_path)}"
    )


def _tail(path: Path, lines: int = 40) -> str:
    with open(path, encoding="utf-8", errors="replace") as log:
        return "".join(deque(log, maxlen=lines))


def _serve(root: str, bolt_port: int, http_port: int, heap: str) -> None:
    """The child: run the server until stdin closes, then stop it."""
    from arcadedb_embedded import ArcadeDBServer

    server = ArcadeDBServer(
        root_path=root,
        root_password=os.environ[PASSWORD_ENV],
        config={
            "host": HOST,  # HTTP and every protocol plugin bind here
            "http_port": http_port,  # the HTTP API cannot be switched off
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": bolt_port,
            "bolt_defaultDatabase": DATABASE,  # sessions without database= land here
        },
        jvm_kwargs={"heap_size": heap},
    )
    server.start()
    try:
        server.create_database(DATABASE)
        print(f"test server: bolt://{HOST}:{bolt_port} database {DATABASE}", flush=True)
        sys.stdin.read()  # returns at EOF: the parent called stop() or died
    finally:
        server.stop()
        print("test server: stopped", flush=True)


if __name__ == "__main__":
    try:
        _serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)  # threads a failed start leaves in the JVM would keep the process alive
