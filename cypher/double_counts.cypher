// Title: Money counted twice: doubled nodes, a printed cell read twice, repeated projects, and DC01 findings
// One row per suspect, with kind:
// 'inflow twice outflow' / 'outflow twice inflow' — a Pool or FunctionalSubject that passes on exactly half,
// or exactly double, what it receives (amounts: inflow, outflow);
// 'same line, same amount twice into one node' — two FLOWS_TO from different nodes into one node, with the
// same amount from the same printed line: one printed cell counted twice (amounts: the two amounts);
// 'project name repeated' — the same project name more than once under one 项目支出 pool (amounts: each
// occurrence; repeated names may be separate grants under different codes — look at the lines);
// 'DC01 finding' — a total in the explanation text that is exactly twice what the tables show, as found by
// `lineage check` (amounts: expected, found; message: the finding's).
// amounts are exact strings in unit; lines the printed lines involved.
// Param: $disclosure string = '' — a disclosure id or part of a unit name; '' for all disclosures
// Example: lineage query double_counts --param disclosure=渠县
MATCH (d:Disclosure)
WHERE $disclosure = '' OR d.id = $disclosure OR d.unitName CONTAINS $disclosure
CALL (d) {
  MATCH (n:Pool|FunctionalSubject {disclosure: d.id})
  WITH n, [(n)<-[f:FLOWS_TO]-() | f] AS ins, [(n)-[f:FLOWS_TO]->() | f] AS outs
  WITH n, ins + outs AS flows,
       reduce(s = 0, f IN ins | s + f.amountMinor) AS inflow,
       reduce(s = 0, f IN outs | s + f.amountMinor) AS outflow
  WHERE inflow > 0 AND outflow > 0 AND (inflow = 2 * outflow OR outflow = 2 * inflow)
  RETURN CASE WHEN inflow > outflow THEN 'inflow twice outflow' ELSE 'outflow twice inflow' END AS kind,
         n.name AS name,
         [m IN [inflow, outflow] | toString(m / 100) + '.' + substring(toString(100 + m % 100), 1)] AS amounts,
         [f IN flows WHERE f.line IS NOT NULL | f.line] AS lines,
         '' AS message
  UNION ALL
  MATCH (a)-[f1:FLOWS_TO]->(n:Pool|FunctionalSubject|EconomicSubject|Project|Unitemised {disclosure: d.id})<-[f2:FLOWS_TO]-(b)
  WHERE a.id < b.id AND f1.line = f2.line AND f1.amountMinor = f2.amountMinor
  RETURN 'same line, same amount twice into one node' AS kind,
         n.name AS name, [f1.amount, f2.amount] AS amounts, [f1.line] AS lines,
         a.name + ' and ' + b.name AS message
  UNION ALL
  MATCH (:Pool {disclosure: d.id, name: '项目支出'})-[f:FLOWS_TO]->(p:Project)
  WITH p, f
  ORDER BY f.line
  WITH p.name AS name, collect(f) AS flows
  WHERE size(flows) > 1
  RETURN 'project name repeated' AS kind, name, [f IN flows | f.amount] AS amounts,
         [f IN flows WHERE f.line IS NOT NULL | f.line] AS lines,
         toString(size(flows)) + ' projects of this name' AS message
  UNION ALL
  MATCH (x:Finding {disclosure: d.id, code: 'DC01'})
  RETURN 'DC01 finding' AS kind, x.rule AS name, [x.expected, x.found] AS amounts, x.lines AS lines,
         x.message AS message
}
RETURN d.id AS disclosure,
       kind,
       name,
       amounts,
       d.amountUnit AS unit,
       lines,
       message
ORDER BY disclosure, kind, name
