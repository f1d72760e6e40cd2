// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

/**
 * A small rule set, each rule for a reason: promises that nobody awaits lose their errors (a source failure
 * would vanish or crash the process); type-only imports are erased, so the import graph at runtime is the one
 * the boundary test reads; one import order keeps merges of eight parallel branches quiet. Formatting is
 * Prettier's job (eslint-config-prettier turns the overlapping rules off). Unused code is tsc's job
 * (noUnusedLocals / noUnusedParameters).
 */
export default tseslint.config(
  { ignores: ['node_modules/**', 'src/graphql/generated/**', '.data/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      'import-x/no-duplicates': 'error',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          'newlines-between': 'never',
        },
      ],
    },
  },
  prettier,
);
