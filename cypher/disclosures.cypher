// Title: Overview: every loaded disclosure with its printed total, what flows in and out of 收入, and its findings
// One row per disclosure: unit, year, kind, file, the printed 支出总计 (totalMinor, 0.01 of unit), what the funding
// sources pay into 收入 (inflowMinor) and what 收入 pays to functional subjects (outflowMinor), the number of
// projects in the 项目支出表, of performance targets no money table lists (targetsWithoutProject, OR02), of
// indicators (all printed, and those the text ties to no project: unattributedIndicators, OR04), and the
// findings of `lineage check` counted by severity (error, warning, info; from the disclosure's CheckReport).
// Param: $disclosure string = '' — a disclosure id or part of a unit name; '' for all disclosures
// Example: lineage query disclosures
MATCH (d:Disclosure)
WHERE $disclosure = '' OR d.id = $disclosure OR d.unitName CONTAINS $disclosure
MATCH (d)<-[:OF_DISCLOSURE]-(income:Pool {name: '收入'})
WITH d,
     reduce(s = 0, x IN [(income)<-[f:FLOWS_TO]-() | f.amountMinor] | s + x) AS inflowMinor,
     reduce(s = 0, x IN [(income)-[f:FLOWS_TO]->() | f.amountMinor] | s + x) AS outflowMinor,
     head([(d)<-[:OF_DISCLOSURE]-(r:CheckReport) | r]) AS report
RETURN d.id AS disclosure,
       d.unitName AS unitName,
       d.year AS year,
       d.kind AS kind,
       d.file AS file,
       d.amountUnit AS unit,
       d.totalMinor AS totalMinor,
       d.total AS total,
       inflowMinor,
       outflowMinor,
       COUNT { (:Pool {disclosure: d.id, name: '项目支出'})-[:FLOWS_TO]->(:Project) } AS projects,
       COUNT { (:Target)-[:OF_DISCLOSURE]->(d) } AS targetsWithoutProject,
       COUNT { (:Indicator {disclosure: d.id}) } AS indicators,
       COUNT { (:Indicator {disclosure: d.id, attributed: false}) } AS unattributedIndicators,
       report.errors AS errors,
       report.warnings AS warnings,
       report.infos AS infos
ORDER BY unitName, year
