/** The fields of an EXPLAIN (FORMAT JSON) plan node that the check below reads. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  /** Present in VERBOSE plans only; a plan without it is taken to be of schema public. */
  Schema?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

const SORTS = new Set(['Sort', 'Incremental Sort']);
const INDEX_SCANS = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

/**
 * Where a statement's work grows with a table instead of with its page: a sequential scan of one
 * of `tables`, or a sort fed by a whole-index scan of one (a page should come out of an index
 * already in order; sorting means every matching row was read first). Run it on plans made with
 * enable_seqscan and enable_sort off, so a tiny test table still shows which index can serve it.
 */
export function unboundedReads(plan: PlanNode, tables: readonly string[]): string[] {
  const problems: string[] = [];
  const visit = (node: PlanNode): void => {
    const relation = publicRelation(node);
    if (node['Node Type'] === 'Seq Scan' && relation && tables.includes(relation)) {
      problems.push(`Seq Scan on ${relation}`);
    }
    if (SORTS.has(node['Node Type'])) {
      for (const scan of wholeIndexScans(node, tables))
        problems.push(`${node['Node Type']} of all of ${scan}`);
    }
    node.Plans?.forEach(visit);
  };
  visit(plan);
  return problems;
}

/** Index scans without a condition under `node`, in its own query level (not in subplans). */
function wholeIndexScans(node: PlanNode, tables: readonly string[]): string[] {
  const found: string[] = [];
  // A Bitmap Index Scan names no relation: it reads for the Bitmap Heap Scan above it.
  const visit = (child: PlanNode, heapRelation?: string): void => {
    if (child['Parent Relationship'] === 'SubPlan' || child['Parent Relationship'] === 'InitPlan') return;
    const relation = publicRelation(child) ?? heapRelation;
    if (
      INDEX_SCANS.has(child['Node Type']) &&
      !child['Index Cond'] &&
      relation &&
      tables.includes(relation)
    ) {
      found.push(`${relation} (${child['Index Name'] ?? 'index'})`);
    }
    for (const grandchild of child.Plans ?? []) {
      visit(grandchild, child['Node Type'] === 'Bitmap Heap Scan' ? publicRelation(child) : undefined);
    }
  };
  for (const child of node.Plans ?? []) visit(child);
  return found;
}

function publicRelation(node: PlanNode): string | undefined {
  return node.Schema === undefined || node.Schema === 'public' ? node['Relation Name'] : undefined;
}

/**
 * The plans auto_explain wrote to a server log with auto_explain.log_format = json: each entry's
 * "plan:" is followed by one JSON object (continuation lines indented by a tab).
 */
export function plansInLog(log: string): { query: string; plan: PlanNode }[] {
  const plans: { query: string; plan: PlanNode }[] = [];
  for (let at = log.indexOf('plan:\n'); at !== -1; at = log.indexOf('plan:\n', at + 1)) {
    const start = log.indexOf('{', at);
    const end = endOfObject(log, start);
    if (start === -1 || end === -1) break;
    const entry = JSON.parse(log.slice(start, end)) as { 'Query Text': string; Plan: PlanNode };
    plans.push({ query: entry['Query Text'], plan: entry.Plan });
  }
  return plans;
}

/** Index just past the JSON object starting at `start`, or -1 if the log ends inside it. */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i + 1;
  }
  return -1;
}
