import { checkImage, detectImageType, MAX_IMAGE_BYTES, newMediaKey } from './media';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

describe('image checks', () => {
  it('recognises PNG, JPEG and WebP by their bytes', () => {
    expect(detectImageType(png)).toBe('image/png');
    expect(detectImageType(jpeg)).toBe('image/jpeg');
    expect(detectImageType(webp)).toBe('image/webp');
  });

  it('refuses text, a RIFF that is not WebP, GIF and SVG whatever the file is called', () => {
    expect(detectImageType(Buffer.from('hello, I am a .png'))).toBeNull();
    expect(detectImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]))).toBeNull();
    expect(detectImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(Buffer.from([0x89, 0x50]))).toBeNull();
  });

  it('names the field when an upload is empty, too large or not an image', () => {
    expect(() => checkImage(Buffer.alloc(0))).toThrow('file: is empty');
    const big = Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(() => checkImage(big, 'images')).toThrow('images: must be at most 5 MiB');
    expect(() => checkImage(Buffer.from('plain text'))).toThrow('file: must be a JPEG, PNG or WebP image');
    expect(checkImage(Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES - png.length)]))).toBe('image/png');
  });

  it('makes random keys with the extension of the type', () => {
    const a = newMediaKey('image/png');
    expect(a).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(newMediaKey('image/png')).not.toBe(a);
    expect(newMediaKey('image/jpeg')).toMatch(/\.jpg$/);
  });
});
