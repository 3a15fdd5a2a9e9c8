/**
 * A minimal glob for repository paths: `**` matches any number of path segments (including none),
 * `*` matches within one segment, every other character matches itself. Enough for the routing
 * data in `shared-inputs.ts`; no braces, no character classes.
 */
export function compilePathGlob(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `dir/**` matches everything under dir; `**/x` matches x at any depth.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Whether `path` matches at least one of `globs` (compiled with {@link compilePathGlob}). */
export function matchesAny(path: string, globs: readonly RegExp[]): boolean {
  return globs.some((g) => g.test(path));
}
