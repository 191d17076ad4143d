import { chromium, type Browser } from 'playwright-core';

/** The Chromium the test runner found (Debian's `chromium`), or undefined: browser suites skip. */
export const chromiumPath = process.env.OCOP_TEST_CHROMIUM;

/**
 * Headless Chromium as root on a machine without outside network: no sandbox, and none of the
 * background connections it would otherwise keep trying. playwright-core gives every launch a
 * fresh, empty profile directory of its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
