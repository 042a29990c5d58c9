import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Lower-case words joined by single hyphens: the folder, the MODULES entry, the consumer prefix,
// the route (/v1/<name>/...) and, with underscores, the PostgreSQL schema.
// Letters only: the name is also part of identifiers (operationIds, class names) that are letters only.
const NAME = /^[a-z]+(?:-[a-z]+)*$/;
const MAX_LENGTH = 30;

// PostgreSQL's reserved key words (they cannot name a schema unquoted), and schemas it keeps for itself.
const SQL_RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create
   current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc
   distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral
   leading limit localtime localtimestamp not null offset on only or order placing primary references returning
   select session_user some symmetric system_user table then to trailing true union unique user using variadic when
   where window with public information_schema`.split(/\s+/),
);

// Paths the platform serves, and names that would read as something else in this repository.
const PLATFORM_NAMES = ['platform', 'modules', 'admin', 'docs', 'health', 'metrics', 'console', 'shared', 'test'];

/** What a name may not be in this repository: existing modules and the first segments of every route under /v1. */
function takenNames(root) {
  const modulesDir = join(root, 'src/modules');
  const modules = readdirSync(modulesDir).filter((entry) => statSync(join(modulesDir, entry)).isDirectory());
  const routes = new Set();
  const visit = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith('.controller.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/@Controller\(\s*'(?:v1\/)?([^/')]+)/g)) {
          routes.add(match[1]);
        }
      }
    }
  };
  visit(join(root, 'src'));
  return { modules, routes };
}

/** Why `name` cannot be a new module here, or null when it can. */
export function refusal(name, root) {
  if (name === undefined || name === '') return 'give the new module\'s name, e.g. "npm run module:new gift-cards"';
  const shown = JSON.stringify(name);
  if (!NAME.test(name)) {
    return `${shown} is not a module name: use lower-case letters, words joined by single hyphens (e.g. gift-cards)`;
  }
  if (name.length < 2 || name.length > MAX_LENGTH) return `${shown} must be 2 to ${MAX_LENGTH} characters long`;
  const { modules, routes } = takenNames(root);
  if (modules.includes(name) || existsSync(join(root, 'src/modules', name))) return `module ${shown} exists already`;
  if (routes.has(name) || PLATFORM_NAMES.includes(name)) return `${shown} is taken by the platform or its routes`;
  const schema = schemaOf(name);
  if (SQL_RESERVED.has(schema) || schema.startsWith('pg_')) return `${shown} cannot name a PostgreSQL schema`;
  return null;
}

export function schemaOf(name) {
  return name.replace(/-/g, '_');
}

const words = (name) => name.split('-');
const capitalised = (word) => word[0].toUpperCase() + word.slice(1);

/** Every spelling of the name that the templates use. */
export function spellings(name) {
  const parts = words(name);
  const pascal = parts.map(capitalised).join('');
  return {
    name,
    pascal,
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    schema: schemaOf(name),
    constant: parts.join('_').toUpperCase(),
    title: capitalised(parts.join(' ')),
  };
}
