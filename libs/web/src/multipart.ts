import type { FastifyRequest } from 'fastify';
import { ValidationError } from '@ocop/core';

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
 * file input) are skipped.
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
  return { fields, files, problem };
}
