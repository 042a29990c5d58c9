import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { refusal, spellings } from './names.mjs';

const LIST = /(export const businessModules: readonly BusinessModule\[\] = \[)([^\]]*)(\];)/;

/** Adds `<camel>Module` to the list in src/modules.ts, however that list is laid out, and its import. */
function registerModule(path, { name, camel }) {
  const source = readFileSync(path, 'utf8');
  const list = LIST.exec(source);
  if (!list) throw new Error(`${path}: no businessModules list to register the module in`);
  const entries = list[2].split(',').map((entry) => entry.trim()).filter(Boolean);
  const body = [...entries, `${camel}Module`].map((entry) => `\n  ${entry},`).join('') + '\n';
  const importLine = `import { ${camel}Module } from './modules/${name}/${name}.module';\n`;
  writeFileSync(path, importLine + source.replace(LIST, `$1${body}$3`));
  return `registered ${camel}Module in src/modules.ts`;
}

/**
 * The `module` generator (plop): a complete module in the house style, its e2e test, and its
 * registration. `npm run module:new <name>` runs it (module-new.mjs); the templates are in
 * templates/, named as the files they become, with `.hbs` added.
 */
export default function (plop) {
  plop.setGenerator('module', {
    description: 'A business module: contracts, domain, application, infrastructure, api, migration, settings, README, e2e test',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Module name (lower case, words joined by hyphens)',
        validate: (name) => refusal(name, plop.getDestBasePath()) ?? true,
      },
    ],
    actions: (answers) => {
      const data = { ...spellings(answers.name), timestamp: answers.timestamp ?? Date.now() };
      return [
        {
          type: 'addMany',
          destination: 'src/modules/{{name}}',
          base: 'templates/module',
          templateFiles: 'templates/module/**/*.hbs',
          stripExtensions: ['hbs'],
          globOptions: { dot: true },
          abortOnFail: true,
          data,
        },
        {
          type: 'addMany',
          destination: 'test/e2e/{{name}}',
          base: 'templates/e2e',
          templateFiles: 'templates/e2e/**/*.hbs',
          stripExtensions: ['hbs'],
          abortOnFail: true,
          data,
        },
        // Registration: the module's entry in the one list of modules, and its import.
        (answers) => registerModule(join(plop.getDestBasePath(), 'src/modules.ts'), data),
        // The module's API key scopes, beside the others.
        {
          type: 'modify',
          path: 'src/platform/auth/scopes.ts',
          pattern: /(\n  'events:read',)/,
          template: "\n  '{{name}}:read',\n  '{{name}}:write',$1",
          abortOnFail: true,
          data,
        },
        // Swagger lists only described tags; the module's goes beside the others.
        {
          type: 'modify',
          path: 'src/bootstrap/swagger.ts',
          pattern: /(\n  Events: ')/,
          template: "\n  '{{title}}': '{{title}}: items kept per account (module {{name}})',$1",
          abortOnFail: true,
          data,
        },
        {
          type: 'append',
          path: '.env.example',
          templateFile: 'templates/env-example.hbs',
          abortOnFail: true,
          data,
        },
      ];
    },
  });
}
