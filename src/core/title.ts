/**
 * R6: the title grammar `[<Project>: ][(Part N) ][<marker> ]<text>`, markers `STEC:`, `General:`,
 * `General (project):`, `General-N:`, `Control:`. Titles are built from structured parts and any title
 * written this way parses back into them: parseTitle(renderTitle(parts)) equals parts for valid parts.
 */
export type TaskKind = 'ordinary' | 'general' | 'stec' | 'control';

export interface TitleParts {
  project: string | null;
  kind: TaskKind;
  /** Depth of a compound task (R15): 1 renders `General:`, N >= 2 renders `General-N:`; 0 otherwise. */
  generalLevel: number;
  /** `General (project):` - the compound task stands for an internal project (R15). */
  internalProject: boolean;
  /** R24 continuation number: 2 for `(Part 2)`; null for a task that is not a continuation. */
  part: number | null;
  text: string;
}

const PROJECT_PREFIX = /^([^:()\n][^:\n]{0,59}?):(?:\s+|$)/u;
const PART = /^\(part\s+(\d{1,4})\)\s*/iu;
const MARKER = /^(stec|control|general(?:-(\d{1,2}))?(\s*\(project\))?):\s*/iu;

export function renderTitle(parts: TitleParts): string {
  const pieces: string[] = [];
  if (parts.project) pieces.push(`${parts.project}:`);
  if (parts.part !== null) pieces.push(`(Part ${parts.part})`);
  const marker = renderMarker(parts);
  if (marker) pieces.push(marker);
  pieces.push(parts.text);
  return pieces.join(' ');
}

export function renderMarker(parts: Pick<TitleParts, 'kind' | 'generalLevel' | 'internalProject'>): string {
  switch (parts.kind) {
    case 'stec':
      return 'STEC:';
    case 'control':
      return 'Control:';
    case 'general': {
      const level = parts.generalLevel > 1 ? `-${parts.generalLevel}` : '';
      return `General${level}${parts.internalProject ? ' (project)' : ''}:`;
    }
    case 'ordinary':
      return '';
  }
}

/** Splits a title into its R6 parts. Marker words are recognised case-insensitively. */
export function parseTitle(title: string): TitleParts {
  let rest = title.trim();
  const parts: TitleParts = { project: null, kind: 'ordinary', generalLevel: 0, internalProject: false, part: null, text: '' };

  const project = PROJECT_PREFIX.exec(rest);
  if (project && !MARKER.test(rest) && !PART.test(rest)) {
    parts.project = project[1]!.trim();
    rest = rest.slice(project[0].length);
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
  parts.text = rest.trim();
  return parts;
}

function applyMarker(parts: TitleParts, marker: RegExpExecArray): void {
  const word = marker[1]!.toLowerCase();
  if (word === 'stec') parts.kind = 'stec';
  else if (word === 'control') parts.kind = 'control';
  else {
    parts.kind = 'general';
    parts.generalLevel = marker[2] ? Number(marker[2]) : 1;
    parts.internalProject = Boolean(marker[3]);
  }
}

/** True when the text would be read back as a project prefix or a marker (so it cannot stand alone). */
export function textLooksLikePrefix(text: string): boolean {
  return PROJECT_PREFIX.test(text) || MARKER.test(text) || PART.test(text);
}

/** A project name that can sit in a title prefix: no colon, no line break, not a marker word. */
export function isValidProjectName(name: string): boolean {
  return /^[^:()\n][^:\n]{0,59}$/u.test(name) && name.trim() === name && !MARKER.test(`${name}: `);
}
