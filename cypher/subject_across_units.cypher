// Title: Where a functional subject's money comes from and goes, across units
// Every unit that spends under the 功能分类 code $code (a 类, 款 or 项: the functional subjects classified
// under it through the shared FunctionCode PART_OF tree), one row per disclosure: inflowMinor, what 收入 pays
// into those subjects; basicMinor, projectMinor and otherMinor, what they pass on to 基本支出, 项目支出 and to
// 上缴上级支出 / 对附属单位补助支出 (Unitemised); the subjects with their printed amounts; and the unit's
// funding sources with their amounts. The disclosures give marginals only: the money cannot be traced from one
// funding source to one subject, so sources are the unit's whole 收入, listed beside the subject's figures
// (empty where the disclosure's 收入总表 has no 合计 row the parser could read). Amounts in 0.01 of unit.
// Param: $code string — a 功能分类 code: 类 (206), 款 (20607) or 项 (2060701)
// Example: lineage query subject_across_units --param code=20607
MATCH (:FunctionCode {code: $code})<-[:PART_OF*0..2]-(:FunctionCode)<-[:CLASSIFIED_AS]-(fs:FunctionalSubject)
MATCH (d:Disclosure {id: fs.disclosure})
WITH d, fs,
     reduce(s = 0, x IN [(:Pool {name: '收入'})-[g:FLOWS_TO]->(fs) | g.amountMinor] | s + x) AS inflow,
     reduce(s = 0, x IN [(fs)-[g:FLOWS_TO]->(:Pool {name: '基本支出'}) | g.amountMinor] | s + x) AS basic,
     reduce(s = 0, x IN [(fs)-[g:FLOWS_TO]->(:Pool {name: '项目支出'}) | g.amountMinor] | s + x) AS project,
     reduce(s = 0, x IN [(fs)-[g:FLOWS_TO]->(:Unitemised) | g.amountMinor] | s + x) AS other
ORDER BY fs.code
WITH d, sum(inflow) AS inflowMinor, sum(basic) AS basicMinor, sum(project) AS projectMinor, sum(other) AS otherMinor,
     collect(fs.code + ' ' + fs.name + ' ' + toString(inflow / 100) + '.' + substring(toString(100 + inflow % 100), 1)) AS subjects
RETURN d.id AS disclosure,
       d.unitName AS unitName,
       inflowMinor,
       toString(inflowMinor / 100) + '.' + substring(toString(100 + inflowMinor % 100), 1) AS inflow,
       basicMinor,
       projectMinor,
       otherMinor,
       d.amountUnit AS unit,
       subjects,
       [(d)<-[:OF_DISCLOSURE]-(:Pool {name: '收入'})<-[g:FLOWS_TO]-(s:FundingSource) | s.name + ' ' + g.amount] AS sources
ORDER BY unitName, disclosure
