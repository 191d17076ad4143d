import type { RuleMessage } from './rule-message';

/** Typed domain errors; one filter in @ocop/web maps them to HTTP answers. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A refused value, naming its field. Given a RuleMessage, the API answers its English words as
 * with a plain message, and `rule` keeps its key so a page form can say the same in its language.
 */
export class ValidationError extends DomainError {
  readonly status = 400;
  /** The rule the value broke, when the thrower named one; null for a plain message. */
  readonly rule: RuleMessage | null;
  constructor(
    readonly field: string,
    message: string | RuleMessage,
  ) {
    const text = typeof message === 'string' ? message : message.text;
    super(`${field}: ${text}`, { errors: [{ field, message: text }] });
    this.rule = typeof message === 'string' ? null : message;
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class GoneError extends DomainError {
  readonly status = 410;
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
