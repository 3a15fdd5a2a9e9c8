import { z } from 'zod';

/** Schema of `environments.<env>` (see `LifecycleOverrides`), shared by every sub-project's configuration. */
export const lifecycleOverridesSchema = z.strictObject({
  retainOnDelete: z.boolean().optional(),
  terminationProtection: z.boolean().optional(),
  production: z.boolean().optional(),
});
