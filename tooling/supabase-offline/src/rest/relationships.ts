import { PostgrestError } from './errors';
import { type DbFunction, type ForeignKey, type Relation, type Schema } from './schema-cache';

/** How an embedded resource joins its parent, resolved from foreign keys like PostgREST does. */
export type Relationship =
  | { kind: 'many-to-one'; target: Relation; foreignKey: ForeignKey; toOne: true }
  | { kind: 'one-to-many'; target: Relation; foreignKey: ForeignKey; toOne: boolean }
  | {
      kind: 'many-to-many';
      target: Relation;
      junction: Relation;
      toParent: ForeignKey;
      toTarget: ForeignKey;
    }
  /** A function `fn(parent) returns setof target`: PostgREST's computed relationship. */
  | { kind: 'computed'; target: Relation; fn: DbFunction; toOne: boolean };

export const isToOne = (relationship: Relationship): boolean =>
  relationship.kind !== 'many-to-many' && relationship.toOne;

interface Candidate {
  relationship: Relationship;
  isSelf: boolean;
  /** Column pairs (parent side, target side) of a foreign-key relationship. */
  columns: [string, string][];
}

const sameColumns = (left: string[], right: string[]): boolean =>
  left.length === right.length && left.every((column) => right.includes(column));

const isUnique = (relation: Relation, columns: string[]): boolean =>
  relation.uniqueKeys.some((key) => sameColumns(key, columns));

const zip = (left: string[], right: string[]): [string, string][] =>
  left.map((column, index) => [column, right[index] ?? '']);

/** Every relationship of `parent`, as PostgREST's schema cache lists them. */
function relationshipsOf(schema: Schema, parent: Relation): Candidate[] {
  const found: Candidate[] = [];
  for (const foreignKey of schema.foreignKeys) {
    const isSelf = foreignKey.table === foreignKey.referencedTable;
    const referenced = schema.relations.get(foreignKey.referencedTable);
    const referencing = schema.relations.get(foreignKey.table);
    if (foreignKey.table === parent.name && referenced) {
      found.push({
        relationship: { kind: 'many-to-one', target: referenced, foreignKey, toOne: true },
        isSelf,
        columns: zip(foreignKey.columns, foreignKey.referencedColumns),
      });
    }
    if (foreignKey.referencedTable === parent.name && referencing) {
      const toOne = isUnique(referencing, foreignKey.columns);
      found.push({
        relationship: { kind: 'one-to-many', target: referencing, foreignKey, toOne },
        isSelf,
        columns: zip(foreignKey.referencedColumns, foreignKey.columns),
      });
    }
  }
  // Many-to-many: a junction with a (non-unique) foreign key to each end, both inside its primary key.
  for (const toParent of schema.foreignKeys) {
    const junction = schema.relations.get(toParent.table);
    if (toParent.referencedTable !== parent.name || !junction || isUnique(junction, toParent.columns))
      continue;
    for (const toTarget of schema.foreignKeys) {
      const target = schema.relations.get(toTarget.referencedTable);
      if (toTarget.table !== junction.name || toTarget === toParent || !target) continue;
      if (isUnique(junction, toTarget.columns)) continue;
      const inKey = [...toParent.columns, ...toTarget.columns].every((column) =>
        junction.primaryKey.includes(column),
      );
      if (!inKey) continue;
      found.push({
        relationship: { kind: 'many-to-many', target, junction, toParent, toTarget },
        isSelf: parent.name === target.name,
        columns: [],
      });
    }
  }
  // Computed relationships override the detected ones to a table of the same name.
  const computed: Candidate[] = [];
  for (const overloads of schema.functions.values()) {
    for (const fn of overloads) {
      const target = fn.returnTable === null ? undefined : schema.relations.get(fn.returnTable);
      if (fn.rowArgTable !== parent.name || fn.args.length !== 1 || !target) continue;
      const toOne = !fn.returnsSet || fn.estimatedRows === 1;
      computed.push({ relationship: { kind: 'computed', target, fn, toOne }, isSelf: false, columns: [] });
    }
  }
  const names = new Set(
    computed.map(({ relationship }) => relationship.kind === 'computed' && relationship.fn.name),
  );
  return [...found.filter(({ relationship }) => !names.has(relationship.target.name)), ...computed];
}

