// Title: 财政拨款 by economic subject and funding source (表2-1): who pays each economic subject, from which group
// One row per FUNDS relationship of the disclosure: the funding source, the column group, fund and part as
// 表2-1 prints them (当年财政拨款安排 / 一般公共预算拨款 / 项目支出; 上年结转安排 / … for carried-over money),
// the economic subject (code where the document prints one), amountMinor (integer, 0.01 of unit) and amount
// (exact, as printed), unit and the source line. FUNDS is the same money as FLOWS_TO split another way: sum
// one or the other, never both. Matches the last stage of `lineage trace UNIT` (财政拨款 → 经济科目).
// Param: $disclosure string — a disclosure id, or part of the unit name (渠县)
// Example: lineage query economic_by_source --param disclosure=四川省科技交流中心
MATCH (d:Disclosure)
WHERE d.id = $disclosure OR d.unitName CONTAINS $disclosure
MATCH (s:FundingSource {disclosure: d.id})-[f:FUNDS]->(e:EconomicSubject)
RETURN d.id AS disclosure,
       s.name AS source,
       f.group AS fiscalGroup,
       f.fund AS fund,
       f.part AS part,
       e.code AS code,
       e.name AS subject,
       f.amountMinor AS amountMinor,
       f.amount AS amount,
       f.unit AS unit,
       f.line AS line
ORDER BY disclosure, line, fiscalGroup, fund, part
