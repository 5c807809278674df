// "Vào Hội": a visitor applies from a group page without an account and without giving her
// sensitive data; the commune's admin contacts and admits her; she registers with the same phone
// and finds the decision, her profile marked as a Hội member, and who looked at her application.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, freshPhone, logIn, register, snapshot } from './pages';

const COMMUNE_ADMIN = '0912000010';

test('a visitor applies, the commune admits her, and she sees it after registering', async ({ page, browser }) => {
  const phone = freshPhone();
  const name = `Nguyễn Thị Thử ${phone.slice(-4)}`;

  // From the Gia Lâm group's page, signed out.
  await page.goto('/groups?q=gia%20lam');
  await page.getByRole('link', { name: /Phụ nữ Gia Lâm/ }).click();
  await page.getByRole('link', { name: /Vào Hội LHPN Việt Nam/ }).click();
  await expect(page.getByRole('heading', { name: 'Vào Hội LHPN Việt Nam' })).toBeVisible();

  await page.getByLabel('Họ và tên', { exact: true }).fill(name);
  await page.getByLabel('Ngày sinh', { exact: true }).fill('1990-03-08');
  await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
  await page.getByLabel('Tỉnh/thành phố', { exact: true }).selectOption({ label: 'Thành phố Hà Nội' });
  await page.getByLabel('Xã/phường', { exact: true }).fill('gia lam');
  await page.getByRole('button', { name: 'Xã Gia Lâm', exact: true }).click();
  await page.getByLabel('Nghề nghiệp', { exact: true }).fill('Nội trợ');
  await page.getByLabel('Trình độ học vấn', { exact: true }).selectOption('Trung học phổ thông');

  // A reload keeps what she typed (the consent ticks are asked for again, on purpose).
  await page.reload();
  await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue(name);
  await expect(page.getByText('Xã Gia Lâm, Thành phố Hà Nội')).toBeVisible();

  // Nothing is consented by silence: sending without the tick names the missing consent.
  await page.getByRole('button', { name: 'Gửi đơn' }).click();
  await expect(page.getByText('Cần chị đồng ý mục này thì Hội mới xử lý được đơn.')).toBeVisible();
  // Religion without its own consent is refused too; she clears it rather than consent.
  await page.getByLabel('Tôn giáo', { exact: true }).selectOption('Phật giáo');
  await page.getByLabel(/xét kết nạp tôi vào Hội/).check();
  await page.getByRole('button', { name: 'Gửi đơn' }).click();
  await expect(page.getByText(/hãy đánh dấu đồng ý, hoặc bỏ trống/)).toBeVisible();
  await page.getByLabel('Tôn giáo', { exact: true }).selectOption('');
  await expect(page.getByText(/hãy đánh dấu đồng ý, hoặc bỏ trống/)).toBeHidden();
  await expect(page.getByLabel(/dữ liệu cá nhân nhạy cảm/)).not.toBeChecked();
  await snapshot(page, '60-join-hoi-form');
  await page.getByRole('button', { name: 'Gửi đơn' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi đơn' })).toBeVisible();
  await expect(page.getByText('Xã Gia Lâm, Thành phố Hà Nội')).toBeVisible();
  await snapshot(page, '61-join-hoi-sent');

  // The commune's admin finds it, contacts her, then admits her.
  const office = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const admin = await office.newPage();
  await logIn(admin, COMMUNE_ADMIN, DEMO_PASSWORD);
  await expect(admin.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await admin.goto('/join-hoi');
  await admin.getByRole('link', { name: 'Xem và xử lý đơn' }).click();
  await admin.getByRole('button', { name: 'Mới gửi', exact: true }).click();
  await admin.getByRole('link', { name: new RegExp(name) }).click();
  await expect(admin.getByText('Nội trợ')).toBeVisible();
  await expect(admin.getByText('Dân tộc', { exact: true })).toHaveCount(0);
  await admin.getByLabel('Ghi chú nội bộ').fill('Đã gọi, hẹn gặp tại nhà văn hoá thôn');
  await admin.getByRole('button', { name: 'Đã liên hệ', exact: true }).click();
  await expect(admin.locator('.badge.status-contacted').first()).toBeVisible();
  await admin.getByRole('button', { name: 'Kết nạp', exact: true }).click();
  await expect(admin.locator('.badge.status-admitted').first()).toBeVisible();
  await snapshot(admin, '62-join-hoi-review');
  await admin.getByRole('link', { name: /Đơn xin vào Hội/ }).click();
  await expect(admin.getByRole('link', { name: new RegExp(name) })).toBeVisible();
  await snapshot(admin, '63-join-hoi-pipeline');
  await office.close();

  // She registers with the same phone and finds the decision and her profile updated.
  const herPhone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const her = await herPhone.newPage();
  await register(her, phone, name, 'mật khẩu của Thử 2025');
  await expect(her.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await her.goto('/join-hoi');
  await expect(her.getByRole('heading', { name: 'Đơn của chị' })).toBeVisible();
  await expect(her.locator('.badge.status-admitted')).toHaveText('Đã kết nạp');
  await expect(her.getByText('Mới cập nhật')).toBeVisible();
  await expect(her.getByText('Chị đã là hội viên Hội LHPN Việt Nam.')).toBeVisible();
  await expect(her.getByRole('button', { name: 'Gửi đơn' })).toHaveCount(0);
  await snapshot(her, '64-join-hoi-admitted');
  await her.goto('/me');
  await expect(her.getByLabel('Tôi đã là hội viên Hội LHPN')).toBeChecked();
  await her.getByRole('link', { name: 'Dữ liệu của tôi' }).click();
  await expect(her.getByText(/Nguyễn Thị Tuyết đã xem/).first()).toBeVisible();
  await snapshot(her, '65-my-data');
  await herPhone.close();
});
