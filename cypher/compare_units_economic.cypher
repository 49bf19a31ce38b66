// Title: Two units side by side by economic class: basic expenditure per 类 (301, 302, 303 …) and 款, with shares
// For each 经济分类 类 (3-digit) code — and 款 (5-digit) with $kuan = true — either unit's 基本支出 pays
// into: the sum of the 基本支出 → EconomicSubject flows under that code (the EconomicCode PART_OF tree; 7- and
// 9-digit items count under their 款 and 类; these are sums of the printed items, which may differ from a printed
// 类/款 subtotal — 003 prints 301 as 336.14, its items add up to 336.16), for unit a and unit b, each with its share of what that unit's
// 基本支出 itemises by economic class (percent, 2 decimals, rounded half up, integer arithmetic). A code a
// unit does not use has null amount and share. The economic table covers 一般公共预算 basic expenditure only
// (the rest flows to the derived 基本支出（未细化） node and is not counted here). Compare aUnit and bUnit first.
// Param: $a string — the first unit: a disclosure id, or part of its unit name (凉山)
// Param: $b string — the second unit: a disclosure id, or part of its unit name (重庆)
// Param: $kuan bool = false — true: list 款 (30101 …) as well as 类
// Example: lineage query compare_units_economic --param a=凉山 --param b=重庆 --param kuan=true
MATCH (da:Disclosure)
WHERE da.id = $a OR da.unitName CONTAINS $a
MATCH (db:Disclosure)
WHERE db.id = $b OR db.unitName CONTAINS $b
UNWIND CASE WHEN da = db THEN [da] ELSE [da, db] END AS d  // a unit compared with itself is counted once
MATCH (d)<-[:OF_DISCLOSURE]-(:Pool {name: '基本支出'})-[f:FLOWS_TO]->(:EconomicSubject)
      -[:CLASSIFIED_AS]->(:EconomicCode)-[:PART_OF*0..2]->(c:EconomicCode)
WHERE c.level = '类' OR (c.level = '款' AND $kuan)
WITH da, db, d, c, sum(f.amountMinor) AS minor
WITH da, db, c, collect({id: d.id, minor: minor}) AS perUnit
WITH da, db, c,
     [x IN perUnit WHERE x.id = da.id | x.minor] AS am,
     [x IN perUnit WHERE x.id = db.id | x.minor] AS bm
WITH da, db, c,
     CASE WHEN size(am) = 0 THEN null ELSE am[0] END AS aMinor,
     CASE WHEN size(bm) = 0 THEN null ELSE bm[0] END AS bMinor,
     reduce(s = 0, x IN [(da)<-[:OF_DISCLOSURE]-(:Pool {name: '基本支出'})-[g:FLOWS_TO]->(:EconomicSubject) | g.amountMinor] | s + x) AS aWhole,
     reduce(s = 0, x IN [(db)<-[:OF_DISCLOSURE]-(:Pool {name: '基本支出'})-[g:FLOWS_TO]->(:EconomicSubject) | g.amountMinor] | s + x) AS bWhole
WITH da, db, c, aMinor, bMinor, aWhole, bWhole,
     CASE WHEN aMinor IS NULL OR aWhole = 0 THEN null ELSE (aMinor * 20000 + aWhole) / (2 * aWhole) END AS aBasisPoints,
     CASE WHEN bMinor IS NULL OR bWhole = 0 THEN null ELSE (bMinor * 20000 + bWhole) / (2 * bWhole) END AS bBasisPoints
RETURN da.unitName + ' ' + toString(da.year) AS a,
       db.unitName + ' ' + toString(db.year) AS b,
       c.level AS level,
       c.code AS code,
       aMinor,
       toString(aMinor / 100) + '.' + substring(toString(100 + aMinor % 100), 1) AS aAmount,
       toString(aBasisPoints / 100) + '.' + substring(toString(100 + aBasisPoints % 100), 1) AS aShare,
       bMinor,
       toString(bMinor / 100) + '.' + substring(toString(100 + bMinor % 100), 1) AS bAmount,
       toString(bBasisPoints / 100) + '.' + substring(toString(100 + bBasisPoints % 100), 1) AS bShare,
       da.amountUnit AS aUnit,
       db.amountUnit AS bUnit
ORDER BY a, b, level DESC, code
