// Chart helpers kept free of React so they can be unit-tested.

/** A round number at or above `value`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceNumber(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - power * 1e-9) return step * power;
  return 10 * power;
}

/**
 * The axis top for a byte series, round in the unit it will be shown in (1024 base), so labels read
 * "10 GB" / "5 GB" rather than "9.3 GB"; 1 MB when there is no data.
 */
export function niceCeiling(bytes: number): number {
  if (bytes <= 0) return 1024 * 1024;
  let unit = 1;
  while (bytes / unit >= 1024) unit *= 1024;
  return niceNumber(bytes / unit) * unit;
}
