// The shell and the pages around joining, looked at as a person would on a phone.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, GIA_LAM_ADVISOR, logIn, snapshot } from './pages';

test('the tab bar reaches every tab and a deep link opens directly', async ({ page }) => {
  await page.goto('/groups?q=cam%20le');
  await expect(page.getByRole('link', { name: /Thanh Xuân Cẩm Lệ/ })).toBeVisible();
  for (const [tab, text] of [
    ['Cuộc thi', 'Cuộc thi tìm hiểu'],
    ['Khảo sát', 'Khảo sát nhu cầu'],
    ['Vào Hội', 'Phụ nữ Việt Nam từ đủ 18 tuổi'],
  ]) {
    await page.getByRole('navigation').getByRole('link', { name: tab }).click();
    await expect(page.getByText(text)).toBeVisible();
  }
  await snapshot(page, '20-tabs');
  const tabs = page.getByRole('navigation').getByRole('link');
  for (const box of await tabs.evaluateAll((links) => links.map((l) => l.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(44);
  }
});

test('her profile sets the home commune found without diacritics, and large text persists', async ({ page }) => {
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Tôi' }).click();
  await page.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Thành phố Đà Nẵng' });
  await page.getByLabel('Xã/phường').fill('cam le');
  await page.getByRole('button', { name: 'Phường Cẩm Lệ' }).click();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã lưu')).toBeVisible();
  await page.getByLabel('Chữ lớn').check();
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await expect(page.getByText('Phường Cẩm Lệ')).toBeVisible();
  await snapshot(page, '21-profile-large-text');
  await page.getByLabel('Chữ lớn').uncheck();
});

test('the switch shows the app in English', async ({ page }) => {
  await page.goto('/me');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Feed' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Bảng tin' })).toBeVisible();
});

test('an advisor sees the queue but no buttons to decide', async ({ page }) => {
  await logIn(page, GIA_LAM_ADVISOR, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await page.getByRole('link', { name: /Phụ nữ Gia Lâm/ }).click();
  await page.getByRole('link', { name: 'Duyệt yêu cầu tham gia' }).click();
  await expect(page.getByText('chỉ xem, không duyệt')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Nguyễn Thị Thủy' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Duyệt' })).toHaveCount(0);
});

test('the group page shows the board badge and the invite QR code', async ({ page }) => {
  await page.goto('/groups?q=thach%20ban');
  await page.getByRole('link', { name: /Thạch Bàn/ }).click();
  await expect(page.getByRole('heading', { name: 'Ban quản trị' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Đỗ Thị Ngọc' })).toContainText('Ban quản trịQuản trị viên');
  await expect(page.getByRole('img', { name: 'QR' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Đăng nhập để tham gia' })).toBeVisible();
  await snapshot(page, '22-group-visitor');
});

test('a quiz or survey builder whose form cannot be loaded says why instead of loading forever', async ({ page }) => {
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  for (const path of ['/quizzes/new?edit=999999', '/surveys/999999/edit']) {
    await page.goto(path);
    await expect(page.getByText('Không tìm thấy nội dung này.')).toBeVisible();
    await expect(page.getByText('Đang tải')).toHaveCount(0);
  }
  await snapshot(page, '23-builder-not-found');
});
