import type { FastifyRequest } from 'fastify';
import { ValidationError } from '@ocop/core';

/**
 * Route config (`@RouteConfig(MULTIPART_FORM)`) of page routes that take a form with files. Such
 * a form carries its CSRF token in its `_csrf` field, like every other form, and never in its
 * address (where it would show in the address bar and the history): the check waits until the
 * handler reads the form with `readMultipartForm`, which refuses a missing or wrong token.
 */
export const MULTIPART_FORM = { multipartForm: true } as const;

/** Page requests whose CSRF check waits for their multipart form to be read. */
const awaitingFormToken = new WeakSet<FastifyRequest>();

/** Whether the request is a multipart body sent to a MULTIPART_FORM route. */
export function isMultipartFormRequest(req: FastifyRequest): boolean {
  return (req.routeOptions?.config as { multipartForm?: boolean } | undefined)?.multipartForm === true && req.isMultipart();
}

/** Leaves the CSRF check of a multipart form request to `readMultipartForm` (see MULTIPART_FORM). */
export function awaitFormToken(req: FastifyRequest): void {
  awaitingFormToken.add(req);
}

type CsrfProtection = (req: FastifyRequest, reply: { send(err: Error): void }, next: () => void) => void;

/**
 * Checks the token a multipart form carried, when the request's check was left to its reading;
 * throws the CSRF plugin's 403 error for a missing or wrong one.
 */
async function checkFormToken(req: FastifyRequest, token: unknown): Promise<void> {
  if (!awaitingFormToken.delete(req)) return;
  const protect = (req.server as unknown as { csrfProtection: CsrfProtection }).csrfProtection;
  const body = req.body;
  req.body = { _csrf: typeof token === 'string' ? token : undefined };
  try {
    // The plugin refuses by sending the error on the reply; here it is thrown, so the handler stops.
    await new Promise<void>((resolve, reject) => protect(req, { send: reject }, resolve));
  } finally {
    req.body = body;
  }
}

/** What a person is told when the body of an upload cannot be read to its end. */
export const MALFORMED_UPLOAD = 'the upload was incomplete or malformed; choose the file and send it again';

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export interface MultipartLimits {
  /** The field errors are reported under (`file`). */
  field: string;
  maxFileBytes: number;
  maxFiles: number;
  /** Messages for the field: not multipart at all, a file over maxFileBytes, more than maxFiles. */
  notMultipart: string;
  tooLarge: string;
  tooMany: string;
}

/**
 * Reads every file part of a multipart request into memory, so that a caller writes nothing
 * until the whole body has arrived and parsed. Parts without a file name and without bytes (an
 * empty file input) are skipped; plain fields are ignored.
 * Throws ValidationError(limits.field) for a request that is not multipart, a file or file count
 * over the limits, and any body the parser cannot read to its end — no boundary, a boundary that
 * never appears, a body that stops mid-part, a forbidden part name.
 */
export async function readMultipartFiles(req: FastifyRequest, limits: MultipartLimits): Promise<UploadedFile[]> {
  if (!req.isMultipart()) throw new ValidationError(limits.field, limits.notMultipart);
  // This reader skips text fields, so it cannot see a form's token: such forms use readMultipartForm.
  if (awaitingFormToken.has(req)) throw new Error('a MULTIPART_FORM route must read its form with readMultipartForm');
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.files({ limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles } })) {
      const data = await part.toBuffer();
      if (part.filename || data.length > 0) files.push({ filename: part.filename, data });
    }
  } catch (err) {
    throw uploadProblem(err, limits);
  }
  return files;
}

/** The ValidationError naming `limits.field` for an error raised while a multipart body was read. */
function uploadProblem(err: unknown, limits: MultipartLimits & { malformed?: string }): ValidationError {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new ValidationError(limits.field, limits.tooLarge);
  if (code === 'FST_FILES_LIMIT') return new ValidationError(limits.field, limits.tooMany);
  // Everything else raised here comes from parsing the request body (busboy's "Boundary not
  // found", "Unexpected end of form", a premature close, a __proto__ part): the client's fault.
  return new ValidationError(limits.field, limits.malformed ?? MALFORMED_UPLOAD);
}

export interface MultipartFormLimits extends MultipartLimits {
  /** At most this many text fields, each at most `maxFieldBytes`. */
  maxFields: number;
  maxFieldBytes: number;
  /** Messages for a body that cannot be read to its end, and for a text field over its limit (named by the field). */
  malformed?: string;
  fieldTooLong?: string;
}

/** A page form sent as multipart: its text fields (a repeated name gives a list) and its files. */
export interface MultipartForm {
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
  /** What stopped the reading, if anything; `fields` and `files` then hold what arrived before it. */
  problem: ValidationError | null;
}

/**
 * Reads a page form that carries files as well as text fields, all into memory, so that nothing
 * is written before the whole body has arrived. Never throws for the body: a request that is not
 * multipart, files or fields over the limits and a malformed body come back as `problem` (naming
 * `limits.field`, or the text field that is too long) beside the fields read before it, so a page
 * can show the form again as it was typed. Parts without a file name and without bytes (an empty
 * file input) are skipped. On a MULTIPART_FORM route whose CSRF token came in the form, throws
 * the CSRF plugin's 403 error when the `_csrf` field is missing or wrong (it is left out of
 * `fields`).
 */
export async function readMultipartForm(req: FastifyRequest, limits: MultipartFormLimits): Promise<MultipartForm> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  const files: UploadedFile[] = [];
  if (!req.isMultipart()) return { fields, files, problem: new ValidationError(limits.field, limits.notMultipart) };
  let problem: ValidationError | null = null;
  try {
    const parts = req.parts({ limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: limits.maxFields, fieldSize: limits.maxFieldBytes } });
    // The body is read to its end even after a problem, so the reply never races an unread upload.
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // A file part may come without a name at all (busboy leaves it undefined).
        if (!problem && (part.filename || data.length > 0)) files.push({ filename: part.filename ?? '', data });
      } else if (part.valueTruncated) {
        problem ??= new ValidationError(part.fieldname, limits.fieldTooLong ?? `must be at most ${limits.maxFieldBytes} bytes`);
      } else if (!problem) {
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        const had = fields[part.fieldname];
        fields[part.fieldname] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
      }
    }
  } catch (err) {
    problem ??= uploadProblem(err, limits);
  }
  await checkFormToken(req, fields._csrf);
  delete fields._csrf;
  return { fields, files, problem };
}
