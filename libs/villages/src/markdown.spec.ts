import { pickText, renderMarkdown, teaser } from './markdown';

describe('renderMarkdown', () => {
  it('keeps basic formatting and ordinary links', () => {
    const html = renderMarkdown('Hello **world** and *you*\n\n- one\n- two\n\n[site](https://example.org/a)');
    expect(html).toContain('<strong>world</strong>');
    expect(html).toContain('<em>you</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://example.org/a" rel="nofollow noopener">site</a>');
  });

  it('removes script tags, event handlers and javascript: addresses', () => {
    const html = renderMarkdown(
      'Hi <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)" onclick="x()">b</a>\n\n<p style="color:red" onmouseover="alert(5)">p</p>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/alert\(1\)/);
    expect(html).not.toMatch(/onerror|onclick|onmouseover/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<img|style=/i);
  });
});

describe('pickText', () => {
  it('falls back to English, then Vietnamese, for shoppers abroad and says so', () => {
    expect(pickText({ vi: 'Xin chào', en: 'Hello', de: 'Hallo' }, 'de')).toEqual({ text: 'Hallo', lang: 'de', fallback: false });
    expect(pickText({ vi: 'Xin chào', en: 'Hello' }, 'de')).toEqual({ text: 'Hello', lang: 'en', fallback: true });
    expect(pickText({ vi: 'Xin chào' }, 'id')).toEqual({ text: 'Xin chào', lang: 'vi', fallback: true });
    expect(pickText({ vi: 'Xin chào', en: 'Hello' }, 'vi')).toEqual({ text: 'Xin chào', lang: 'vi', fallback: false });
    expect(pickText({}, 'en')).toEqual({ text: '', lang: null, fallback: false });
  });
});

describe('teaser', () => {
  it('drops formatting and cuts at a word', () => {
    expect(teaser('**Bold** _and_ [a link](https://x.org)')).toBe('Bold and a link');
    expect(teaser('word '.repeat(100), 20)).toBe('word word word word…');
  });
});
