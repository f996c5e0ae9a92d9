import { readFileSync } from 'node:fs';
import type { CoreContext } from '../core/context.js';
import { UsageError } from '../core/errors.js';
import type { ImportSummary } from '../core/interchange/summary.js';

/**
 * `task import FILE`: the file read (or standard input), which tool wrote it told from its shape, its
 * records checked against that tool's schema (zod, loaded only here), and the import of core run on them.
 */

export const SOURCES = ['taskwarrior', 'timewarrior', 'watson', 'bitrix24', 'regula'] as const;
export type Source = (typeof SOURCES)[number];

/** Reads FILE, or standard input for "-". */
export function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}

/** JSON, or one JSON object per line (Taskwarrior writes both). */
export function parseJson(text: string, file: string, allowLines: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (allowLines && text.trim().startsWith('{')) {
      return text
        .split('\n')
        .filter((line) => line.trim())
        .map((line, i) => {
          try {
            return JSON.parse(line);
          } catch {
            throw new UsageError(`${file}: line ${i + 1} is not JSON`);
          }
        });
    }
    throw new UsageError(`${file}: not JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

function asArray(value: unknown, file: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new UsageError(`${file}: expected a JSON array of ${what}`);
  return value;
}

/** Which tool wrote the file, when --from is not given. */
export function detectSource(data: unknown): Source | null {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const object = data as Record<string, unknown>;
    if (object.format === 'regula.export') return 'regula';
    if ('tasks' in object || 'result' in object) return 'bitrix24';
  }
  if (Array.isArray(data) && data.length > 0 && Array.isArray(data[0])) return 'watson';
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object' && data[0] !== null) {
    if ('uuid' in data[0] && 'description' in data[0]) return 'taskwarrior';
    if ('project' in data[0] && 'stop' in data[0]) return 'watson';
    if ('start' in data[0] && !('uuid' in data[0])) return 'timewarrior';
  }
  return null;
}

/** What `task import` was given: the file, the tool named by --from (or none), --dry-run. */
export interface ImportRequest {
  readonly file: string;
  readonly from: Source | undefined;
  readonly dryRun: boolean;
}

/** Reads the file, tells its tool, checks its records and imports them (one transaction; a dry run writes nothing). */
export async function importFile(
  ctx: CoreContext,
  { file, from, dryRun }: ImportRequest,
): Promise<ImportSummary> {
  const text = readInput(file);
  const data = parseJson(text, file, from === 'taskwarrior' || from === undefined);
  const source = from ?? detectSource(data);
  if (!source)
    throw new UsageError(`${file}: cannot tell which tool wrote it; pass --from ${SOURCES.join('|')}`);
  return importRecords(ctx, source, data, file, dryRun);
}

type Schemas = typeof import('../schemas/import.js');
type ParseRecords = typeof import('../schemas/validate.js')['parseRecords'];

async function importRecords(
  ctx: CoreContext,
  source: Source,
  data: unknown,
  file: string,
  dryRun: boolean,
): Promise<ImportSummary> {
  const schemas = await import('../schemas/import.js');
  const { parseRecords } = await import('../schemas/validate.js');
  if (source === 'taskwarrior') {
    const { importTaskwarrior } = await import('../core/interchange/taskwarrior.js');
    const records = parseRecords(schemas.taskwarriorTaskSchema, asArray(data, file, 'Taskwarrior tasks'), {
      file,
      record: 'task',
      idKey: 'uuid',
    });
    return importTaskwarrior(ctx, records, dryRun);
  }
  if (source === 'timewarrior') {
    const { importTimewarrior } = await import('../core/interchange/timewarrior.js');
    const records = parseRecords(
      schemas.timewarriorIntervalSchema,
      asArray(data, file, 'Timewarrior intervals'),
      { file, record: 'interval', idKey: 'id' },
    );
    return importTimewarrior(ctx, records, dryRun);
  }
  if (source === 'watson') {
    const { importWatson } = await import('../core/interchange/watson.js');
    const records = parseRecords(schemas.watsonFrameSchema, asArray(data, file, 'Watson frames'), {
      file,
      record: 'frame',
      idKey: 'id',
    });
    return importWatson(ctx, records, dryRun);
  }
  if (source === 'bitrix24') {
    const { importBitrix24 } = await import('../core/interchange/bitrix24.js');
    return importBitrix24(ctx, bitrixData(schemas, parseRecords, data, file), dryRun);
  }
  const { importEverything } = await import('../core/interchange/regula.js');
  const { latestSchemaVersion } = await import('../db/migrations.js');
  const parsed = schemas.regulaExportSchema.safeParse(data);
  if (!parsed.success)
    throw new UsageError(
      `${file}: not a regula export: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`,
    );
  return importEverything(ctx, parsed.data, latestSchemaVersion(), dryRun);
}

/** A Bitrix24 file's tasks (at the top or under `result`, as tasks.task.list answers), elapsed items, comments, users. */
function bitrixData(schemas: Schemas, parseRecords: ParseRecords, data: unknown, file: string) {
  const object = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<
    string,
    unknown
  >;
  const result = object.result as Record<string, unknown> | undefined;
  const tasks = object.tasks ?? result?.tasks;
  return {
    tasks: parseRecords(schemas.bitrixTaskSchema, asArray(tasks, file, 'tasks (tasks.task.list)'), {
      file,
      record: 'task',
      idKey: 'id',
    }),
    elapsedItems: parseRecords(
      schemas.bitrixElapsedSchema,
      asArray(object.elapsedItems ?? [], file, 'elapsed items'),
      { file, record: 'elapsed item', idKey: 'ID' },
    ),
    comments: parseRecords(schemas.bitrixCommentSchema, asArray(object.comments ?? [], file, 'comments'), {
      file,
      record: 'comment',
      idKey: 'ID',
    }),
    users: parseRecords(schemas.bitrixUserSchema, asArray(object.users ?? [], file, 'users'), {
      file,
      record: 'user',
      idKey: 'ID',
    }),
  };
}
