// The foundation's promise: a woman registers, finds the Gia Lâm group, answers its questions,
// asks to join; an admin approves; she sees the group as joined.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, freshPhone, logIn, logOut, register, snapshot } from './pages';

test('register, log in, find Gia Lâm, ask to join, get approved', async ({ page, browser }) => {
  const phone = freshPhone();
  const password = 'hoa sen tím 1975';

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Chi hội số' })).toBeVisible();
  await snapshot(page, '01-welcome');

  await register(page, phone, 'Nguyễn Thị Thử', password);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await logOut(page);

  await logIn(page, phone, password);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await snapshot(page, '02-home-signed-in');

  await page.getByRole('link', { name: 'Tìm nhóm' }).last().click();
  await page.getByRole('searchbox').fill('gia lam');
  await page.getByRole('button', { name: 'Tìm nhóm' }).click();
  await expect(page.getByRole('link', { name: /Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày/ })).toBeVisible();
  await snapshot(page, '03-directory');
  await page.getByRole('link', { name: /Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày/ }).click();

  await expect(page.getByRole('heading', { name: 'Tham gia nhóm' })).toBeVisible();
  await page.getByLabel('Chị đang sinh sống ở xã/phường nào?').fill('Xã Gia Lâm');
  // A reload keeps what she typed.
  await page.reload();
  await expect(page.getByLabel('Chị đang sinh sống ở xã/phường nào?')).toHaveValue('Xã Gia Lâm');
  // Submitting with an unanswered question marks it in Vietnamese.
  await page.getByRole('button', { name: 'Gửi yêu cầu tham gia' }).click();
  await expect(page.getByText('Vui lòng trả lời câu hỏi này.').first()).toBeVisible();
  await page.getByLabel('Chị đã là hội viên Hội LHPN chưa?').fill('Dạ em chưa ạ');
  await page.getByLabel('Chị có đồng ý tuân thủ quy chế của nhóm không?').fill('Em đồng ý');
  await snapshot(page, '04-group-join-form');
  await page.getByRole('button', { name: 'Gửi yêu cầu tham gia' }).click();
  await expect(page.getByText('Yêu cầu của chị đang chờ Ban quản trị duyệt.')).toBeVisible();
  await snapshot(page, '05-group-pending');
  const groupUrl = page.url();

  // The admin, on her own phone.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(admin.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await admin.goto(groupUrl + '/requests');
  const request = admin.getByRole('listitem').filter({ hasText: 'Nguyễn Thị Thử' });
  await expect(request).toContainText('Dạ em chưa ạ');
  await expect(request).toContainText('Chưa là hội viên');
  await snapshot(admin, '06-admin-requests');
  await request.getByRole('button', { name: 'Duyệt' }).click();
  await expect(request).toHaveCount(0);
  await adminContext.close();

  await page.reload();
  // A member's group page offers writing instead of joining.
  await expect(page.getByRole('link', { name: /Viết bài/ })).toBeVisible();
  await snapshot(page, '07-group-joined');
  await page.goto('/');
  const mine = page.getByRole('navigation', { name: 'Nhóm của tôi' }).getByRole('link', { name: /Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày/ });
  await expect(mine).toBeVisible();
  await expect(mine).not.toContainText('chờ duyệt');
});
