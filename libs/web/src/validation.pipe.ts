import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldError } from './error.filter';

/**
 * A constraint message without its leading property name ("email must be …" → "must be …").
 * The property may be any key a client sent, so it is compared as text, never made a pattern.
 */
export function withoutProperty(message: string, property: string): string {
  const prefix = `${property} `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({ field, message: withoutProperty(m, e.property) }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates DTOs; unknown fields are refused; answers 400 naming each field and its problem. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
  });
}
