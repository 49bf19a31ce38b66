// Title: Two units side by side by functional class: 类 and 款 totals and their shares of each unit's total
// For each 类 (3-digit) and 款 (5-digit) 功能分类 code either unit spends on: what 收入 pays into the unit's
// functional subjects under that code (the FunctionCode PART_OF tree, summed from amountMinor), for unit a and
// unit b, each with its share of the unit's printed total (Disclosure.totalMinor, the 支出总计; percent, 2 decimals,
// rounded half up, integer arithmetic). A code a unit does not spend on has null amount and share for that unit.
// The same figures as the 类/款 lines of `lineage compare A B`. Units may print in different amount units:
// compare aUnit and bUnit before comparing amounts.
// Param: $a string — the first unit: a disclosure id, or part of its unit name (凉山)
// Param: $b string — the second unit: a disclosure id, or part of its unit name (重庆)
// Example: lineage query compare_units_function --param a=凉山 --param b=重庆
MATCH (da:Disclosure)
WHERE da.id = $a OR da.unitName CONTAINS $a
MATCH (db:Disclosure)
WHERE db.id = $b OR db.unitName CONTAINS $b
UNWIND CASE WHEN da = db THEN [da] ELSE [da, db] END AS d  // a unit compared with itself is counted once
MATCH (d)<-[:OF_DISCLOSURE]-(:Pool {name: '收入'})-[f:FLOWS_TO]->(:FunctionalSubject)
      -[:CLASSIFIED_AS]->(:FunctionCode)-[:PART_OF*0..2]->(c:FunctionCode)
WHERE c.level IN ['类', '款']
WITH da, db, d, c, sum(f.amountMinor) AS minor
WITH da, db, c,
     [x IN collect({id: d.id, minor: minor}) WHERE x.id = da.id | x.minor] AS am,
     [x IN collect({id: d.id, minor: minor}) WHERE x.id = db.id | x.minor] AS bm
WITH da, db, c,
     CASE WHEN size(am) = 0 THEN null ELSE am[0] END AS aMinor,
     CASE WHEN size(bm) = 0 THEN null ELSE bm[0] END AS bMinor
WITH da, db, c, aMinor, bMinor,
     CASE WHEN aMinor IS NULL OR NOT da.totalMinor > 0 THEN null
          ELSE (aMinor * 20000 + da.totalMinor) / (2 * da.totalMinor) END AS aBasisPoints,
     CASE WHEN bMinor IS NULL OR NOT db.totalMinor > 0 THEN null
          ELSE (bMinor * 20000 + db.totalMinor) / (2 * db.totalMinor) END AS bBasisPoints
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
