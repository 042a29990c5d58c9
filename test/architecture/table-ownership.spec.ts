import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Each table belongs to one module: the module's PostgreSQL schema carries its name. No module's
 * SQL may name another module's schema, nor the platform's (the platform is reached through its
 * APIs, never its tables).
 */
const SCHEMA_REFERENCE = /\b(?:from|join|into|update|table|references)\s+"?([a-z_]+)"?\.\s*"?[a-z_]+/gi;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** A module's schema is its name in snake case (`gift-cards` keeps its tables in `gift_cards`). */
const schemaOf = (module: string) => module.replace(/-/g, '_');

/** `file: schema` for every schema-qualified table a module's code names outside its own schema. */
export function foreignTableReferences(modulesDir: string, schemas: readonly string[]): string[] {
  const modules = readdirSync(modulesDir).filter((name) => statSync(join(modulesDir, name)).isDirectory());
  return modules.flatMap((module) =>
    sourceFiles(join(modulesDir, module)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(SCHEMA_REFERENCE)]
        .map((match) => match[1].toLowerCase())
        .filter((schema) => schema !== schemaOf(module) && schemas.includes(schema))
        .map((schema) => `${relative(modulesDir, file)}: ${schema}`),
    ),
  );
}

describe('Table ownership', () => {
  const modulesDir = resolve(__dirname, '../../src/modules');
  const schemas = ['platform', ...readdirSync(modulesDir).map(schemaOf)];

  it("no module's SQL names another module's (or the platform's) tables", () => {
    expect(foreignTableReferences(modulesDir, schemas)).toEqual([]);
  });

  it('the check catches a deliberate violation', () => {
    const fixture = resolve(__dirname, 'fixtures/src/modules');
    const found = foreignTableReferences(fixture, ['platform', 'alpha', 'beta', 'gamma']);
    expect(found).toEqual(['gamma/application/reads-beta-table.ts: beta']);
  });
});
