import type { FastifyRequest } from 'fastify';
import { MAX_IMAGE_BYTES } from '@ocop/storage';
import { readMultipartFiles } from '@ocop/web';

const MAX_FILES = 10;

/**
 * The files of an API upload as buffers, read to the end before anything is stored (form fields
 * are ignored; pages read their forms with `readProductForm`). Parts without a
 * file name, which browsers send for an empty file input, are skipped. Throws
 * ValidationError('file') for a non-multipart request, a file over 5 MiB, more than 10 files, or a
 * body that is incomplete or malformed.
 */
export async function readUploadedFiles(req: FastifyRequest): Promise<Buffer[]> {
  const files = await readMultipartFiles(req, {
    field: 'file',
    maxFileBytes: MAX_IMAGE_BYTES,
    maxFiles: MAX_FILES,
    notMultipart: 'send the images as multipart/form-data',
    tooLarge: 'must be at most 5 MiB',
    tooMany: `send at most ${MAX_FILES} images at once`,
  });
  return files.map((f) => f.data);
}
