// Title: An amount back to its source line: every flow of that amount, with the printed row and the findings citing it
// Every FLOWS_TO whose amount is $amount (as printed: '143.09'; thousands separators are ignored), in units whose
// name contains $unit: the disclosure, file, table kind and printed table number, line and the row as read,
// from → to, and the findings of `lineage check` whose evidence includes that line (code, severity, message).
// Derived amounts (no printed line) are listed too, with line null.
// Param: $amount string — the amount as printed, e.g. 143.09
// Param: $unit string = '' — part of a unit name, or a disclosure id; '' for every unit
// Example: lineage query amount_to_source --param amount=143.09 --param unit=渠县
MATCH (a)-[f:FLOWS_TO {amount: replace($amount, ',', '')}]->(b)
MATCH (d:Disclosure {id: f.disclosure})
WHERE $unit = '' OR d.id = $unit OR d.unitName CONTAINS $unit
RETURN d.id AS disclosure,
       f.file AS file,
       f.table AS table,
       f.tableNumber AS tableNumber,
       f.line AS line,
       f.printed AS printed,
       a.name AS from,
       b.name AS to,
       coalesce(b.code, a.code) AS code,
       f.amount AS amount,
       f.unit AS unit,
       f.derived AS derived,
       [(x:Finding)-[:FOUND_IN]->(:CheckReport)-[:OF_DISCLOSURE]->(d) WHERE f.line IN x.lines | x.code + ' ' + x.severity + ': ' + x.message] AS findings
ORDER BY disclosure, line, from, to
