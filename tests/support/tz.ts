/**
 * Sets the time zone for what runs next, or removes it: `process.env.TZ = undefined` stores the text
 * "undefined", which Node reads as UTC - and files share a process (vitest without isolation), so a later
 * file would run in UTC instead of the machine's zone.
 */
export function setTz(zone: string | undefined): void {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
}
