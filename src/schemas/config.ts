import { z } from 'zod';
import { CONTEXT_NAME } from '../core/config.js';

/**
 * The config file as zod sees it: `task config set/unset` validate the whole file with it before
 * writing. Everyday commands read the file with the lighter checks in core/config.ts (loading zod costs
 * ~90 ms per start); a unit test keeps the two in agreement.
 */
export const configFileSchema = z.strictObject({
  user: z.string().trim().min(1).nullable().optional(),
  // R39: company policy keys a file from before policy moved to the database may still hold (read once
  // as a new database's starting policy, then ignored with a warning); `task config set` refuses them.
  workdayMinutes: z.number().int().min(1).max(1440).optional(),
  workingDays: z.array(z.number().int().min(0).max(6)).min(1).optional(),
  titleWithoutProject: z.enum(['warn', 'refuse']).optional(),
  allowCoExecutors: z.boolean().optional(),
  continuationThresholdMinutes: z.number().int().min(0).optional(),
  explanationFactor: z.number().min(1).optional(),
  autoStartDay: z.boolean().optional(),
  contexts: z.record(z.string().regex(CONTEXT_NAME), z.array(z.string().min(1)).min(1)).optional(),
  context: z.string().regex(CONTEXT_NAME).nullable().optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
