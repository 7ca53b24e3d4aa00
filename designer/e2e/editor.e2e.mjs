// Browser test of the runbook editor against a running server, in Debian's Chromium driven by playwright-core. Run by the
// .NET test DesignerBrowserTests, which starts the server with the runbook `maintenance-drill` (version 1), creates a
// designer and a reader, and passes them as JSON in argv[2]. Prints one line per check; exits 1 on the first failure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, fail, launch, signIn as signInAt } from './session.mjs';

const input = JSON.parse(process.argv[2]);
const { baseUrl, designer, reader, screenshots } = input;
const runbook = 'maintenance-drill';
mkdirSync(screenshots, { recursive: true });

const browser = await launch();
const signIn = (person) => signInAt(browser, baseUrl, person, { width: 1500, height: 950 });

const yamlOf = (page) => page.locator('[data-yaml-editor] .cm-content').innerText();

async function waitForYaml(page, predicate, what) {
  for (let i = 0; i < 100; i++) {
    if (predicate(await yamlOf(page))) return check(true, what);
    await page.waitForTimeout(100);
  }
  throw new Error(`check failed: ${what}; the YAML is:\n${await yamlOf(page)}`);
}

// Drags from the bottom handle of one node to the top handle of another, as a person connects two steps.
async function connect(page, from, to) {
  const source = page.locator(`.react-flow__node:has([data-step-id="${from}"]) .react-flow__handle-bottom`);
  const target = page.locator(`.react-flow__node:has([data-step-id="${to}"]) .react-flow__handle-top`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

try {
  const page = await signIn(designer);
  await page.goto(`${baseUrl}/runbooks/${runbook}`);
  await page.click('[data-edit-runbook]');
  await page.locator('[data-yaml-editor] .cm-content').waitFor({ timeout: 20000 });
  await page.locator('[data-version="1"]').waitFor({ timeout: 10000 });
  check(true, `${designer.name} opened version 1 of ${runbook} in the editor`);

  // An http.request step from the palette at the end, then a gate from the palette before it.
  await page.click('[data-step-id="announce"]');
  await page.click('.palette [data-activity="http.request"]');
  await page.locator('[data-step-id="http-request"]').waitFor({ timeout: 10000 });
  await waitForYaml(page, (y) => y.includes('uses: http.request'), 'the palette added an http.request step, and the YAML shows it');
  await page.click('[data-step-id="announce"]');
  await page.click('.palette [data-activity="approval"]');
  await page.locator('[data-step-id="approval"][data-gate="explicit"]').waitFor({ timeout: 10000 });
  await waitForYaml(page, (y) => y.indexOf('uses: approval') > 0 && y.indexOf('uses: approval') < y.indexOf('uses: http.request'), 'a gate added from the palette sits before the http.request step');

  // Connect the gate to the http step by dragging; the YAML routes the approval there.
  await page.waitForTimeout(500);
  await connect(page, 'approval', 'http-request');
  await waitForYaml(page, (y) => /approved: http-request/.test(y), 'dragging from the gate to the http.request step routes approved to it in the YAML');
  check((await yamlOf(page)).includes('# kept as written'), 'the comments of the YAML survived the graph edits');
  await page.screenshot({ path: join(screenshots, 'editor.png') });

  // A broken template typed in the panel: the error shows on the node, on the field and in the YAML gutter.
  await page.click('[data-step-id="http-request"]');
  const url = page.locator('[data-step-panel="http-request"] [data-field="with.url"] input');
  await url.fill('https://status.example.com/{{ inputs.window ');
  const issue = page.locator('[data-step-id="http-request"] [data-issue]');
  await issue.waitFor({ timeout: 15000 });
  check(true, `the broken template shows on the node: ${(await issue.innerText()).slice(0, 80)}`);
  await page.locator('[data-step-panel="http-request"] [data-field="with.url"] [data-field-issue]').waitFor({ timeout: 5000 });
  check(true, 'and under the url field of the panel');
  await page.locator('.cm-lint-marker-error').first().waitFor({ timeout: 5000 });
  check(true, 'and in the YAML gutter');
  await page.screenshot({ path: join(screenshots, 'editor-error.png') });

  await url.fill('https://status.example.com/{{ inputs.window }}');
  await issue.waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('[data-validation="valid"]').waitFor({ timeout: 15000 });
  check(true, 'fixing the template clears the error');

  // Save publishes version 2; after a reload the editor opens version 2 with the change and the comments.
  await page.click('[data-save]');
  await page.getByRole('status').filter({ hasText: 'Published version 2' }).waitFor({ timeout: 15000 });
  await page.reload();
  await page.locator('[data-version="2"]').waitFor({ timeout: 20000 });
  const saved = await yamlOf(page);
  check(saved.includes('uses: http.request') && saved.includes('approved: http-request') && saved.includes('version: 2'), 'after a reload the editor opens version 2 with the new steps');
  check(saved.includes('# kept as written') && saved.includes('# Tell people first.'), 'and with every comment');
  const designerEntry = page.locator('[data-version-entry="2"][data-origin="designer"]');
  await designerEntry.waitFor({ timeout: 10000 });
  check((await designerEntry.innerText()).includes(designer.name), `the version list says ${designer.name} saved version 2`);
  await page.locator('[data-version-entry="2"] input[type=checkbox]').check();
  await page.locator('[data-version-entry="1"] input[type=checkbox]').check();
  const diff = page.locator('[data-diff]');
  await diff.waitFor({ timeout: 10000 });
  check((await diff.locator('.diff-added').allInnerTexts()).some((l) => l.includes('uses: http.request')), 'the diff of versions 1 and 2 shows the added step');

  // A dry run from the form generated from the inputs waits at the new gate.
  await page.locator('summary', { hasText: 'Dry run' }).click();
  await page.locator('[data-dry-run] [data-input="window"] input').fill('Saturday 02:00-04:00 UTC');
  await Promise.all([page.waitForURL(/\/runs\/[0-9a-f]+$/), page.click('[data-dry-run] button[type=submit]')]);
  await page.locator('[data-step-id="approval"][data-status="waiting"]').waitFor({ timeout: 30000 });
  check(true, 'the dry run of version 2 waits at the new gate');
  await page.screenshot({ path: join(screenshots, 'editor-dry-run.png') });

  // Someone outside designers: no edit controls, and a save forged from their session is refused.
  const other = await signIn(reader);
  await other.goto(`${baseUrl}/runbooks/${runbook}`);
  await other.locator('[data-step-id="approval"]').waitFor({ timeout: 20000 });
  check((await other.locator('[data-edit-runbook]').count()) === 0, `${reader.name} sees no edit link on the runbook`);
  await other.goto(`${baseUrl}/runbooks/${runbook}/edit`);
  await other.locator('[data-read-only]').waitFor({ timeout: 20000 });
  check((await other.locator('[data-save], .palette, [data-yaml-editor]').count()) === 0, `${reader.name} opening the editor gets the read-only view without palette, YAML or save`);
  const forged = await other.evaluate(async (id) => {
    const token = decodeURIComponent((document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/) ?? [])[1] ?? '');
    const response = await fetch(`/api/runbooks/${id}/source`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token },
      body: JSON.stringify({ yaml: `id: ${id}\nversion: 3\nsteps:\n  - id: x\n    uses: notify\n    with: { message: forged }\n`, base_hash: null }),
    });
    return response.status;
  }, runbook);
  check(forged === 403, `a save forged from ${reader.name}'s session is refused (${forged})`);
} catch (error) {
  await fail(browser, error, screenshots, 'editor-failure');
}
await browser.close();
