// Browser test of the designer against a running server, in Debian's Chromium driven by playwright-core (Playwright's own
// browser download does not work on these machines). Run by the .NET test DesignerBrowserTests, which starts the server,
// creates the people and keys, and passes them as JSON in argv[2]. Prints one line per check; exits 1 on the first failure.
// Screenshots go to the folder named in the input (runbook view, live run waiting at a gate, inbox).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, fail, launch, signIn as signInAt } from './session.mjs';

const input = JSON.parse(process.argv[2]);
const { baseUrl, operator, approver, owner, agentKey, screenshots } = input;
mkdirSync(screenshots, { recursive: true });

const browser = await launch();
const signIn = (person) => signInAt(browser, baseUrl, person);

try {
  const ops = await signIn(operator);
  check(true, `${operator.name} signed in`);

  // The runbook with no explicit gate: policy pauses its export step, and the graph says so before any run.
  await ops.goto(`${baseUrl}/runbooks/export-customer-data`);
  const gate = ops.locator('[data-step-id="export"][data-gate="policy"]');
  await gate.waitFor({ timeout: 20000 });
  const gateText = await gate.innerText();
  check(gateText.includes('group:data-owners'), 'the policy gate of export-customer-data names its approvers (group:data-owners)');
  check(gateText.includes('1h'), 'the policy gate shows its timeout (1h)');
  check(gateText.includes('data-exports-need-data-owners'), "the policy gate names the rule that injects it");
  await ops.screenshot({ path: join(screenshots, 'runbook-view.png') });

  // A run started over the API, watched live: the page is opened once and never reloaded.
  const started = await fetch(`${baseUrl}/api/runbooks/export-customer-data/runs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${agentKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ inputs: { ticket: 'GDPR-1234', purpose: 'quarterly churn analysis' }, reason: 'monthly report' }),
  });
  check(started.status === 202, 'a run of export-customer-data was started over the API');
  const runId = (await started.json()).run_id;
  await ops.goto(`${baseUrl}/runs/${runId}`);
  const waiting = ops.locator('[data-step-id="export"][data-status="waiting"]');
  await waiting.waitFor({ timeout: 30000 });
  check(true, 'the live run view shows the run waiting at the export gate');
  const pending = ops.locator('[data-step-id="export"] [data-pending-approvers]');
  await pending.waitFor({ timeout: 10000 });
  check((await pending.innerText()).includes(approver.name), `the waiting gate lists ${approver.name} as pending`);
  const countdown = ops.locator('[data-step-id="export"] [data-countdown]').last();
  const first = await countdown.innerText();
  await ops.waitForTimeout(2200);
  check((await countdown.innerText()) !== first, `the gate counts down to its deadline (${first} → ${await countdown.innerText()})`);
  await ops.screenshot({ path: join(screenshots, 'run-waiting-at-gate.png') });

  // The agent's owner may not decide: in the inbox, the buttons are disabled and say why.
  const ownerPage = await signIn(owner);
  await ownerPage.goto(`${baseUrl}/approvals`);
  await ownerPage.getByRole('button', { name: 'Review here' }).first().click();
  await ownerPage.locator('.approval button[disabled]', { hasText: 'Approve' }).waitFor({ timeout: 10000 });
  check((await ownerPage.locator('.approval').innerText()).includes('You own the agent'), "the requesting agent's owner sees Approve disabled, with the reason");

  // Another person approves from the inbox; the first page, never reloaded, sees the run complete.
  const approverPage = await signIn(approver);
  await approverPage.goto(`${baseUrl}/approvals`);
  await approverPage.locator('.cards li').first().waitFor({ timeout: 10000 });
  await approverPage.getByRole('button', { name: 'Review here' }).first().click();
  await approverPage.locator('.approval textarea').fill('ticket checked');
  await approverPage.screenshot({ path: join(screenshots, 'inbox.png') });
  await approverPage.locator('.approval button', { hasText: 'Approve' }).click();
  await approverPage.getByRole('status').filter({ hasText: 'Recorded: you approved' }).waitFor({ timeout: 10000 });
  check(true, `${approver.name} approved from the inbox`);
  await ops.locator('[data-run-status="succeeded"]').waitFor({ timeout: 30000 });
  check(true, 'the live run view shows the run succeeded without a reload');
  await ops.screenshot({ path: join(screenshots, 'run-succeeded.png') });

  // The run's audit trail, from the run view's link: the decision is there with who and through which channel.
  await ops.click('a[href^="/audit?run="]');
  const decided = ops.locator('[data-audit-kind="approval.decided"]');
  await decided.waitFor({ timeout: 10000 });
  const decidedText = await decided.innerText();
  check(decidedText.includes(approver.name) && decidedText.includes('web'), `the run's audit trail shows the decision by ${approver.name}, through the web`);
  await ops.screenshot({ path: join(screenshots, 'audit.png') });
} catch (error) {
  await fail(browser, error, screenshots, 'failure');
}
await browser.close();
