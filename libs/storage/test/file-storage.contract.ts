import type { FileStorage } from '../src/file-storage.port';

export interface StorageSubject {
  storage: FileStorage;
  /** Removes whatever `make` created. */
  cleanup(): Promise<void>;
}

/** The behaviour every `FileStorage` adapter must show; call once per adapter. */
export function fileStorageContract(name: string, make: () => Promise<StorageSubject>): void {
  describe(`${name}: FileStorage contract`, () => {
    let s: StorageSubject;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(() => s.cleanup());

    it('gives back the bytes and the content type it was given', async () => {
      const data = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
      await s.storage.put('a1b2.png', data, 'image/png');
      const got = await s.storage.get('a1b2.png');
      expect(got).not.toBeNull();
      expect(got!.contentType).toBe('image/png');
      expect(Buffer.compare(got!.data, data)).toBe(0);
    });

    it('answers null for a key it does not hold', async () => {
      expect(await s.storage.get('missing.png')).toBeNull();
    });

    it('replaces a file put twice under the same key', async () => {
      await s.storage.put('same.jpg', Buffer.from('one'), 'image/jpeg');
      await s.storage.put('same.jpg', Buffer.from('two'), 'image/webp');
      const got = await s.storage.get('same.jpg');
      expect(got!.data.toString()).toBe('two');
      expect(got!.contentType).toBe('image/webp');
    });

    it('deletes a file, and deleting again or deleting an unknown key changes nothing', async () => {
      await s.storage.put('gone.png', Buffer.from('x'), 'image/png');
      await s.storage.delete('gone.png');
      expect(await s.storage.get('gone.png')).toBeNull();
      await expect(s.storage.delete('gone.png')).resolves.toBeUndefined();
      await expect(s.storage.delete('never-there.png')).resolves.toBeUndefined();
    });

    it('refuses keys that are paths, hold "..", or are empty, and finds nothing under them', async () => {
      for (const key of ['../escape.png', 'a/../../b', 'dir/file.png', '..', 'a..b', '', '.hidden', 'x'.repeat(129), 'a\\b']) {
        await expect(s.storage.put(key, Buffer.from('x'), 'image/png')).rejects.toMatchObject({ field: 'key' });
        expect(await s.storage.get(key)).toBeNull();
        await expect(s.storage.delete(key)).resolves.toBeUndefined();
      }
    });

    it('keeps files apart by key', async () => {
      await Promise.all(['k1', 'k2', 'k3'].map((k) => s.storage.put(k, Buffer.from(k), 'text/plain')));
      for (const k of ['k1', 'k2', 'k3']) expect((await s.storage.get(k))!.data.toString()).toBe(k);
    });

    it('reports itself healthy', async () => {
      expect(await s.storage.healthy()).toBe(true);
    });
  });
}
