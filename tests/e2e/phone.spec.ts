// A new SIM: she moves her account to the new number with the code texted to it.
import { expect, test } from '@playwright/test';
import { freshPhone, logIn, logOut, register, smsCode, snapshot } from './pages';

test('she changes her number with a code sent to the new one, and logs in with it', async ({ page }) => {
  const old = freshPhone();
  const fresh = `096${old.slice(3)}`;
  const password = 'mật khẩu của Sim 2026';
  await register(page, old, 'Nguyễn Thị Sim', password);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await page.goto('/me');
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Đổi số điện thoại' }) });
  await form.getByLabel('Số điện thoại mới').fill(fresh);
  await form.getByRole('button', { name: 'Gửi mã' }).click();
  await form.getByLabel('Mã xác nhận (6 số)').fill(smsCode(fresh));
  await form.getByLabel('Mật khẩu hiện tại').fill(password);
  await form.getByRole('button', { name: 'Đổi số' }).click();
  await expect(form.getByText('Đã đổi số. Từ nay chị đăng nhập bằng số mới.')).toBeVisible();
  await expect(page.getByText(`${fresh.slice(0, 4)} ${fresh.slice(4, 7)} ${fresh.slice(7)}`)).toBeVisible();
  await snapshot(page, '13-change-phone');
  await logOut(page);
  await logIn(page, fresh, password);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
});
