import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldError } from './error.filter';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({ field, message: m.replace(new RegExp(`^${e.property} `), '') }));
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
