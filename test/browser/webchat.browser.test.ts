import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../adapters/config';
import { createApp, type App } from '../../adapters/server';
import { MemoryTurnLock } from '../../bot/state';
import { harness } from '../helpers/bot';
import { STAFF_PASSWORD, STAFF_USER, staffApp } from '../helpers/staff-app';

/**
 * Debian's Chromium (`.ci/run` installs it when missing). Outside CI the test is skipped if it is absent.
 * Playwright launches it with a fresh temporary profile.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

run('web chat in headless Chromium', () => {
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const h = await harness();
    app = await createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1' }), { bot: h.bot, lock: new MemoryTurnLock(), ready: () => true, log: () => undefined });
    base = await app.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens the page, asks a question, sees the answer with its source, clicks a suggested action, sees the next answer', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 780 } });
    await page.goto(`${base}/`);
    await page.getByText('Trợ lý hỏi đáp COVID-19', { exact: false }).first().waitFor();
    await page.getByText('trợ lý tự động', { exact: false }).first().waitFor({ timeout: 20_000 });

    const input = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
    await input.fill('f1 co phai cach ly ko');
    await input.press('Enter');
    await page.getByText('Nguồn: CV 1909/BYT-DP', { exact: false }).first().waitFor({ timeout: 20_000 });

    const before = await page.getByText('Nguồn:', { exact: false }).count();
    await page.getByRole('button', { name: 'F1 (người tiếp xúc gần) là ai?' }).first().click();
    await page.waitForFunction(
      // biome-ignore lint/performance/useDomNodeTextContent: only the rendered (visible) answers are counted
      (n) => (((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.match(/Nguồn:/g) ?? []) as string[]).length > n,
      before,
      { timeout: 20_000 },
    );
    expect(await page.getByText('Nguồn:', { exact: false }).count()).toBeGreaterThan(before);
    await page.screenshot({ path: join(tmpdir(), 'webchat-e2e.png') });
  }, 180_000);

  it('switches the page to English and gets an English answer with its source', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/`);
    await page.getByText('trợ lý tự động', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Switch to English/ }).click();
    await page.getByText('Switched to English', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
    await page.getByText('COVID-19 Q&A assistant', { exact: false }).first().waitFor();
    const input = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
    await input.fill('how to read rapid test result, one line or two lines?');
    await input.press('Enter');
    await page.getByText('Source: ', { exact: false }).first().waitFor({ timeout: 20_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: only the rendered (visible) answer is read
    const text = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
    expect(text).toMatch(/line C/);
    expect(text).not.toMatch(/Nguồn:/);
    await page.screenshot({ path: join(tmpdir(), 'webchat-english.png') });
  }, 180_000);

  it('on a phone, an emergency shows its first line inside the viewport with a working tel:115 button', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/`);
    await page.getByText('trợ lý tự động', { exact: false }).first().waitFor({ timeout: 20_000 });
    // Web Chat opens call actions with window.open: record what it opens.
    await page.evaluate(() => {
      const w = globalThis as unknown as { open: (url: string) => null; opened: string[] };
      w.opened = [];
      w.open = (url: string) => {
        w.opened.push(String(url));
        return null;
      };
    });
    const input = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
    await input.fill('bo em sp02 91, tho doc qua');
    await input.press('Enter');
    await page.getByText('Trong lúc chờ cấp cứu', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500); // let Web Chat finish scrolling
    const first = page.getByText('⚠️ Gọi ngay 115: SpO2 91%', { exact: false }).first();
    const box = await first.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await page.screenshot({ path: join(tmpdir(), 'webchat-emergency.png') });
    await page.getByRole('button', { name: 'Gọi 115' }).first().click();
    const opened = await page.evaluate(() => (globalThis as unknown as { opened: string[] }).opened);
    expect(opened).toContain('tel:115');
  }, 180_000);

  it('staff: sign in, find "test nhanh 2 vạch" typed without accents, copy the ready reply', async () => {
    const staff = await staffApp();
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: staff.base });
    const page = await context.newPage();
    try {
      await page.goto(`${staff.base}/staff`);
      expect(page.url()).toMatch(/\/staff\/login$/);
      await page.fill('input[name="user"]', STAFF_USER);
      await page.fill('input[name="password"]', STAFF_PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/staff$/);
      await page.fill('#q', 'test nhanh 2 vach');
      await page.getByText('Cách đọc kết quả test nhanh', { exact: false }).first().waitFor({ timeout: 10_000 });
      const item = page.locator('li.r', { hasText: 'Cách đọc kết quả test nhanh' }).first();
      await item.getByRole('button', { name: 'Sao chép câu trả lời' }).click();
      await item.getByText('Đã sao chép').waitFor();
      const copied = await page.evaluate(() =>
        (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
      );
      expect(copied).toMatch(/vạch C/);
      expect(copied).toMatch(/Nguồn: /);
      await page.screenshot({ path: join(tmpdir(), 'staff-e2e.png') });
    } finally {
      await context.close();
      await staff.cleanup();
    }
  }, 180_000);
});
