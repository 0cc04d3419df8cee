/** `instant` moved forward by `minutes`, as an ISO string. */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** The later of two instants. */
export function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
