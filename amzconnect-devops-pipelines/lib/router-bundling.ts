/**
 * How the router and plan-continuer handlers are bundled, as plain data so that the constructs
 * and `bench/router.bench.ts` bundle exactly alike. Everything is bundled (no reliance on the SDK
 * copy in the Lambda runtime), minified, CommonJS, preferring ES module entry points so esbuild
 * can drop unused code.
 */
export const HANDLER_BUNDLING = {
  minify: true,
  target: 'node24',
  format: 'cjs',
  platform: 'node',
  mainFields: ['module', 'main'],
  external: [] as string[],
  sourcemap: false,
} as const;
