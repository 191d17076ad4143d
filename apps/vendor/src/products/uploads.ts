import type { FastifyRequest } from 'fastify';
import { ValidationError } from '@ocop/core';
import { MAX_IMAGE_BYTES } from '@ocop/storage';

const MAX_FILES = 10;

/**
 * The files of a multipart upload as buffers (form fields are ignored; a page form carries its
 * CSRF token in the query string). Parts without a file name, which browsers send for an empty
 * file input, are skipped. Throws ValidationError('file') for a non-multipart request, a file over
 * 5 MiB or more than 10 files.
 */
export async function readUploadedFiles(req: FastifyRequest): Promise<Buffer[]> {
  if (!req.isMultipart()) throw new ValidationError('file', 'send the images as multipart/form-data');
  const files: Buffer[] = [];
  try {
    for await (const part of req.files({ limits: { fileSize: MAX_IMAGE_BYTES, files: MAX_FILES } })) {
      const data = await part.toBuffer();
      if (part.filename || data.length > 0) files.push(data);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ValidationError('file', 'must be at most 5 MiB');
    if (code === 'FST_FILES_LIMIT') throw new ValidationError('file', `send at most ${MAX_FILES} images at once`);
    throw err;
  }
  return files;
}
