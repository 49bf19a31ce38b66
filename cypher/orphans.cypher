// Title: Orphans: money or targets that lead nowhere
// One row per orphan, with kind:
// 'project without indicators' — a Project no MEASURED_BY reaches: money spent with no stated result;
// 'receives but passes nothing on' / 'passes on but receives nothing' — a Pool or FunctionalSubject with flows
// on one side only (e.g. where a flattened 支出总表 lost which column, 基本支出 or 项目支出, an amount stood in,
// the functional subjects keep their money and the pools pay out what nothing brings in);
// 'not classified' — a FunctionalSubject without a code, outside the shared 功能分类 tree;
// 'target without project' — a performance target (Target) whose project no money table lists (amountMinor: the
// 预算数 the target table prints; `lineage check` OR02 reports the same targets except 人员类/运转类 ones, codes
// like 51172322R…/Y…, which belong to 基本支出, and except in disclosures without a project table);
// 'indicator without project' — an indicator the text does not tie to any project (attributed = false; OR04).
// amountMinor is the project's money, or the one-sided sum of the node's flows (0.01 of unit); line is where it
// is printed. Compared with `lineage check` rule OR01 (project without performance target): OR01 fires only
// when the disclosure prints performance targets at all (disclosureHasIndicators = true here only says it has at
// least one indicator in the graph) and matches projects by name to targets, while this query asks for
// indicators, so a target printed without indicators is an orphan here and not for OR01.
// Param: $disclosure string = '' — a disclosure id or part of a unit name; '' for all disclosures
// Example: lineage query orphans --param disclosure=凉山
MATCH (d:Disclosure)
WHERE $disclosure = '' OR d.id = $disclosure OR d.unitName CONTAINS $disclosure
WITH d, COUNT { (:Project {disclosure: d.id})-[:MEASURED_BY]->(:Indicator) } > 0 AS disclosureHasIndicators
CALL (d) {
  MATCH (:Pool {disclosure: d.id})-[f:FLOWS_TO]->(p:Project)
  WHERE NOT (p)-[:MEASURED_BY]->(:Indicator)
  RETURN 'project without indicators' AS kind, 'Project' AS label, p.name AS name, p.code AS code,
         f.amountMinor AS amountMinor, f.line AS line
  UNION ALL
  MATCH (n:Pool|FunctionalSubject {disclosure: d.id})
  WITH n, [(n)<-[f:FLOWS_TO]-() | f] AS ins, [(n)-[f:FLOWS_TO]->() | f] AS outs
  WHERE (size(ins) = 0) <> (size(outs) = 0)
  WITH n, ins + outs AS side, size(ins) > 0 AS receives
  RETURN CASE WHEN receives THEN 'receives but passes nothing on' ELSE 'passes on but receives nothing' END AS kind,
         labels(n)[0] AS label, n.name AS name, n.code AS code,
         reduce(s = 0, f IN side | s + f.amountMinor) AS amountMinor, side[0].line AS line
  UNION ALL
  MATCH (fs:FunctionalSubject {disclosure: d.id})
  WHERE NOT (fs)-[:CLASSIFIED_AS]->(:FunctionCode)
  RETURN 'not classified' AS kind, 'FunctionalSubject' AS label, fs.name AS name, fs.code AS code,
         reduce(s = 0, x IN [(fs)<-[f:FLOWS_TO]-() | f.amountMinor] | s + x) AS amountMinor,
         head([(fs)<-[f:FLOWS_TO]-() | f.line]) AS line
  UNION ALL
  MATCH (t:Target {disclosure: d.id})
  RETURN 'target without project' AS kind, 'Target' AS label, t.name AS name, t.code AS code,
         t.budgetMinor AS amountMinor, t.line AS line
  UNION ALL
  MATCH (i:Indicator {disclosure: d.id, attributed: false})
  RETURN 'indicator without project' AS kind, 'Indicator' AS label, i.name AS name, null AS code,
         null AS amountMinor, i.line AS line
}
RETURN d.id AS disclosure,
       kind,
       label,
       name,
       code,
       amountMinor,
       CASE WHEN amountMinor IS NOT NULL
         THEN toString(amountMinor / 100) + '.' + substring(toString(100 + amountMinor % 100), 1) END AS amount,
       d.amountUnit AS unit,
       line,
       disclosureHasIndicators
ORDER BY disclosure, kind, line, name
