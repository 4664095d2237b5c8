/*
 * Kosovo's wall-clock time (CET/CEST), the time forms are written in and deadlines are compared
 * with. Shared by every module that shows or reads dates.
 */

const KOSOVO_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Belgrade",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The `datetime-local` value (Kosovo time) of a moment. */
export function toKosovoLocalInput(value: Date): string {
  const p = Object.fromEntries(KOSOVO_TIME.formatToParts(value).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The moment of a `datetime-local` value read as Kosovo time (CET/CEST), or null when malformed. */
export function fromKosovoLocalInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (guess.getUTCMonth() !== mo - 1 || guess.getUTCDate() !== d) return null;
  // Try both Kosovo offsets; keep the one that reads back as the same wall-clock time.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(guess.getTime() - offsetHours * 3_600_000);
    if (toKosovoLocalInput(candidate) === value) return candidate;
  }
  return new Date(guess.getTime() - 3_600_000);
}

/** Today's date in Kosovo (yyyy-mm-dd), the day deadlines are compared with. */
export function todayInKosovo(now: Date = new Date()): string {
  return toKosovoLocalInput(now).slice(0, 10);
}
