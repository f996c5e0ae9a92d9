/** Reads named by what they answer, each a call of the store's own reads. */
export type Reads = Record<string, () => unknown>;

/**
 * The answers of reads named ahead (`Store.readAhead`): each asked for by name, read once, and the same as
 * calling the read at that moment would give. Inside `Store.read` the team server sends them all at once
 * and works through them while the program goes on (one snapshot, so an answer read early is the same).
 */
export type ReadsAhead<R extends Reads> = { readonly [K in keyof R]: () => ReturnType<R[K]> };

/**
 * Each read run once, when its answer is first asked for, and kept: what `Store.readAhead` gives on a store
 * that does not send reads ahead (SQLite, whose reads are calls into the same process).
 */
export function whenAsked<R extends Reads>(reads: R): ReadsAhead<R> {
  const answers = {} as Record<keyof R, () => unknown>;
  for (const name of Object.keys(reads) as (keyof R)[]) {
    let asked = false;
    let answer: unknown;
    answers[name] = () => {
      if (!asked) {
        answer = reads[name]!();
        asked = true;
      }
      return answer;
    };
  }
  return answers as ReadsAhead<R>;
}
