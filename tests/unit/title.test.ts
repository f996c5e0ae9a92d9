import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTitle, renderTitle, verbatimTitle, type TitleParts } from '../../src/core/title.js';

describe('R6 title grammar', () => {
  it('reads a project prefix', () => {
    expect(parseTitle('Sales: Call client Ivan Petrov at 9:00')).toMatchObject({
      project: 'Sales',
      kind: 'ordinary',
      text: 'Call client Ivan Petrov at 9:00',
    });
  });

  it('reads every marker', () => {
    expect(parseTitle('STEC: Audit the document templates')).toMatchObject({
      project: null,
      kind: 'stec',
      text: 'Audit the document templates',
    });
    expect(parseTitle('General: Conclude the agreement with Client X')).toMatchObject({
      project: null,
      kind: 'general',
      generalLevel: 1,
      text: 'Conclude the agreement with Client X',
    });
    expect(parseTitle('General (Legal): Conclude the agreement')).toMatchObject({
      project: 'Legal',
      kind: 'general',
      generalLevel: 1,
      internalProject: true,
    });
    expect(parseTitle('General-3 (Legal): Sign')).toMatchObject({
      project: 'Legal',
      kind: 'general',
      generalLevel: 3,
      text: 'Sign',
    });
    expect(parseTitle('General-2: Approvals')).toMatchObject({
      project: null,
      kind: 'general',
      generalLevel: 2,
    });
    expect(parseTitle('General (Retail): (Part 2) Revise')).toMatchObject({
      project: 'Retail',
      kind: 'general',
      part: 2,
      text: 'Revise',
    });
    expect(parseTitle('Internal: Control: Monthly report submitted on time')).toMatchObject({
      project: 'Internal',
      kind: 'control',
    });
    expect(parseTitle('Retail: (Part 2) Revise all the retail algorithms')).toMatchObject({
      project: 'Retail',
      part: 2,
      text: 'Revise all the retail algorithms',
    });
  });

  it('still reads the older compound forms (R15: rewritten by migration 0013)', () => {
    expect(parseTitle('Legal: General: Conclude the agreement')).toMatchObject({
      project: 'Legal',
      kind: 'general',
      generalLevel: 1,
      internalProject: true,
    });
    expect(parseTitle('Legal: General-3: Sign')).toMatchObject({
      project: 'Legal',
      kind: 'general',
      generalLevel: 3,
    });
    expect(parseTitle('IT: General (project): New CRM')).toMatchObject({
      project: 'IT',
      kind: 'general',
      internalProject: true,
      generalLevel: 1,
      text: 'New CRM',
    });
  });

  it('R15: writes the compound marker at the start, with the project in brackets', () => {
    const general = { kind: 'general' as const, generalLevel: 1, internalProject: false, part: null };
    expect(renderTitle({ ...general, project: null, text: 'Conclude the agreement with Client X' })).toBe(
      'General: Conclude the agreement with Client X',
    );
    expect(renderTitle({ ...general, project: 'Legal', internalProject: true, text: 'Conclude' })).toBe(
      'General (Legal): Conclude',
    );
    expect(
      renderTitle({
        ...general,
        generalLevel: 2,
        project: 'Legal',
        internalProject: true,
        text: 'Approvals',
      }),
    ).toBe('General-2 (Legal): Approvals');
  });

  it('R6: a colon of the text itself is kept when written \\: or taken verbatim', () => {
    expect(parseTitle('Develop regulations\\: planning')).toMatchObject({
      project: null,
      kind: 'ordinary',
      text: 'Develop regulations: planning',
    });
    expect(verbatimTitle('Develop regulations: planning')).toMatchObject({
      project: null,
      text: 'Develop regulations: planning',
    });
    const parts = verbatimTitle('Develop regulations: planning');
    expect(renderTitle(parts)).toBe('Develop regulations\\: planning');
    expect(parseTitle(renderTitle(parts))).toEqual(parts);
    expect(parseTitle('Legal: Develop regulations: planning')).toMatchObject({
      project: 'Legal',
      text: 'Develop regulations: planning',
    });
  });

  it('reads Cyrillic titles', () => {
    expect(parseTitle('Продажи: Позвонить клиенту Ивану Петрову')).toMatchObject({
      project: 'Продажи',
      text: 'Позвонить клиенту Ивану Петрову',
    });
  });

  it('keeps a time or a colon inside the text', () => {
    expect(parseTitle('Call Ivan at 9:00')).toMatchObject({ project: null, text: 'Call Ivan at 9:00' });
  });

  const projectArb = fc
    .stringMatching(/^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё0-9 _.&-]{0,20}$/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^(stec|control|general)/i.test(s));
  const textArb = fc
    .string({
      unit: fc.constantFrom(...'abcXYZ пшЖЁ0123456789.,!?"\'«»()-:;/'.split('')),
      minLength: 1,
      maxLength: 40,
    })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/\\/.test(s));
  const partsArb: fc.Arbitrary<TitleParts> = fc
    .record({
      project: fc.option(projectArb, { nil: null }),
      kind: fc.constantFrom('ordinary', 'general', 'stec', 'control' as const),
      generalLevel: fc.integer({ min: 1, max: 9 }),
      internalProject: fc.boolean(),
      part: fc.option(fc.integer({ min: 2, max: 999 }), { nil: null }),
      text: textArb,
    })
    .map((p) => ({
      ...p,
      generalLevel: p.kind === 'general' ? p.generalLevel : 0,
      internalProject: p.kind === 'general' && p.project !== null,
    }));

  it('round-trips: parse(render(parts)) equals parts', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        expect(parseTitle(renderTitle(parts))).toEqual(parts);
      }),
      { numRuns: 500 },
    );
  });

  it('renders markers in the documented order', () => {
    expect(
      renderTitle({
        project: 'Retail',
        kind: 'general',
        generalLevel: 2,
        internalProject: true,
        part: 3,
        text: 'Revise',
      }),
    ).toBe('General-2 (Retail): (Part 3) Revise');
    expect(
      renderTitle({
        project: 'Internal',
        kind: 'control',
        generalLevel: 0,
        internalProject: false,
        part: 2,
        text: 'Report',
      }),
    ).toBe('Internal: (Part 2) Control: Report');
  });
});
