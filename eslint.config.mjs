// Lint rules; the important one keeps `vscode` out of the pure layers (core, providers, sandbox, cli).
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: 'core/, providers/, sandbox/ and cli/ must not depend on VS Code: keep them pure and testable in plain Node.' }],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'webview/dist/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/providers/**/*.ts', 'src/sandbox/**/*.ts', 'src/cli/**/*.ts', 'src/protocol/**/*.ts'],
    rules: noVscode,
  },
);
