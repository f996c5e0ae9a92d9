/**
 * R6, R15: the title grammar.
 * - A compound task opens with its marker: `General: <text>`, `General (<Project>): <text>` when it stands
 *   for a project, `General-N:` / `General-N (<Project>):` by depth (R15).
 * - Any other task: `[<Project>: ][(Part N) ][<marker> ]<text>`, markers `STEC:` and `Control:`; the
 *   part number sits right after the project prefix (R24), and after the compound marker for a compound task.
 * - A text with its own colon (`Develop regulations: planning`) is kept as text when the colon is written
 *   `\:` (or the whole title is taken as text, `add --verbatim`); the title then shows `\:` so that it reads
 *   back the same (R6).
 * Titles are built from structured parts and any title written this way parses back into them:
 * parseTitle(renderTitle(parts)) equals parts for valid parts. Older forms (`Legal: General: ...`,
 * `IT: General (project): ...`, `Legal: (Part 2) General-2: ...`) are still read.
 */
export type TaskKind = 'ordinary' | 'general' | 'stec' | 'control';

export interface TitleParts {
  project: string | null;
  kind: TaskKind;
  /** Depth of a compound task (R15): 1 renders `General:`, N >= 2 renders `General-N:`; 0 otherwise. */
  generalLevel: number;
  /** `General (Project):` - the compound task stands for a project (R15): true exactly when a compound task has a project. */
  internalProject: boolean;
  /** R24 continuation number: 2 for `(Part 2)`; null for a task that is not a continuation. */
  part: number | null;
  text: string;
}

/** A project prefix: up to the first colon that is not escaped as `\:`. */
const PROJECT_PREFIX = /^([^:()\n\\][^:\n\\]{0,59}?):(?:\s+|$)/u;
const PART = /^\(part\s+(\d{1,4})\)\s*/iu;
/** The compound marker that opens a title (R15): `General`, `General-2`, with the project in brackets. */
const LEADING_GENERAL = /^general(?:-(\d{1,2}))?(?:\s*\(([^()\n:]{1,60})\))?:\s*/iu;
/** A marker after a project prefix; `General` here is the older form, `(project)` its internal-project flag. */
const MARKER = /^(stec|control|general(?:-(\d{1,2}))?(\s*\(project\))?):\s*/iu;
const ESCAPED_COLON = /\\:/gu;

export function renderTitle(parts: TitleParts): string {
  const pieces: string[] = [];
  if (parts.kind === 'general') {
    pieces.push(renderMarker(parts, parts.project));
  } else {
    if (parts.project) pieces.push(`${parts.project}:`);
  }
  if (parts.part !== null) pieces.push(`(Part ${parts.part})`);
  if (parts.kind === 'stec' || parts.kind === 'control') pieces.push(renderMarker(parts));
  pieces.push(escapeText(parts));
  return pieces.join(' ');
}

/** The marker word of a kind; a compound task's carries its depth and project (R15). */
export function renderMarker(
  parts: Pick<TitleParts, 'kind' | 'generalLevel'>,
  project: string | null = null,
): string {
  switch (parts.kind) {
    case 'stec':
      return 'STEC:';
    case 'control':
      return 'Control:';
    case 'general': {
      const level = parts.generalLevel > 1 ? `-${parts.generalLevel}` : '';
      return `General${level}${project ? ` (${project})` : ''}:`;
    }
    case 'ordinary':
      return '';
  }
}

/** R6: a text that would read back as a prefix, marker or part number is written with `\:` / `\(`. */
function escapeText(parts: TitleParts): string {
  let text = parts.text;
  const bare = parts.project === null && parts.kind === 'ordinary' && parts.part === null;
  if (
    (bare && (PROJECT_PREFIX.test(text) || LEADING_GENERAL.test(text))) ||
    (parts.kind === 'ordinary' && MARKER.test(text))
  )
    text = text.replace(':', '\\:');
  if (parts.part === null && PART.test(text)) text = `\\${text}`;
  return text;
}

/** Splits a title into its R6 parts. Marker words are recognised case-insensitively. */
export function parseTitle(title: string): TitleParts {
  let rest = title.trim();
  const parts: TitleParts = {
    project: null,
    kind: 'ordinary',
    generalLevel: 0,
    internalProject: false,
    part: null,
    text: '',
  };

  const general = LEADING_GENERAL.exec(rest);
  if (general) {
    parts.kind = 'general';
    parts.generalLevel = general[1] ? Number(general[1]) : 1;
    const named = general[2]?.trim();
    if (named) parts.project = named;
    rest = rest.slice(general[0].length);
  } else {
    const project = PROJECT_PREFIX.exec(rest);
    if (project && !MARKER.test(rest) && !PART.test(rest)) {
      parts.project = project[1]!.trim();
      rest = rest.slice(project[0].length);
    }
  }
  // The part number and the marker are accepted in either order; renderTitle writes the part first.
  for (let i = 0; i < 2; i++) {
    const part = parts.part === null ? PART.exec(rest) : null;
    if (part) {
      parts.part = Number(part[1]);
      rest = rest.slice(part[0].length);
      continue;
    }
    const marker = parts.kind === 'ordinary' ? MARKER.exec(rest) : null;
    if (marker) {
      applyMarker(parts, marker);
      rest = rest.slice(marker[0].length);
    }
  }
  parts.internalProject = parts.kind === 'general' && parts.project !== null;
  parts.text = unescapeText(rest.trim());
  return parts;
}

/** R6: the whole title taken as the text - `add --verbatim "Develop regulations: planning"`. */
export function verbatimTitle(title: string): TitleParts {
  return {
    project: null,
    kind: 'ordinary',
    generalLevel: 0,
    internalProject: false,
    part: null,
    text: unescapeText(title.trim()),
  };
}

function unescapeText(text: string): string {
  return text.replace(ESCAPED_COLON, ':').replace(/^\\\(/u, '(');
}

function applyMarker(parts: TitleParts, marker: RegExpExecArray): void {
  const word = marker[1]!.toLowerCase();
  if (word === 'stec') parts.kind = 'stec';
  else if (word === 'control') parts.kind = 'control';
  else {
    parts.kind = 'general';
    parts.generalLevel = marker[2] ? Number(marker[2]) : 1;
  }
}

/** True when the text would be read back as a project prefix or a marker (so it cannot stand alone). */
export function textLooksLikePrefix(text: string): boolean {
  return PROJECT_PREFIX.test(text) || MARKER.test(text) || PART.test(text) || LEADING_GENERAL.test(text);
}

/** A project name that can sit in a title prefix: no colon, brackets or line break, not a marker word. */
export function isValidProjectName(name: string): boolean {
  return (
    /^[^:()\n\\][^:()\n\\]{0,59}$/u.test(name) &&
    name.trim() === name &&
    !MARKER.test(`${name}: `) &&
    !LEADING_GENERAL.test(`${name}: `)
  );
}
