#!/usr/bin/env node
// Lint .cypher files with Neo4j's own Cypher parser and semantic analysis
// (npm @neo4j-cypher/language-support, lintCypherQuery).
//
//   node tools/cypher-lint/lint.mjs [--schema SCHEMA.json] FILE.cypher...
//
// Prints one line per diagnostic, `file:line:col: severity: message` (1-based
// line and column), and exits 1 if any file has a diagnostic, 0 when every
// file is clean, 2 on a usage error (no files, unreadable file).
//
// Choices, and why:
// - A file may hold several statements separated by `;`. lintCypherQuery
//   splits them itself and reports positions in the whole file, so the file
//   is passed as one text; `//` and `/* */` comments are part of Cypher.
// - Without --schema the schema is empty: lintCypherQuery only warns about
//   unknown labels, relationship types and property keys when the schema lists
//   some. With --schema (a JSON object with `labels`, `relationshipTypes` and
//   `propertyKeys`, as the tests write it from the rows the loader sends) a
//   misspelt label or property is a warning, and so a failure.
// - "Parameter $x is not defined." is dropped (the package's own
//   isNotParamError): parameters get their values when a query runs, the
//   linter cannot know them. Every other diagnostic, warnings included, fails.
// - Console commands (`:param`, `:use`) are rejected: the files are run through
//   a driver, which does not understand them.

import { readFileSync } from 'node:fs';
import { isNotParamError, lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Diagnostics for one file's text, as printable lines. */
function lintText(file, text, schema) {
  const { diagnostics } = lintCypherQuery(text, schema, { consoleCommandsEnabled: false });
  return diagnostics.filter(isNotParamError).map((d) => {
    const { line, character } = d.range.start;
    const severity = SEVERITY[d.severity] ?? 'error';
    const message = d.message.replace(/\s+/g, ' ');
    return `${file}:${line + 1}:${character + 1}: ${severity}: ${message}`;
  });
}

function main(args) {
  let schema = {};
  if (args[0] === '--schema') {
    try {
      schema = JSON.parse(readFileSync(args[1], 'utf8'));
    } catch (err) {
      console.error(`${args[1]}: cannot read the schema: ${err.message}`);
      return 2;
    }
    args = args.slice(2);
  }
  const files = args;
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    console.error('usage: node lint.mjs [--schema SCHEMA.json] FILE.cypher...');
    return 2;
  }
  const texts = [];
  for (const file of files) {
    try {
      texts.push([file, readFileSync(file, 'utf8')]);
    } catch (err) {
      console.error(`${file}: cannot read: ${err.message}`);
      return 2;
    }
  }
  const problems = texts.flatMap(([file, text]) => lintText(file, text, schema));
  for (const line of problems) console.log(line);
  return problems.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
