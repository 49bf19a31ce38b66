// Title: The largest projects, with their unit and their performance indicators
// Projects ordered by amount (amountMinor, 0.01 of unit; largest first), optionally of one disclosure: the
// amount as printed, the unit, the disclosure, the 功能分类 code, the source line, and the indicators that
// measure it ("三级指标 operator value measureUnit", in the order printed); indicatorCount = 0 flags a project
// without indicators (see also orphans). `unresolved`: indicators the document leaves open between this project
// and others (MAY_MEASURE, resolved false; rule OR04), never counted as its own. Amounts of different
// disclosures are compared as printed: check unit.
// Param: $limit int = 10 — at most this many projects
// Param: $disclosure string = '' — a disclosure id or part of a unit name; '' for all disclosures
// Example: lineage query largest_projects --param limit=5 --param disclosure=凉山
MATCH (d:Disclosure)
WHERE $disclosure = '' OR d.id = $disclosure OR d.unitName CONTAINS $disclosure
MATCH (d)<-[:OF_DISCLOSURE]-(:Pool {name: '项目支出'})-[f:FLOWS_TO]->(p:Project)
WITH d, p, f
ORDER BY f.amountMinor DESC, d.id, f.line
LIMIT $limit
OPTIONAL MATCH (p)-[:MEASURED_BY]->(i:Indicator)
WITH d, p, f, i
ORDER BY i.line
WITH d, p, f,
     collect(i.name + coalesce(' ' + i.operator, '') + coalesce(' ' + i.value, '') + coalesce(' ' + i.measureUnit, '')) AS indicators
OPTIONAL MATCH (p)-[:MAY_MEASURE {resolved: false}]->(u:Indicator)
WITH d, p, f, indicators, u
ORDER BY u.line
WITH d, p, f, indicators,
     collect(u.name + coalesce(' ' + u.operator, '') + coalesce(' ' + u.value, '') + coalesce(' ' + u.measureUnit, '')) AS unresolved
RETURN p.name AS project,
       p.code AS code,
       f.amountMinor AS amountMinor,
       f.amount AS amount,
       f.unit AS unit,
       d.unitName AS unitName,
       d.id AS disclosure,
       f.line AS line,
       size(indicators) AS indicatorCount,
       size(indicators) = 0 AS withoutIndicators,
       indicators,
       unresolved
ORDER BY amountMinor DESC, disclosure, line
