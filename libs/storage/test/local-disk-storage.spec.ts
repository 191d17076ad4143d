import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from '../src/local-disk-storage';
import { fileStorageContract } from './file-storage.contract';

fileStorageContract('LocalDiskStorage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-storage-'));
  return { storage: new LocalDiskStorage(join(dir, 'uploads')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('LocalDiskStorage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-storage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its directory on first use and writes nothing outside it', async () => {
    const storage = new LocalDiskStorage(join(dir, 'deep', 'uploads'));
    await storage.put('a.png', Buffer.from('x'), 'image/png');
    expect(readdirSync(join(dir, 'deep', 'uploads')).filter((f) => !f.includes('~'))).toEqual(['a.png']);
    await expect(storage.put('../outside.png', Buffer.from('x'), 'image/png')).rejects.toThrow();
    expect(existsSync(join(dir, 'deep', 'outside.png'))).toBe(false);
  });

  it('does not serve a file next to its directory through a crafted key', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const storage = new LocalDiskStorage(join(dir, 'uploads'));
    expect(await storage.get('../secret.txt')).toBeNull();
  });

  it('reports itself unhealthy when its directory cannot be made', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    expect(await new LocalDiskStorage(join(dir, 'a-file', 'uploads')).healthy()).toBe(false);
  });
});
