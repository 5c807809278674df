// Page objects: how a person finds things on each page (by role and label, as she would).
import { readSheet } from 'read-excel-file/node';
import { readFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'chihoiso2025';
export const GIA_LAM_ADMIN = '0912000001';
export const GIA_LAM_ADVISOR = '0912000003';

/** Every run registers new phones, so the suite can run twice against one database. */
export function freshPhone(): string {
  const tail = String(Date.now() % 10_000_000).padStart(7, '0');
  return `097${tail}`;
}

/** The register form filled and sent for a code: what a mistake is shown against. */
export async function fillRegister(page: Page, phone: string, name: string, password: string) {
  await page.goto('/register');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Gửi mã' }).click();
}

/** Registers as she would: the form, then the code texted to her phone. */
export async function register(page: Page, phone: string, name: string, password: string) {
  await fillRegister(page, phone, name, password);
  const code = page.getByLabel('Mã xác nhận (6 số)');
  await expect(code).toBeVisible();
  await code.fill(smsCode(phone));
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
}

/** The last code texted to `phone`: the test server writes its SMS to the file in SMS_OUTBOX. */
export function smsCode(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const e164 = digits.startsWith('0') ? `+84${digits.slice(1)}` : `+${digits}`;
  const outbox = process.env.SMS_OUTBOX;
  if (!outbox) throw new Error('SMS_OUTBOX is not set: run the suite with `cargo xtask test`');
  const lines = readFileSync(outbox, 'utf8').split('\n').filter((line) => line.startsWith(`${e164}\t`));
  const code = lines.at(-1)?.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code was texted to ${e164}`);
  return code;
}

export async function logIn(page: Page, phone: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Another woman's phone: a browser of her own at 390×844, signed in, accepting confirms. */
export async function signedIn(browser: Browser, phone: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.accept());
  await logIn(page, phone, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  return page;
}

/** A new woman on her own phone: registered with the code texted to her, with the demo's password
 *  so `signedIn` works for her too. Specs make the people they need, so none depends on which demo
 *  phone another spec signs in as, and any spec runs alone or in any order. */
export async function newPerson(browser: Browser, name: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'vi-VN' });
  const page = await context.newPage();
  const phone = freshPhone();
  await register(page, phone, name, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await context.close();
  return phone;
}

/** A new member of the Gia Lâm group (group 1): a new person who asks to join through the API
 *  and whom its admin (`admin`, signed in) approves. */
export async function newGiaLamMember(browser: Browser, admin: Page, name: string): Promise<string> {
  const phone = await newPerson(browser, name);
  const page = await signedIn(browser, phone);
  const group = await (await page.request.get('/api/groups/1')).json();
  const answers = group.questions.map(() => 'Tôi sống ở Gia Lâm');
  const asked = await page.request.post('/api/groups/1/membership', { data: { answers } });
  expect(asked.ok()).toBeTruthy();
  const me = await (await page.request.get('/api/me')).json();
  if ((await asked.json()).status !== 'active') {
    const approved = await admin.request.post(`/api/groups/1/requests/${me.id}`, { data: { approve: true } });
    expect(approved.ok()).toBeTruthy();
  }
  await page.context().close();
  return phone;
}

export async function logOut(page: Page) {
  await page.goto('/me');
  await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Đăng ký' }).first()).toBeVisible();
}

/** A full-page picture at phone size, kept for people to look at. */
export async function snapshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** The first sheet's rows of an XLSX as a spreadsheet program reads them (read-excel-file), each
 *  cell as text in its column, an empty cell as ''. */
export async function xlsxRows(path: string): Promise<string[][]> {
  const rows = await readSheet(path);
  return rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
}

/** A JPEG drawn by the browser itself: a gradient in the given hue. */
export async function photo(page: Page, hue: number) {
  const base64 = await page.evaluate(async (hue) => {
    const canvas = new OffscreenCanvas(480, 640);
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 480, 640);
    gradient.addColorStop(0, `hsl(${hue}, 70%, 65%)`);
    gradient.addColorStop(1, `hsl(${hue + 50}, 70%, 35%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, 480, 640);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    let text = '';
    for (const byte of new Uint8Array(await blob.arrayBuffer())) text += String.fromCharCode(byte);
    return btoa(text);
  }, hue);
  return { name: 'ao-dai.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}
