// Title: A disclosure's full flow trace: every FLOWS_TO in pipeline order, with amounts, shares and source lines
// One row per FLOWS_TO relationship of the disclosure, in the order of the pipeline:
// 1 资金来源 → 收入, 2 收入 → 功能科目, 3 功能科目 → 基本/项目 (and 上缴上级支出 / 对附属单位补助支出),
// 4 基本支出 → 经济科目, 5 项目支出 → 项目; within a stage by source line.
// Columns: stage, stageName, from/fromCode, to/toCode (codes of functional and economic subjects and projects),
// amountMinor (integer, 0.01 of unit) and amount (exact, as printed), unit, share, line, derived.
// share is the percent (2 decimals, rounded half up, integer arithmetic) of the stage's base, as `lineage trace` computes it:
// stage 1 of what all funding sources pay into 收入; stages 2, 4, 5 of the pool's outflow; stage 3 of what the
// functional subject receives from 收入. Derived rows (derived = true, no line) are what a pool receives but the
// disclosure does not itemise. Matches `lineage trace UNIT --format json` stage by stage.
// Param: $disclosure string — a disclosure id, or part of the unit name (渠县)
// Example: lineage query flow_trace --param disclosure=渠县
MATCH (d:Disclosure)
WHERE d.id = $disclosure OR d.unitName CONTAINS $disclosure
MATCH (a:FundingSource|Pool|FunctionalSubject {disclosure: d.id})-[f:FLOWS_TO]->(b)
WITH d, a, f, b,
     CASE
       WHEN a:FundingSource THEN 1
       WHEN a:FunctionalSubject THEN 3
       WHEN a.name = '收入' THEN 2
       WHEN a.name = '基本支出' THEN 4
       ELSE 5
     END AS stage
WITH d, a, f, b, stage,
     CASE stage
       WHEN 1 THEN reduce(s = 0, x IN [(:FundingSource)-[g:FLOWS_TO]->(b) | g.amountMinor] | s + x)
       WHEN 3 THEN reduce(s = 0, x IN [(:Pool)-[g:FLOWS_TO]->(a) | g.amountMinor] | s + x)
       ELSE reduce(s = 0, x IN [(a)-[g:FLOWS_TO]->() | g.amountMinor] | s + x)
     END AS base
WITH d, a, f, b, stage, base,
     CASE WHEN base = 0 THEN null ELSE (abs(f.amountMinor) * 20000 + abs(base)) / (2 * abs(base)) END AS basisPoints
RETURN d.id AS disclosure,
       stage,
       ['资金来源 → 收入', '收入 → 功能科目', '功能科目 → 基本/项目', '基本支出 → 经济科目', '项目支出 → 项目'][stage - 1] AS stageName,
       a.name AS from,
       a.code AS fromCode,
       b.name AS to,
       b.code AS toCode,
       f.amountMinor AS amountMinor,
       f.amount AS amount,
       f.unit AS unit,
       CASE
         WHEN basisPoints IS NULL THEN null
         ELSE CASE WHEN sign(f.amountMinor) * sign(base) < 0 THEN '-' ELSE '' END
              + toString(basisPoints / 100) + '.' + substring(toString(100 + basisPoints % 100), 1)
       END AS share,
       f.line AS line,
       f.derived AS derived
ORDER BY disclosure, stage, line, fromCode, to
