// Setting up a group at phone size: a new member creates one for her commune from the
// directory. Mistakes are named in Vietnamese before anything is sent, a reload keeps what she
// typed, and the new group says it is not verified on its page and in the directory.
import { expect, test } from '@playwright/test';
import { newPerson, signedIn, snapshot } from './pages';

test('a member creates a group for her commune; it says it is not verified until the Hội does', async ({ browser }) => {
  const phone = await newPerson(browser, 'Ngô Thị Sen');
  const page = await signedIn(browser, phone);
  const name = `Chị em trồng rau sạch ${Date.now() % 100000}`;

  await page.goto('/groups');
  await page.getByRole('link', { name: 'Tạo nhóm' }).click();
  await expect(page.getByRole('heading', { name: 'Tạo nhóm' })).toBeVisible();

  // Sent empty: the name and the commune are named, nothing is created.
  await page.getByRole('button', { name: 'Tạo nhóm', exact: true }).click();
  await expect(page.locator('#name-error')).toHaveText('Vui lòng điền ô này.');
  await expect(page.locator('#unit_id-error')).toHaveText('Vui lòng điền ô này.');

  await page.getByLabel('Tên nhóm', { exact: true }).fill(name);
  await page.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Thành phố Hà Nội' });
  await page.getByLabel('Xã/phường').fill('gia lam');
  await page.getByRole('button', { name: 'Xã Gia Lâm' }).click();
  await page.getByLabel(/Nhóm kín/).check();
  await page.getByLabel('Giới thiệu nhóm').fill('Chia sẻ cách trồng rau sạch ở nhà.');
  await page.getByLabel('Câu hỏi 1').fill('Chị ở thôn nào?');

  // A reload keeps everything she typed.
  await page.reload();
  await expect(page.getByLabel('Tên nhóm', { exact: true })).toHaveValue(name);
  await expect(page.getByText('Xã Gia Lâm').first()).toBeVisible();
  await expect(page.getByLabel(/Nhóm kín/)).toBeChecked();
  await expect(page.getByLabel('Câu hỏi 1')).toHaveValue('Chị ở thôn nào?');
  await snapshot(page, '14-group-create');

  await page.getByRole('button', { name: 'Tạo nhóm', exact: true }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('Chưa xác minh: nhóm do thành viên lập')).toBeVisible();
  // She runs it: the board's links are hers.
  await expect(page.getByRole('link', { name: 'Duyệt yêu cầu tham gia' })).toBeVisible();
  await snapshot(page, '15-group-created');

  // The directory finds it, without diacritics, with the same warning.
  await page.goto('/groups?q=trong%20rau%20sach');
  const card = page.locator('.group-card', { hasText: name });
  await expect(card).toBeVisible();
  await expect(card.getByText('Chưa xác minh: nhóm do thành viên lập')).toBeVisible();

  // The form starts empty again: the draft went with the send. In large text it stays whole.
  await page.goto('/groups/new');
  await expect(page.getByLabel('Tên nhóm', { exact: true })).toHaveValue('');
  await page.evaluate(() => localStorage.setItem('hoi.large_text', '1'));
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await expect(page.getByRole('button', { name: 'Tạo nhóm', exact: true })).toBeVisible();
  await snapshot(page, '16-group-create-large-text');
  await page.context().close();
});
