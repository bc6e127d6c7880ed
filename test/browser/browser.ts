import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's Chromium, headless; `--no-sandbox` because CI runs as root. `.ci/run` installs it when missing.
export const CHROMIUM = '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** The folder the screenshots go to, printed once so a reader can look at them. */
export function screenshotFolder(): string {
  const folder = join(tmpdir(), `leadger-dashboard-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  console.log(`dashboard screenshots: ${folder}`);
  return folder;
}

/** Every `data-figure` on the page with its raw `data-value`. */
export function figuresOn(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-figure]', (nodes) =>
    Object.fromEntries(nodes.map((n) => [n.getAttribute('data-figure'), n.getAttribute('data-value')])),
  );
}

/** The raw value a figure carries, as the page writes it: `null` for null, the number's text otherwise. */
export const raw = (value: number | string | boolean | null): string =>
  value === null ? 'null' : String(value);

export interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: number;
}

/** axe-core over the whole page: the serious and critical violations (WCAG 2 A and AA rules). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: typeof axe }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.length }));
  });
}
