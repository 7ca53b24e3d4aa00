// What both browser tests share: Debian's Chromium driven by playwright-core (Playwright's own browser download does not
// work on these machines), one line per check, signing in through the real sign-in page, and on failure a screenshot and
// the text of every open page for the artifacts.
import { chromium } from 'playwright-core';
import { join } from 'node:path';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok - ${what}`);
}

export async function signIn(browser, baseUrl, person, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/auth/signin`);
  await page.fill('#username', person.name);
  await page.fill('#password', person.password);
  await Promise.all([page.waitForURL(`${baseUrl}/auth/me`), page.click('button[type=submit]')]);
  return page;
}

/** Reports the failure, saves what each open page showed under `prefix`, closes the browser and exits 1. */
export async function fail(browser, error, screenshots, prefix) {
  console.log(`not ok - ${error.message}`);
  for (const [i, context] of browser.contexts().entries())
    for (const [j, page] of context.pages().entries()) {
      await page.screenshot({ path: join(screenshots, `${prefix}-${i}-${j}.png`) }).catch(() => {});
      console.log(`page ${i}-${j} at ${page.url()}: ${(await page.locator('main').innerText().catch(() => '')).slice(0, 900).replace(/\s+/g, ' ')}`);
    }
  await browser.close();
  process.exit(1);
}
