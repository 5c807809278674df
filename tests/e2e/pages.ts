// Page objects: how a person finds things on each page (by role and label, as she would).
import { execFileSync } from 'node:child_process';
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

/** The first sheet's rows of an XLSX, read by Python's zipfile (no spreadsheet library needed), each
 *  cell in its column. */
export function xlsxRows(path: string): string[][] {
  const script = `
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
shared = [re.sub(r'<[^>]+>', '', s) for s in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
for row in re.findall(r'<row[^>]*>(.*?)</row>', z.read('xl/worksheets/sheet1.xml').decode(), re.S):
    cells = []
    for attrs, value in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        v = re.search(r'<v>(.*?)</v>', value or '')
        v = v.group(1) if v else ''
        ref = re.search(r'r="([A-Z]+)', attrs)
        col = sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(ref.group(1)))) - 1 if ref else len(cells)
        cells.extend([''] * (col + 1 - len(cells)))  # empty cells are not written: keep columns in place
        cells[col] = shared[int(v)] if 't="s"' in attrs and v else v
    print('\\t'.join(cells))
`;
  return execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
}
