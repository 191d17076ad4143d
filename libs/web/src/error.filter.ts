import { ArgumentsHost, BadRequestException, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TooManyRequestsError, ValidationError } from '@ocop/core';
import { isApiRequest, renderErrorPage } from './pages';

export interface FieldError {
  field: string;
  message: string;
}

/** A 400 listing every invalid field; raised by the validation pipe. */
export class InvalidInputError extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field} ${e.message}`).join('; '));
  }
}

export interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Maps any thrown error to the public error shape `{ statusCode, message, errors? }`. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof InvalidInputError) return { statusCode: 400, message: err.message, errors: err.errors };
  if (err instanceof ValidationError) return { statusCode: 400, message: err.message, errors: [{ field: err.field, message: err.message.slice(err.field.length + 2) }] };
  if (err instanceof DomainError) {
    const { errors, ...extra } = err.details as { errors?: FieldError[] };
    return { statusCode: err.status, message: err.message, ...extra, ...(errors ? { errors } : {}) };
  }
  if (err instanceof HttpException) {
    const res = err.getResponse();
    const body = res as { message?: unknown };
    const message = typeof res === 'string' ? res : Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? err.message);
    return { statusCode: err.getStatus(), message: String(message) };
  }
  const status = (err as { statusCode?: number })?.statusCode;
  // Fastify's own 4xx errors (bad JSON, body too large, unsupported media type, CSRF) keep their status.
  if (typeof status === 'number' && status >= 400 && status < 500) return { statusCode: status, message: (err as Error).message };
  return { statusCode: 500, message: 'Internal server error' };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = toErrorBody(err);
    if (body.statusCode >= 500) this.logger.error({ err, url: req.url }, (err as Error)?.stack ?? String(err));
    if (err instanceof TooManyRequestsError) reply.header('retry-after', String(err.retryAfterSeconds));
    if (!isApiRequest(req)) {
      // An error raised before the request was fully set up (cookies, CSRF secret) can make the
      // page itself fail; the visitor still gets an answer rather than a hung connection.
      renderErrorPage(req, reply, body).catch((pageErr: unknown) => {
        this.logger.error({ err: pageErr, url: req.url }, 'error page failed');
        if (!reply.sent) void reply.status(body.statusCode).type('text/plain; charset=utf-8').send(body.message);
      });
      return;
    }
    void reply.status(body.statusCode).send(body);
  }
}
