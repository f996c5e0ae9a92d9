import { describe, expect, it } from 'vitest';
import {
  formChanges,
  parseEditForm,
  renderEditForm,
  type EditableFields,
} from '../../src/cli/prompts/edit-form.js';

const fields: EditableFields = {
  title: 'Sales: Call Ivan',
  deadline: '2026-11-27',
  hard: 'no',
  plan: '15m',
  priority: 'medium',
  tags: 'phone',
  depends: '',
  responsible: 'alice',
  director: 'alice',
  accept: 'no',
  description: '# Steps\n1. Call\ntitle: not a field here',
};

describe("task edit's editor form", () => {
  it('reads back what it wrote, the description whole (with # lines and field-like lines)', () => {
    expect(parseEditForm(renderEditForm(1, fields))).toEqual(fields);
  });

  it('turns only the changed fields into changes', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    expect(formChanges(fields, fields, now)).toEqual({});
    const edited = {
      ...fields,
      plan: '1h',
      tags: 'urgent',
      depends: '3, 4',
      accept: 'yes',
      deadline: 'none',
    };
    expect(formChanges(fields, edited, now)).toEqual({
      plannedMinutes: 60,
      addTags: ['urgent'],
      removeTags: ['phone'],
      addDepends: [3, 4],
      acceptRequired: true,
      deadline: null,
    });
    expect(() => formChanges(fields, { ...fields, hard: 'maybe' }, now)).toThrow(
      'hard is "maybe"; write yes or no',
    );
  });

  it('refuses a line that is not a field, and a form with a field taken out', () => {
    expect(() => parseEditForm('title: x\ncolour: red\n')).toThrow(
      'line 2: "colour: red" is not "field: value"',
    );
    expect(() => parseEditForm('title: x\ndescription:\n')).toThrow(
      'the edited form has no deadline, hard, plan',
    );
  });
});
