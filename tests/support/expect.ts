// Assertions for Result values: `expectOk` and `expectErr` fail the test with what the other side
// carried (the AppError's kind, reason and message, or the value that came instead of an error)
// and hand back the narrowed part, so a test reads on without `if (!r.ok) throw` by hand.
import { assert } from 'vitest';
import type { AppError, ErrorKind, ErrorReason, Result } from '../../src/shared/errors';

function describeError(error: AppError): string {
  const parts: string[] = [error.kind];
  if (error.reason !== undefined) parts.push(`reason ${error.reason}`);
  if (error.code !== undefined) parts.push(`code ${error.code}`);
  if (error.status !== undefined) parts.push(`status ${error.status}`);
  return `${parts.join(', ')}: ${error.message}`;
}

function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Asserts that `result` is ok and returns its value. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) return assert.fail(`expected ok, got an error (${describeError(result.error)})`);
  return result.value;
}

/**
 * Asserts that `result` failed, with `kind` and `reason` when given, and returns the error for
 * further checks (message, code, ...).
 */
export function expectErr(result: Result<unknown>, kind?: ErrorKind, reason?: ErrorReason): AppError {
  if (result.ok) return assert.fail(`expected an error, got ok (${describeValue(result.value)})`);
  const { error } = result;
  if (kind !== undefined && error.kind !== kind)
    assert.fail(`expected an error of kind ${kind}, got ${describeError(error)}`);
  if (reason !== undefined && error.reason !== reason)
    assert.fail(`expected an error with reason ${reason}, got ${describeError(error)}`);
  return error;
}
