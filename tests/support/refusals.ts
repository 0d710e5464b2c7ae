// Tests assert what was refused and why by code and catalogue key (and parameters), never
// by the German wording: the wording is the catalogue's business (app/i18n/messages).
import { expect } from "vitest";
import type { MessageKey } from "../../app/i18n";
import { DomainError, type DomainErrorCode, type RefusalParams } from "../../app/infra/errors";

/** The DomainError `fn` throws; the test fails when it throws nothing or anything else. */
export function refusedBy(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal (DomainError), but nothing was thrown");
}

/** The DomainError a promise (or an async function) rejects with. */
export async function refusedByAsync(work: Promise<unknown> | (() => Promise<unknown>)): Promise<DomainError> {
  try {
    await (typeof work === "function" ? work() : work);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal (DomainError), but the promise resolved");
}

/** "CODE key" of a refusal, or "ok" when `fn` went through: for tests that compare several steps. */
export function outcomeOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return `${error.code} ${error.key}`;
    throw error;
  }
}

/** "CODE: key" of the DomainError `error`; anything else is thrown on. */
function codeAndKey(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.key}`;
  throw error;
}

/** "CODE: key" of a refusal, or "no error" when `fn` went through. */
export function refusalCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return codeAndKey(error);
  }
  return "no error";
}

/** refusalCode for an async function. */
export async function refusalCodeAsync(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return codeAndKey(error);
  }
  return "no error";
}

/** Asserts that `fn` is refused with `code` and `key` (and these parameters, if given). */
export function expectRefusal(fn: () => unknown, code: DomainErrorCode, key: MessageKey, params?: RefusalParams) {
  const error = refusedBy(fn);
  expect({ code: error.code, key: error.key }).toEqual({ code, key });
  if (params) expect(error.params).toMatchObject(params);
  return error;
}

/** Asserts that the promise is rejected with `code` and `key` (and these parameters, if given). */
export async function expectRefusalAsync(work: Promise<unknown> | (() => Promise<unknown>), code: DomainErrorCode, key: MessageKey, params?: RefusalParams) {
  const error = await refusedByAsync(work);
  expect({ code: error.code, key: error.key }).toEqual({ code, key });
  if (params) expect(error.params).toMatchObject(params);
  return error;
}
