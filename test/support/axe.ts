import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '@ocop/core';

/** axe-core's own build, evaluated in each page (a script tag would not run with JavaScript off). */
const AXE_SOURCE = readFileSync(join(projectRoot(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules on the page as it stands and answers what fails:
 * every serious or critical violation, and every serious or critical check axe could not decide
 * (ARIA it cannot vouch for, say); undecided colour contrast (text over a picture) is left to a
 * person's eye.
 */
export async function axeFindings(page: Page): Promise<{ result: AxeResult; undecided: boolean }[]> {
  await page.evaluate(AXE_SOURCE);
  const { violations, incomplete } = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations', 'incomplete'] })`)) as {
    violations: AxeResult[];
    incomplete: AxeResult[];
  };
  return [...violations.map((result) => ({ result, undecided: false })), ...incomplete.filter((r) => r.id !== 'color-contrast').map((result) => ({ result, undecided: true }))].filter(({ result }) =>
    BLOCKING.has(result.impact ?? ''),
  );
}
