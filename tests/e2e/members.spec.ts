// An older member forgot her password: the admin resets it from the member list and reads the
// temporary password to her over the phone; she logs in with it.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, logIn, snapshot } from './pages';

test('an admin resets a member password and she logs in with the temporary one', async ({ page, browser }) => {
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  // Her group in "Nhóm của tôi" (the to-do card above names it too).
  await page.getByRole('navigation', { name: 'Nhóm của tôi' }).getByRole('link', { name: /Phụ nữ Gia Lâm/ }).click();
  await page.getByRole('link', { name: 'Thành viên nhóm' }).click();
  const member = page.getByRole('listitem').filter({ hasText: 'Phạm Thị Hoa' });
  await expect(member).toContainText('Chưa là hội viên');
  await member.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await member.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  const temporary = (await member.locator('.temporary').textContent()) ?? '';
  expect(temporary).toMatch(/^[a-z]+-[a-z]+-\d{4}$/);
  await snapshot(page, '30-admin-members');

  const herPhone = await browser.newContext();
  const her = await herPhone.newPage();
  await logIn(her, '0987000002', temporary);
  await expect(her.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await herPhone.close();
});

test('the forgot-password page asks for her phone first', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await expect(page.getByRole('heading', { name: 'Lấy lại mật khẩu' })).toBeVisible();
  await page.getByLabel('Số điện thoại').fill('0987000003');
  await page.getByRole('button', { name: 'Gửi mã' }).click();
  await expect(page.getByText('Đã gửi mã. Mã có hiệu lực trong 10 phút.')).toBeVisible();
  await snapshot(page, '31-forgot-password');
});

test('a phone only 320 px wide still shows the whole shell', async ({ browser }) => {
  const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true });
  const page = await narrow.newPage();
  await page.goto('/groups?q=gia%20lam');
  await expect(page.getByRole('link', { name: /Phụ nữ Gia Lâm/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshot(page, '32-directory-320px');
  await narrow.close();
});
