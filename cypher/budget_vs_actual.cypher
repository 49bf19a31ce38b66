// Title: Budget against actual: a unit's 预算 and 决算 of one year per 类/款/项, 基本/项目 and 三公, with the execution rate
// One row per unit, year, part and subject: part '类', '款' or '项' (what 收入 pays into the unit's functional subjects
// under that 功能分类 code: the 支出总表's 合计 in a 预算, the 支出决算表's 本年支出合计 in a 决算), '基本/项目' (what the
// functional subjects pay into the 基本支出 and 项目支出 pools), '三公' (the Figure nodes of the 三公 table: its
// columns in a 预算, its 决算数 and its own 预算数 in a 决算). budget* comes from the unit's 预算 of that year
// (Disclosure.phase = 'budget'), actual* from its 决算 (phase = 'actual'), ownBudget* from the 预算数 the 决算 itself
// prints beside its 决算数 (三公): it may differ from the 预算 when the budget was adjusted during the year.
// Amounts are ...Minor integers (0.01 of the side's unit, 万元 or 元) and exact strings; a side the unit has not
// loaded, or does not print, is null. rate is 决算数 / 预算数 in percent, 2 decimals, rounded half up, computed in
// integer 0.01 元 (a 预算 in 元 against a 决算 in 万元 is exact); ownRate the same against the 决算's own 预算数.
// The same figures as the execution lines of `lineage compare UNIT` (its 支出（全部资金） and 三公 sections).
// Param: $unit string — part of the unit name (普陀区规划), or a disclosure id (its unit and year, both phases)
// Param: $year int = 0 — the year; 0 for every year the unit has loaded
// Example: lineage query budget_vs_actual --param unit=渠县
// Example: lineage query budget_vs_actual --param unit=普陀区规划 --param year=2024
MATCH (x:Disclosure)
WHERE (x.id = $unit OR x.unitName CONTAINS $unit) AND ($year = 0 OR x.year = $year)
WITH DISTINCT x.unitName AS unitName, x.year AS year  // a disclosure id stands for its unit and year: both phases
MATCH (d:Disclosure {unitName: unitName, year: year})
CALL (d) {
  MATCH (d)<-[:OF_DISCLOSURE]-(:Pool {name: '收入'})-[f:FLOWS_TO]->(:FunctionalSubject)
        -[:CLASSIFIED_AS]->(:FunctionCode)-[:PART_OF*0..2]->(c:FunctionCode)
  RETURN c.level AS part, c.code AS subject, d.phase AS phase, sum(f.amountMinor) AS minor, f.unit AS unit
  UNION ALL
  MATCH (d)<-[:OF_DISCLOSURE]-(p:Pool)<-[f:FLOWS_TO]-(:FunctionalSubject)
  WHERE p.name IN ['基本支出', '项目支出']
  RETURN '基本/项目' AS part, p.name AS subject, d.phase AS phase, sum(f.amountMinor) AS minor, f.unit AS unit
  UNION ALL
  MATCH (x:Figure)-[:OF_DISCLOSURE]->(d)
  RETURN '三公' AS part, x.name AS subject, x.phase AS phase, x.amountMinor AS minor, x.unit AS unit
}
WITH d.unitName AS unitName, d.year AS year, part, subject,
     CASE WHEN d.phase = 'budget' THEN 'budget' WHEN phase = 'budget' THEN 'ownBudget' ELSE 'actual' END AS side,
     minor, unit
WITH unitName, year, part, subject, side, sum(minor) AS minor, head(collect(unit)) AS unit
WITH unitName, year, part, subject,
     collect({side: side, minor: minor, unit: unit, yuan: minor * CASE unit WHEN '万元' THEN 10000 ELSE 1 END}) AS sides
WITH unitName, year, part, subject,
     head([s IN sides WHERE s.side = 'budget']) AS b,
     head([s IN sides WHERE s.side = 'actual']) AS a,
     head([s IN sides WHERE s.side = 'ownBudget']) AS o
WITH unitName, year, part, subject, b, a, o,
     CASE WHEN a IS NULL OR b IS NULL OR NOT b.yuan > 0 THEN null ELSE (a.yuan * 20000 + b.yuan) / (2 * b.yuan) END AS bp,
     CASE WHEN a IS NULL OR o IS NULL OR NOT o.yuan > 0 THEN null ELSE (a.yuan * 20000 + o.yuan) / (2 * o.yuan) END AS obp
RETURN unitName,
       year,
       part,
       subject,
       b.minor AS budgetMinor,
       toString(b.minor / 100) + '.' + substring(toString(100 + b.minor % 100), 1) AS budget,
       b.unit AS budgetUnit,
       a.minor AS actualMinor,
       toString(a.minor / 100) + '.' + substring(toString(100 + a.minor % 100), 1) AS actual,
       a.unit AS actualUnit,
       bp AS rateBasisPoints,
       toString(bp / 100) + '.' + substring(toString(100 + bp % 100), 1) AS rate,
       o.minor AS ownBudgetMinor,
       toString(o.minor / 100) + '.' + substring(toString(100 + o.minor % 100), 1) AS ownBudget,
       toString(obp / 100) + '.' + substring(toString(100 + obp % 100), 1) AS ownRate
ORDER BY unitName, year, CASE part WHEN '类' THEN 0 WHEN '款' THEN 1 WHEN '项' THEN 2 WHEN '基本/项目' THEN 3 ELSE 4 END,
         subject
