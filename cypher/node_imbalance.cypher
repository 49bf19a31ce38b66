// Title: Money nodes whose inflow differs from their outflow (GR01), with the rounding band's verdict
// Pools and functional subjects that both receive and pass on money, where the two sums differ.
// inflowMinor / outflowMinor / diffMinor (outflow − inflow) in 0.01 of unit, with formatted amounts; nIn and
// nOut count the relationships, n = max(nIn, nOut). Printed parts, each rounded to 0.01, may honestly differ from
// their printed total by (n + 1) × 0.005: within that band (2 × |diffMinor| ≤ n + 1) severity is 'warning',
// beyond it 'error'. The same nodes, amounts and severities as the GR01 findings of `lineage check`.
// Sources (nothing flows in) and leaves (nothing flows out) are not judged here; see orphans.
// Param: $disclosure string = '' — a disclosure id or part of a unit name; '' for all disclosures
// Example: lineage query node_imbalance --param disclosure=凉山
MATCH (d:Disclosure)
WHERE $disclosure = '' OR d.id = $disclosure OR d.unitName CONTAINS $disclosure
MATCH (node:Pool|FunctionalSubject {disclosure: d.id})
WITH d, node,
     [(node)<-[f:FLOWS_TO]-() | f.amountMinor] AS ins,
     [(node)-[f:FLOWS_TO]->() | f.amountMinor] AS outs
WHERE size(ins) > 0 AND size(outs) > 0
WITH d, node, ins, outs,
     reduce(s = 0, x IN ins | s + x) AS inflowMinor,
     reduce(s = 0, x IN outs | s + x) AS outflowMinor
WHERE inflowMinor <> outflowMinor
WITH d, node, inflowMinor, outflowMinor, size(ins) AS nIn, size(outs) AS nOut,
     outflowMinor - inflowMinor AS diffMinor,
     CASE WHEN size(ins) > size(outs) THEN size(ins) ELSE size(outs) END AS n
RETURN d.id AS disclosure,
       labels(node)[0] AS label,
       node.name AS node,
       node.code AS code,
       inflowMinor,
       toString(inflowMinor / 100) + '.' + substring(toString(100 + inflowMinor % 100), 1) AS inflow,
       outflowMinor,
       toString(outflowMinor / 100) + '.' + substring(toString(100 + outflowMinor % 100), 1) AS outflow,
       diffMinor,
       CASE WHEN diffMinor < 0 THEN '-' ELSE '' END
         + toString(abs(diffMinor) / 100) + '.' + substring(toString(100 + abs(diffMinor) % 100), 1) AS diff,
       nIn,
       nOut,
       n,
       CASE WHEN 2 * abs(diffMinor) <= n + 1 THEN 'warning' ELSE 'error' END AS severity,
       d.amountUnit AS unit
ORDER BY disclosure, label DESC, node
