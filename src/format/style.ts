import { Chalk, type ChalkInstance } from 'chalk';
import type { Attention } from '../core/attention.js';

/** One chalk instance per render, coloured or not as the caller decided (TTY, NO_COLOR, --no-color). */
export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** R37: blue due today, green newly assigned, red overdue. */
export function attentionColor(paint: ChalkInstance, attention: Attention): (text: string) => string {
  switch (attention) {
    case 'overdue':
      return paint.red;
    case 'due_today':
      return paint.blue;
    case 'new':
      return paint.green;
    default:
      return (text) => text;
  }
}
