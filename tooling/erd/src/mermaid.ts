/** A schema as a diagram sees it, whatever the platform. */
export interface Entity {
  name: string;
  columns: Array<{ name: string; type: string; keys: Array<'PK' | 'FK' | 'UK'> }>;
}

export interface Relation {
  /** The referenced entity ("one") and the referencing one ("many", or "one" when unique). */
  from: string;
  to: string;
  label: string;
  unique: boolean;
}

/**
 * A Mermaid erDiagram, in a stable order (entities and relations sorted by name), so the
 * committed diagram changes exactly when the schema does.
 */
export function renderMermaid(entities: Entity[], relations: Relation[]): string {
  const lines = ['erDiagram'];
  for (const entity of [...entities].sort((a, b) => a.name.localeCompare(b.name))) {
    // An entity known only as a reference target (another schema's table) has no block.
    if (entity.columns.length === 0) continue;
    lines.push(`  ${entity.name} {`);
    for (const column of entity.columns) {
      const keys = column.keys.length > 0 ? ` ${column.keys.join(', ')}` : '';
      lines.push(`    ${column.type} ${column.name}${keys}`);
    }
    lines.push('  }');
  }
  const sorted = [...relations].sort((a, b) =>
    `${a.to}.${a.label}.${a.from}`.localeCompare(`${b.to}.${b.label}.${b.from}`),
  );
  for (const relation of sorted) {
    lines.push(
      `  ${relation.from} ||--${relation.unique ? 'o|' : 'o{'} ${relation.to} : "${relation.label}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The Markdown file a diagram is committed in. */
export function erdDocument(title: string, source: string, diagram: string): string {
  return [
    `# ${title}`,
    '',
    `Generated from ${source} by \`@parity/erd\`; a test fails when the schema changes and this`,
    'file does not (regenerate: run that test with `PARITY_UPDATE_ERD=1`).',
    '',
    '```mermaid',
    diagram.trimEnd(),
    '```',
    '',
  ].join('\n');
}
