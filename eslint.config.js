import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Fastify plugins are async functions whether or not they await anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // A migration means what it meant when it ran: it carries the code it needs (migrations/frozen/).
    files: ['src/server/db/migrations/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/platform/**', '**/shared/**'],
              message: 'Migrations are frozen: copy what they need into migrations/frozen/.',
            },
          ],
        },
      ],
    },
  },
  // rrule is CommonJS to Node: a named value import works under Vitest and fails when the server
  // starts. Take RRule from the default export (src/server/modules/scheduling/wall-clock.ts).
  {
    files: ['src/server/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/server/db/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'rrule',
              importNames: ['RRule', 'RRuleSet', 'rrulestr', 'datetime', 'Frequency', 'Weekday'],
              message:
                "rrule is CommonJS to Node: `import rrule from 'rrule'; const { RRule } = rrule;` (types may be imported by name).",
            },
          ],
        },
      ],
    },
  },
  // Web folder boundaries (ARCHITECTURE.md, habit 11). A feature folder of either app uses its own
  // files, the common folders (src/web/common and its app's common/), src/shared and other
  // features only through their index.ts. The apps' common folders import no feature; neither app
  // imports the other; src/web/common imports neither. Each file is matched by exactly one of these
  // blocks, as a later no-restricted-imports for the same file would replace an earlier one.
  {
    files: ['src/web/staff/features/*/**/*.{ts,tsx}', 'src/web/portal/features/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../[a-z]*/**', '!../[a-z]*/index.js'],
              message: 'Another feature is used only through its index.ts: import from ../<feature>/index.js.',
            },
            {
              group: [
                '../../[a-z]*',
                '!../../common',
                '../../../[a-z]*',
                '!../../../common',
                '../../../../[a-z]*',
                '!../../../../shared',
              ],
              message:
                "A feature imports its own files, the common folders (src/web/common, its app's common/), src/shared and other features' index.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/staff/common/**/*.{ts,tsx}', 'src/web/portal/common/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/routes.js', '**/main.js', '**/query-client.js'],
              message: "An app's common/ serves its features: it imports none of them (routes.tsx composes them).",
            },
            {
              group: ['../../portal/**', '../../../portal/**', '../../staff/**', '../../../staff/**', '**/server/**'],
              message: 'The staff app and the Client Portal are separate bundles: neither imports the other.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/staff/*.{ts,tsx}', 'src/web/portal/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./features/*/**', '!./features/*/index.js'],
              message: "The app's routes use a feature only through its index.ts.",
            },
            {
              group: ['../portal/**', '../staff/**', '**/server/**'],
              message: 'The staff app and the Client Portal are separate bundles: neither imports the other.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/common/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/staff/**', '**/portal/**', '**/server/**'],
              message: 'src/web/common serves both apps: it imports neither of them (nor the server).',
            },
          ],
        },
      ],
    },
  },
  // The server's layers point one way (docs/architecture.md): shared ← db ← platform ← modules ←
  // app.ts, main.ts, config.ts. A module uses another only through its index.ts.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**'], message: 'src/shared is the contract: it imports neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '../config.js', '../deps.js', '../app.js', '../main.js', '../web.js'],
              message: 'platform/ is below the modules and the composition root: it imports db/, shared/ and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/db/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/platform/**', '../config.js', '../deps.js', '../app.js'],
              message: 'db/ is the lowest layer of the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // ../<another module>/<anything but index.js>
              regex: '^\\.\\./[\\w-]+/(?!index\\.js$)',
              message: 'A module uses another only through its index.ts (its face).',
            },
            {
              group: ['../../config.js', '../../app.js', '../../main.js'],
              message: 'Modules receive their settings through the context (ctx.deps.config), never from config.ts.',
            },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] },
);
