import { renderMermaid, type Entity, type Relation } from './mermaid';

/** The public shape of a Convex validator (`convex/values`) that a diagram needs. */
export interface ConvexValidator {
  kind: string;
  isOptional: 'optional' | 'required';
  tableName?: string;
  members?: ConvexValidator[];
  element?: ConvexValidator;
  fields?: Record<string, ConvexValidator>;
}

/** A Convex schema (`defineSchema(...)`): its tables and their document validators. */
export interface ConvexSchema {
  tables: Record<string, { validator: ConvexValidator }>;
}

function typeName(validator: ConvexValidator): string {
  if (validator.kind === 'union' && validator.members) {
    if (validator.members.every((member) => member.kind === 'literal')) return 'enum';
    return validator.members.map(typeName).join('_or_');
  }
  if (validator.kind === 'array' && validator.element) return `${typeName(validator.element)}_array`;
  return validator.kind === 'float64' ? 'number' : validator.kind;
}

/** Tables a field refers to: v.id('users'), or a union / array holding one. */
function referencedTables(validator: ConvexValidator): string[] {
  if (validator.kind === 'id' && validator.tableName) return [validator.tableName];
  if (validator.members) return validator.members.flatMap(referencedTables);
  if (validator.element) return referencedTables(validator.element);
  return [];
}

/**
 * The diagram of a Convex schema: every table with `_id` and `_creationTime` (Convex adds both),
 * its fields in declaration order, and a relation per `v.id` field.
 */
export function erdFromConvexSchema(schema: ConvexSchema): string {
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  for (const [tableName, table] of Object.entries(schema.tables)) {
    const columns: Entity['columns'] = [
      { name: '_id', type: 'id', keys: ['PK'] },
      { name: '_creationTime', type: 'number', keys: [] },
    ];
    for (const [name, field] of Object.entries(table.validator.fields ?? {})) {
      const targets = referencedTables(field);
      const optional = field.isOptional === 'optional' ? '_optional' : '';
      columns.push({ name, type: `${typeName(field)}${optional}`, keys: targets.length > 0 ? ['FK'] : [] });
      for (const target of targets)
        relations.push({ from: target, to: tableName, label: name, unique: false });
    }
    entities.push({ name: tableName, columns });
  }
  return renderMermaid(entities, relations);
}
