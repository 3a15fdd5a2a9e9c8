import { compilePathGlob } from '../../src/router/path-glob';

describe('compilePathGlob', () => {
  it.each([
    ['env/**', 'env/a.json', true],
    ['env/**', 'env/src/deep/a.ts', true],
    ['env/**', 'env-old/a.json', false],
    ['env/**', 'x/env/a.json', false],
    ['tsconfig*.json', 'tsconfig.json', true],
    ['tsconfig*.json', 'tsconfig.base.json', true],
    ['tsconfig*.json', 'a/tsconfig.json', false],
    ['tsconfig*.json', 'tsconfig.json.bak', false],
    ['**/*.md', 'README.md', true],
    ['**/*.md', 'a/b/NOTES.md', true],
    ['**/*.md', 'a/b/md', false],
    ['package.json', 'package.json', true],
    ['package.json', 'packageXjson', false],
    ['images/**', 'images/a/b.png', true],
    ['images/**', 'amzconnect-lambdas/images/a.png', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(compilePathGlob(glob).test(path)).toBe(expected);
  });
});
