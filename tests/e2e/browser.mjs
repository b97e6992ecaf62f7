// Debian's chromium driven by playwright-core, headless, with no network of its own.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const SHOTS = path.resolve('test-output/e2e');
mkdirSync(SHOTS, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// A full-page picture under test-output/e2e for people to look at; SHIAN_E2E_SHOTS=0 (the browser suite's
// second run, on PostgreSQL) keeps the first run's pictures and saves their encoding.
export async function shot(page, name) {
  if (process.env.SHIAN_E2E_SHOTS === '0') return;
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export async function login(browser, base, username, password = 'Shian@2026') {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/#/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('#stat-total, #todo, #password-form'); // an official's home, a business's to-do list, or a password to replace
  page.jsErrors = errors;
  return page;
}

export const PHONE = { width: 390, height: 844 };

// Signs in and watches the console: an error is allowed only while a test expects the API to refuse
// something (the browser logs the 400 it answered; see refused()). phone: at the phone's size.
export async function openWatched(browser, base, username, phone) {
  const page = watchConsole(await login(browser, base, username));
  if (phone) await page.setViewportSize(PHONE);
  return page;
}

// Collects the page's console errors (see refused() for the ones a test expects).
function watchConsole(page) {
  page.consoleErrors = [];
  page.refusing = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (page.refusing && /status of 400/.test(m.text())) return;
    page.consoleErrors.push(m.text());
  });
  return page;
}

// A resident's browser on the public pages: no sign-in, script and console errors watched from the
// first request on. phone: at the phone's size.
export async function openAnonymous(browser, phone) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: phone ? PHONE : { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.jsErrors = [];
  page.on('pageerror', (e) => page.jsErrors.push(e.message));
  return watchConsole(page);
}

// Runs an action the API is expected to refuse with a 400.
export async function refused(page, action) {
  page.refusing = true;
  try { await action(); } finally { page.refusing = false; }
}

export async function noOverflow(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) throw new Error(`${where}: page is ${overflow}px wider than the phone`);
}

// No script error and no console error on the page so far.
export function clean(page) {
  if (page.jsErrors.length || page.consoleErrors.length)
    throw new Error(`page errors: ${JSON.stringify({ js: page.jsErrors, console: page.consoleErrors })}`);
}

// words a Chinese page may carry: the analyser's and the standards' own names
const ALLOWED_WORDS = new Set(['shian', 'vision']);

// The English words and enum values in the page's text as shown (language.test.mjs): codes a person
// copies (.mono, code, .map-label) and form controls are not read.
export async function englishWords(page) {
  const text = await page.evaluate(() => {
    const main = (document.querySelector('main') || document.body).cloneNode(true); // public pages have no main
    for (const el of main.querySelectorAll('.mono, code, .map-label, select, input, textarea, .field-error')) el.remove();
    return main.innerText;
  });
  return [...new Set(text.match(/\b[a-z][a-z_]{3,}\b/g) || [])].filter((w) => !ALLOWED_WORDS.has(w));
}
