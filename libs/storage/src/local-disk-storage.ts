import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ValidationError } from '@ocop/core';
import { FileStorage, isStorageKey, type StoredFile } from './file-storage.port';

// The content type lives in a sidecar file; `~` never appears in a key, so no key can clash with it.
const TYPE_SUFFIX = '~type';

/**
 * Files in a local directory: for one machine (`npm start`) or a volume every replica mounts.
 * Each file is written to a temporary name and renamed into place, so a reader never sees half a
 * file. Keys are checked before any path is built, so a key can never leave the directory.
 */
export class LocalDiskStorage extends FileStorage {
  readonly kind = 'local-disk';
  private readonly dir: string;
  private ready: Promise<void> | null = null;

  constructor(dir: string) {
    super();
    this.dir = isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).then(
      () => undefined,
      (err) => {
        this.ready = null;
        throw err;
      },
    );
    return this.ready;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    if (!isStorageKey(key)) throw new ValidationError('key', 'must be 1–128 letters, digits, ".", "_" or "-" without ".."');
    await this.ensureDir();
    const tmp = join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
    await writeFile(join(this.dir, key + TYPE_SUFFIX), contentType, 'utf8');
    await writeFile(tmp, data);
    await rename(tmp, join(this.dir, key));
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isStorageKey(key)) return null;
    try {
      const [data, contentType] = await Promise.all([readFile(join(this.dir, key)), readFile(join(this.dir, key + TYPE_SUFFIX), 'utf8')]);
      return { data, contentType };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await rm(join(this.dir, key), { force: true });
    await rm(join(this.dir, key + TYPE_SUFFIX), { force: true });
  }

  async healthy(): Promise<boolean> {
    try {
      await this.ensureDir();
      await access(this.dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}
