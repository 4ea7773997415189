// Chart helpers kept free of React so they can be unit-tested.

/** A round axis top at or above `value` (1, 2, 2.5 or 5 times a power of ten); 1 MB for no data. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1024 * 1024;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
