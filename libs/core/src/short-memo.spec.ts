import { ShortMemo } from './short-memo';

describe('ShortMemo', () => {
  it('shares one read among the requests of its window, reads again after it, and never keeps a failure', async () => {
    const memo = new ShortMemo<number>(40);
    let reads = 0;
    const load = () => Promise.resolve(++reads);
    expect(await Promise.all([memo.get('a', load), memo.get('a', load)])).toEqual([1, 1]);
    expect(await memo.get('b', load)).toBe(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(await memo.get('a', load)).toBe(3);

    await expect(memo.get('c', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    await Promise.resolve();
    expect(await memo.get('c', load)).toBe(4);
  });

  it('forgets the oldest key beyond its size', async () => {
    const memo = new ShortMemo<string>(60_000, 2);
    let reads = 0;
    const load = (k: string) => () => Promise.resolve(`${k}${++reads}`);
    await memo.get('a', load('a'));
    await memo.get('b', load('b'));
    await memo.get('c', load('c'));
    expect(await memo.get('b', load('b'))).toBe('b2');
    expect(await memo.get('a', load('a'))).toBe('a4');
  });
});
