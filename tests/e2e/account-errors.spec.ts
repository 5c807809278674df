// Each mistake a person makes at the door gets the right Vietnamese sentence.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, fillRegister, freshPhone, logIn, register, smsCode, snapshot } from './pages';

test('a wrong phone format is explained', async ({ page }) => {
  await fillRegister(page, '024 3825 1234', 'Lan', 'hoa sen tím 1975');
  await expect(page.getByText('Số điện thoại không hợp lệ. Nhập số di động Việt Nam, ví dụ 0912 345 678.')).toBeVisible();
  await snapshot(page, '10-register-errors');
});

test('a short password is explained', async ({ page }) => {
  await fillRegister(page, freshPhone(), 'Lan', 'ngắn');
  await expect(page.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeVisible();
});

test('registering sends a code first, and a wrong code is explained', async ({ page }) => {
  const phone = freshPhone();
  await fillRegister(page, phone, 'Lan', 'hoa sen tím 1975');
  await expect(page.getByText('Đã gửi mã. Mã có hiệu lực trong 10 phút.')).toBeVisible();
  const wrong = smsCode(phone) === '000000' ? '111111' : '000000';
  await page.getByLabel('Mã xác nhận (6 số)').fill(wrong);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Mã xác nhận không đúng hoặc đã hết hạn.')).toBeVisible();
  await snapshot(page, '12-register-code');
});

test('a phone already registered, once its code is back, is sent to log in', async ({ page }) => {
  await register(page, GIA_LAM_ADMIN, 'Hương', 'hoa sen tím 1975');
  await expect(page.getByText('Số điện thoại này đã được đăng ký. Hãy đăng nhập.')).toBeVisible();
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await logIn(page, GIA_LAM_ADMIN, 'sai mật khẩu');
  await expect(page.getByText('Số điện thoại hoặc mật khẩu không đúng.')).toBeVisible();
  await snapshot(page, '11-login-error');
});

test('the register form keeps her phone and name after a reload', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Số điện thoại').fill('0912 888 777');
  await page.getByLabel('Họ và tên').fill('Trần Thị Nhớ');
  await page.reload();
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('0912 888 777');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Thị Nhớ');
});

test('the demo admin logs in with the printed password', async ({ page }) => {
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
});
