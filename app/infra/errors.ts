// Typed domain errors; one place (`httpStatusOf`) maps them to HTTP statuses.
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "DEADLINE_PASSED" | "INVALID";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  DEADLINE_PASSED: 409,
  INVALID: 400,
};

export function httpStatusOf(error: DomainError): number {
  return STATUS[error.code];
}
