import { renderMermaid, type Entity, type Relation } from './mermaid';

/** The part of a Convex validator's JSON (`schema.export()`) a diagram needs. */
interface ValidatorJson {
  type: string;
  tableName?: string;
  value?: ValidatorJson | ValidatorJson[] | Record<string, { fieldType: ValidatorJson; optional: boolean }>;
}

interface SchemaJson {
  tables: Array<{ tableName: string; documentType: ValidatorJson }>;
}

function typeName(validator: ValidatorJson): string {
  if (validator.type === 'union' && Array.isArray(validator.value)) {
    if (validator.value.every((member) => member.type === 'literal')) return 'enum';
    return validator.value.map(typeName).join('_or_');
  }
  if (
    validator.type === 'array' &&
    validator.value &&
    !Array.isArray(validator.value) &&
    'type' in validator.value
  ) {
    return `${typeName(validator.value as ValidatorJson)}_array`;
  }
  return validator.type === 'float64' ? 'number' : validator.type;
}

/** Ids a field holds: v.id('users'), or a union / array containing one. */
function referencedTables(validator: ValidatorJson): string[] {
  if (validator.type === 'id' && validator.tableName) return [validator.tableName];
  if (Array.isArray(validator.value)) return validator.value.flatMap(referencedTables);
  if (validator.type === 'array' && validator.value && 'type' in validator.value) {
    return referencedTables(validator.value as ValidatorJson);
  }
  return [];
}

/**
 * The diagram of a Convex schema, from the JSON its `export()` gives the Convex CLI: every table
 * with `_id` and `_creationTime` (Convex adds both), its fields, and a relation per `v.id` field.
 */
export function erdFromConvexSchema(exported: string): string {
  const schema = JSON.parse(exported) as SchemaJson;
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  for (const table of schema.tables) {
    const fields = (table.documentType.value ?? {}) as Record<
      string,
      { fieldType: ValidatorJson; optional: boolean }
    >;
    const columns: Entity['columns'] = [
      { name: '_id', type: 'id', keys: ['PK'] },
      { name: '_creationTime', type: 'number', keys: [] },
    ];
    for (const [name, { fieldType, optional }] of Object.entries(fields)) {
      const targets = referencedTables(fieldType);
      const type = `${typeName(fieldType)}${optional ? '_optional' : ''}`;
      columns.push({ name, type, keys: targets.length > 0 ? ['FK'] : [] });
      for (const target of targets)
        relations.push({ from: target, to: table.tableName, label: name, unique: false });
    }
    entities.push({ name: table.tableName, columns });
  }
  return renderMermaid(entities, relations);
}
