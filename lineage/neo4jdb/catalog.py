"""The query library in cypher/: one query per file, described by its header comment.

A file starts with `//` comment lines; these keys are read, the other comment
lines are the description:

    // Title: Where a functional subject's money comes from and goes, across units
    // Param: $code string — a 功能分类 code: 类 (206), 款 (20607) or 项 (2060701)
    // Param: $limit int = 20 — at most this many rows
    // Example: lineage query subject_across_units --param code=20607

The header is the single source of `lineage query --list`, of parameter
conversion (`--param` values arrive as text) and of the Browser guide's
`:param` lines. A parameter without a default is required; a quoted default
is the text inside the quotes (`= ''` is the empty string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Optional

PARAM_RE = re.compile(r"^\$(?P<name>\w+)\s+(?P<type>string|int|bool)(?:\s*=\s*(?P<default>\S+))?\s+[—-]+\s*(?P<help>.+)$")
KEY_RE = re.compile(r"^//\s*(?P<key>Title|Param|Example):\s*(?P<value>.*)$")
TYPES = {"string": str, "int": int, "bool": lambda text: {"true": True, "false": False}[text.lower()]}


class QueryError(Exception):
    """A query file or a parameter is wrong; the message names the file or the parameter."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Optional[str]
    help: str

    def convert(self, text: str) -> Any:
        """The value of `--param name=text`; an int is a count or limit in every query, so never negative."""
        try:
            value = TYPES[self.type](text)
        except (KeyError, ValueError):
            raise QueryError(f"--param {self.name}={text}: expected {self.type}") from None
        if self.type == "int" and value < 0:
            raise QueryError(f"--param {self.name}={text}: expected a whole number 0 or more")
        return value


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str  # the whole file: header comments are valid Cypher comments
    file: str = field(default="", compare=False)

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """Parameter values from `--param k=v` texts, with defaults; unknown or missing names are errors."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (takes: {', '.join(known) or 'none'})")
        out: dict[str, Any] = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = p.convert(given[p.name])
            elif p.default is not None:
                out[p.name] = p.convert(p.default)
            else:
                raise QueryError(f"{self.name}: parameter {p.name} is required ({p.help}); give --param {p.name}=…")
        return out


def _unquote(default: Optional[str]) -> Optional[str]:
    """A default written in quotes is the text inside them, so `= ''` is the empty string.

    >>> _unquote("''"), _unquote('"a b"'), _unquote("10"), _unquote(None)
    ('', 'a b', '10', None)
    """
    if default and len(default) >= 2 and default[0] == default[-1] and default[0] in "'\"":
        return default[1:-1]
    return default


def parse_query(name: str, text: str, file: str = "") -> Query:
    title, description, params, examples = "", [], [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        m = KEY_RE.match(stripped)
        if not m:
            description.append(stripped[2:].strip())
        elif m["key"] == "Title":
            title = m["value"].strip()
        elif m["key"] == "Example":
            examples.append(m["value"].strip())
        else:
            pm = PARAM_RE.match(m["value"].strip())
            if not pm:
                raise QueryError(f"{file or name}: cannot read the parameter line {stripped!r}")
            params.append(Param(pm["name"], pm["type"], _unquote(pm["default"]), pm["help"].strip()))
    if not title:
        raise QueryError(f"{file or name}: the header has no '// Title:' line")
    return Query(name, title, " ".join(x for x in description if x).strip(), tuple(params), tuple(examples), text, file)


def all_queries() -> list[Query]:
    """Every query of the library, by name."""
    folder = resources.files("lineage.cypher")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            out.append(parse_query(entry.name[: -len(".cypher")], entry.read_text(encoding="utf-8"), entry.name))
    return out


def get(name: str) -> Query:
    queries = {q.name: q for q in all_queries()}
    if name not in queries:
        raise QueryError(f"no query named {name!r} in cypher/ (known: {', '.join(sorted(queries))})")
    return queries[name]
