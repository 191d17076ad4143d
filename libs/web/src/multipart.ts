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
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ValidationError(limits.field, limits.tooLarge);
    if (code === 'FST_FILES_LIMIT') throw new ValidationError(limits.field, limits.tooMany);
    // Everything else raised here comes from parsing the request body (busboy's "Boundary not
    // found", "Unexpected end of form", a premature close, a __proto__ part): the client's fault.
    throw new ValidationError(limits.field, MALFORMED_UPLOAD);
  }
  return files;
}