const constraintName = (relationship: Relationship): string | null =>
  relationship.kind === 'many-to-one' || relationship.kind === 'one-to-many'
    ? relationship.foreignKey.name
    : null;

const single = (candidate: Candidate, side: 0 | 1): string | null =>
  candidate.columns.length === 1 ? (candidate.columns[0]?.[side] ?? null) : null;

/**
 * PostgREST's findRel: the target names a table or view (a column or constraint name only for
 * tables), the hint a constraint, a column of either side or a junction. A self-referencing
 * foreign key gives one-to-many by the table name and many-to-one by the column name.
 */
function matches(candidate: Candidate, target: string, hint: string | null): boolean {
  const { relationship } = candidate;
  if (relationship.kind === 'computed') return relationship.fn.name === target;
  const kind = relationship.kind;
  const targetName = relationship.target.name;
  if (candidate.isSelf) {
    if (hint === null) {
      return (
        (targetName === target && kind === 'one-to-many') ||
        (single(candidate, 0) === target && kind === 'many-to-one')
      );
    }
    return targetName === target && kind === 'one-to-many' && single(candidate, 1) === hint;
  }
  if (hint === null) {
    return (
      targetName === target ||
      (!relationship.target.isView &&
        (constraintName(relationship) === target || single(candidate, 0) === target))
    );
  }
  return (
    targetName === target &&
    (constraintName(relationship) === hint ||
      single(candidate, 0) === hint ||
      single(candidate, 1) === hint ||
      (kind === 'many-to-many' && relationship.junction.name === hint))
  );
}

/** A candidate as PostgREST lists it in PGRST201's details. */
function describe(parent: Relation, { relationship, columns }: Candidate): Record<string, string> {
  const embedding = `${parent.name} with ${relationship.target.name}`;
  if (relationship.kind === 'many-to-many') {
    const { junction, toParent, toTarget } = relationship;
    return {
      cardinality: 'many-to-many',
      embedding,
      relationship: `${junction.name} using ${toParent.name}(${toParent.columns.join(', ')}) and ${toTarget.name}(${toTarget.columns.join(', ')})`,
    };
  }
  if (relationship.kind === 'computed') return {};
  const toOne =
    relationship.kind === 'one-to-many'
      ? relationship.toOne
      : isUnique(parent, relationship.foreignKey.columns);
  const cardinality = toOne ? 'one-to-one' : relationship.kind;
  const side = (index: 0 | 1): string => columns.map((pair) => pair[index]).join(', ');
  return {
    cardinality,
    embedding,
    relationship: `${relationship.foreignKey.name} using ${parent.name}(${side(0)}) and ${relationship.target.name}(${side(1)})`,
  };
}

/** Finds the one relationship an embed `name!hint(...)` means, or answers PGRST200 / PGRST201. */
export function resolveRelationship(
  schema: Schema,
  parent: Relation,
  name: string,
  hints: string[],
): Relationship {
  if (hints.length > 1) {
    throw new PostgrestError(
      400,
      'PGRST100',
      `"failed to parse select parameter" (${name}!${hints.join('!')})`,
      'an embedded resource takes one hint, besides !inner or !left',
    );
  }
  const hint = hints[0] ?? null;
  const found = relationshipsOf(schema, parent).filter((candidate) => matches(candidate, name, hint));
  const [only] = found;
  if (only && found.length === 1) return only.relationship;
  if (found.length === 0) {
    throw new PostgrestError(
      400,
      'PGRST200',
      `Could not find a relationship between '${parent.name}' and '${name}' in the schema cache`,
      `Searched for a foreign key relationship between '${parent.name}' and '${name}'${hint === null ? '' : ` using the hint '${hint}'`} in the schema '${schema.name}', but no matches were found.`,
      null,
    );
  }
  throw new PostgrestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${parent.name}' and '${name}'`,
    found.map((candidate) => describe(parent, candidate)),
    `Try changing '${name}' to one of the following: ${found
      .map(({ relationship }) => {
        const suffix =
          relationship.kind === 'many-to-many'
            ? relationship.junction.name
            : relationship.kind === 'computed'
              ? relationship.fn.name
              : relationship.foreignKey.name;
        return `'${relationship.target.name}!${suffix}'`;
      })
      .join(', ')}. Find the desired relationship in the 'details' key.`,
  );
}
