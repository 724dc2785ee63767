import { PostgrestError } from './errors';
import { type ForeignKey, type Relation, type Schema } from './schema-cache';

/** How an embedded resource joins its parent, resolved from foreign keys like PostgREST does. */
export type Relationship =
  | { kind: 'many-to-one'; target: Relation; foreignKey: ForeignKey }
  | { kind: 'one-to-many'; target: Relation; foreignKey: ForeignKey; toOne: boolean }
  | {
      kind: 'many-to-many';
      target: Relation;
      junction: Relation;
      toParent: ForeignKey;
      toTarget: ForeignKey;
    };

export const isToOne = (relationship: Relationship): boolean =>
  relationship.kind === 'many-to-one' || (relationship.kind === 'one-to-many' && relationship.toOne);

const sameColumns = (left: string[], right: string[]): boolean =>
  left.length === right.length && left.every((column) => right.includes(column));

function candidates(schema: Schema, parent: Relation, target: Relation): Relationship[] {
  const found: Relationship[] = [];
  for (const foreignKey of schema.foreignKeys) {
    if (foreignKey.table === parent.name && foreignKey.referencedTable === target.name) {
      found.push({ kind: 'many-to-one', target, foreignKey });
    }
    if (foreignKey.table === target.name && foreignKey.referencedTable === parent.name) {
      const toOne = target.uniqueKeys.some((key) => sameColumns(key, foreignKey.columns));
      found.push({ kind: 'one-to-many', target, foreignKey, toOne });
    }
  }
  for (const junction of schema.relations.values()) {
    if (junction.name === parent.name || junction.name === target.name) continue;
    const inPrimaryKey = (foreignKey: ForeignKey): boolean =>
      foreignKey.columns.every((column) => junction.primaryKey.includes(column));
    const toParents = schema.foreignKeys.filter(
      (fk) => fk.table === junction.name && fk.referencedTable === parent.name && inPrimaryKey(fk),
    );
    const toTargets = schema.foreignKeys.filter(
      (fk) => fk.table === junction.name && fk.referencedTable === target.name && inPrimaryKey(fk),
    );
    for (const toParent of toParents) {
      for (const toTarget of toTargets) {
        if (toParent !== toTarget) found.push({ kind: 'many-to-many', target, junction, toParent, toTarget });
      }
    }
  }
  return found;
}

function matchesHint(relationship: Relationship, hint: string): boolean {
  if (relationship.kind === 'many-to-many') {
    return [relationship.junction.name, relationship.toParent.name, relationship.toTarget.name].includes(
      hint,
    );
  }
  const { foreignKey } = relationship;
  return foreignKey.name === hint || (foreignKey.columns.length === 1 && foreignKey.columns[0] === hint);
}

function describe(parent: Relation, relationship: Relationship): Record<string, string> {
  if (relationship.kind === 'many-to-many') {
    return {
      cardinality: 'many-to-many',
      embedding: `${parent.name} with ${relationship.target.name}`,
      relationship: `${relationship.junction.name} using ${relationship.toParent.name} and ${relationship.toTarget.name}`,
    };
  }
  const cardinality =
    relationship.kind === 'one-to-many' && relationship.toOne ? 'one-to-one' : relationship.kind;
  const { foreignKey } = relationship;
  return {
    cardinality,
    embedding: `${parent.name} with ${relationship.target.name}`,
    relationship: `${foreignKey.name} using ${foreignKey.table}(${foreignKey.columns.join(', ')}) and ${foreignKey.referencedTable}(${foreignKey.referencedColumns.join(', ')})`,
  };
}

/**
 * Finds the one relationship an embed `name!hint(...)` means: by target table, or by a foreign
 * key column of the parent (`author_id(...)`); hints name a foreign key, a column or a junction.
 */
export function resolveRelationship(
  schema: Schema,
  parent: Relation,
  name: string,
  hints: string[],
): Relationship {
  const target = schema.relations.get(name);
  let found: Relationship[] = [];
  if (target) found = candidates(schema, parent, target);
  else {
    const byColumn = schema.foreignKeys.filter(
      (fk) => fk.table === parent.name && fk.columns.length === 1 && fk.columns[0] === name,
    );
    for (const foreignKey of byColumn) {
      const referenced = schema.relations.get(foreignKey.referencedTable);
      if (referenced) found.push({ kind: 'many-to-one', target: referenced, foreignKey });
    }
  }
  for (const hint of hints) found = found.filter((relationship) => matchesHint(relationship, hint));
  const [only] = found;
  if (only && found.length === 1) return only;
  if (found.length === 0) {
    return notFound(schema, parent, name);
  }
  throw new PostgrestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${parent.name}' and '${name}'`,
    found.map((relationship) => describe(parent, relationship)),
    `Try changing '${name}' to one of the following: ${found
      .map(
        (relationship) =>
          `'${name}!${relationship.kind === 'many-to-many' ? relationship.junction.name : relationship.foreignKey.name}'`,
      )
      .join(', ')}. Find the desired relationship in the 'details' key.`,
  );
}

function notFound(schema: Schema, parent: Relation, name: string): never {
  throw new PostgrestError(
    400,
    'PGRST200',
    `Could not find a relationship between '${parent.name}' and '${name}' in the schema cache`,
    `Searched for a foreign key relationship between '${parent.name}' and '${name}' in the schema '${schema.name}', but no matches were found.`,
    null,
  );
}
