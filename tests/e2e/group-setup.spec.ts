// Setting up a group at phone size: a new member creates one for her commune from the
// directory. Mistakes are named in Vietnamese before anything is sent, a reload keeps what she
// typed, and the new group says it is not verified on its page and in the directory.
import { expect, test } from '@playwright/test';
import { newPerson, photo, signedIn, snapshot } from './pages';

test('a member creates a group for her commune; it says it is not verified until the Hội does', async ({ browser }) => {
  const phone = await newPerson(browser, 'Ngô Thị Sen');
  const page = await signedIn(browser, phone);
  const suffix = Date.now() % 100000;
  const name = `Chị em trồng rau sạch ${suffix}`;
  // Her village's branch of the commune, added by the Hà Nội cadre.
  const city = await signedIn(browser, '0912000009');
  const branch = `Chi hội thôn Kim ${suffix}`;
  expect((await city.request.post('/api/units/100565/branches', { data: { name: branch } })).status()).toBe(201);
  await city.context().close();

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
  // The commune's branches are offered; she picks hers.
  await page.getByRole('button', { name: branch }).click();
  await expect(page.locator('.chosen-unit')).toContainText(`${branch}, Xã Gia Lâm`);
  await page.getByLabel(/Nhóm kín/).check();
  await page.getByLabel('Giới thiệu nhóm').fill('Chia sẻ cách trồng rau sạch ở nhà.');
  await page.getByLabel('Câu hỏi 1').fill('Chị ở thôn nào?');
  await page.getByLabel(/Ảnh bìa/).setInputFiles(await photo(page, 120));
  await expect(page.locator('img.cover')).toBeVisible();

  // A reload keeps everything she typed, and the cover she chose.
  await page.reload();
  await expect(page.getByLabel('Tên nhóm', { exact: true })).toHaveValue(name);
  await expect(page.locator('.chosen-unit')).toContainText(`${branch}, Xã Gia Lâm`);
  await expect(page.getByLabel(/Nhóm kín/)).toBeChecked();
  await expect(page.getByLabel('Câu hỏi 1')).toHaveValue('Chị ở thôn nào?');
  await expect(page.locator('img.cover')).toBeVisible();
  await snapshot(page, '14-group-create');

  await page.getByRole('button', { name: 'Tạo nhóm', exact: true }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('Chưa xác minh: nhóm do thành viên lập')).toBeVisible();
  await expect(page.getByText(`${branch}, Xã Gia Lâm`)).toBeVisible();
  await expect(page.locator('header img.cover')).toHaveAttribute('src', /\/api\/covers\/\d+$/);
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

test('its admin edits the group in "Cài đặt nhóm" and closes it to new members for a while', async ({ browser }) => {
  const adminPhone = await newPerson(browser, 'Đỗ Thị Hạnh');
  const admin = await signedIn(browser, adminPhone);
  const suffix = Date.now() % 100000;
  const created = await admin.request.post('/api/groups', {
    data: { unit_id: 0, name: '', description: '', rules: '', questions: [], privacy: 'public' },
  });
  expect(created.status()).toBe(422);
  // Under the demo's Gia Lâm commune, like the pilot group.
  const unit = (await (await admin.request.get('/api/groups/1')).json()).summary.unit;
  const group = await (
    await admin.request.post('/api/groups', {
      data: { unit_id: unit.id, name: `Nhóm may vá ${suffix}`, description: 'May vá', rules: '', questions: [], privacy: 'public' },
    })
  ).json();
  const id = group.summary.id;

  await admin.goto(`/groups/${id}`);
  await admin.getByRole('link', { name: /Cài đặt nhóm/ }).click();
  await expect(admin.getByRole('heading', { name: 'Cài đặt nhóm' })).toBeVisible();
  await expect(admin.getByLabel('Tên nhóm', { exact: true })).toHaveValue(`Nhóm may vá ${suffix}`);

  // A name wiped out is named before anything is sent.
  await admin.getByLabel('Tên nhóm', { exact: true }).fill('');
  await admin.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(admin.locator('#name-error')).toHaveText('Vui lòng điền ô này.');

  // Her edits survive a reload; then she saves them.
  await admin.getByLabel('Tên nhóm', { exact: true }).fill(`Chị em may vá ${suffix}`);
  await admin.getByLabel('Câu hỏi 1').fill('Chị may được những gì?');
  await admin.getByLabel(/Tạm ngừng nhận thành viên mới/).check();
  await admin.reload();
  await expect(admin.getByLabel('Tên nhóm', { exact: true })).toHaveValue(`Chị em may vá ${suffix}`);
  await expect(admin.getByLabel(/Tạm ngừng nhận thành viên mới/)).toBeChecked();
  await snapshot(admin, '17-group-settings');
  await admin.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(admin.getByRole('heading', { name: `Chị em may vá ${suffix}` })).toBeVisible();
  await expect(admin.getByText('Nhóm đang tạm ngừng nhận thành viên mới.')).toBeVisible();

  // A woman who finds it is told it is not taking members, and has no form to fill.
  const visitor = await signedIn(browser, await newPerson(browser, 'Lý Thị Thu'));
  await visitor.goto(`/groups/${id}`);
  await expect(visitor.getByText('Nhóm đang tạm ngừng nhận thành viên mới.')).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Gửi yêu cầu tham gia' })).toHaveCount(0);
  await snapshot(visitor, '18-group-paused');

  // Opened again: the form shows what was saved, no stale draft; then it opens to members.
  await admin.goto(`/groups/${id}/settings`);
  await expect(admin.getByLabel('Câu hỏi 1')).toHaveValue('Chị may được những gì?');
  await admin.getByLabel(/Tạm ngừng nhận thành viên mới/).uncheck();
  await admin.evaluate(() => localStorage.setItem('hoi.large_text', '1'));
  await admin.reload();
  await expect(admin.locator('html')).toHaveClass(/large-text/);
  await expect(admin.getByLabel(/Tạm ngừng nhận thành viên mới/)).not.toBeChecked();
  await snapshot(admin, '19-group-settings-large-text');
  await admin.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(admin.getByText('Nhóm đang tạm ngừng nhận thành viên mới.')).toHaveCount(0);
  await visitor.reload();
  await expect(visitor.getByRole('button', { name: 'Gửi yêu cầu tham gia' })).toBeVisible();

  // Someone else's group: its settings are not hers to change.
  await visitor.goto(`/groups/${id}/settings`);
  await expect(visitor.getByText('Chỉ quản trị viên của nhóm đổi được cài đặt nhóm.')).toBeVisible();
  await visitor.context().close();
  await admin.context().close();
});

test('its admin archives a group with posts, opens it again, and deletes one made by mistake', async ({ browser }) => {
  const admin = await signedIn(browser, await newPerson(browser, 'Đinh Thị Hoa'));
  const suffix = Date.now() % 100000;
  const unit = (await (await admin.request.get('/api/groups/1')).json()).summary.unit;
  const make = async (name: string) =>
    (
      await (
        await admin.request.post('/api/groups', {
          data: { unit_id: unit.id, name, description: '', rules: '', questions: [], privacy: 'public' },
        })
      ).json()
    ).summary.id;
  const old = await make(`Câu lạc bộ dưỡng sinh ${suffix}`);
  await admin.request.post(`/api/groups/${old}/posts`, { data: { kind: 'post', category: 'hoi_news', body: 'Tập lúc 5 giờ sáng' } });

  // A group with posts is archived: read as before, nothing new.
  await admin.goto(`/groups/${old}/settings`);
  await admin.getByRole('button', { name: 'Xóa nhóm' }).click();
  await expect(admin.getByText('Nhóm đã có bài viết hoặc hoạt động nên không xóa được. Chị có thể lưu trữ nhóm.')).toBeVisible();
  await snapshot(admin, '103-group-end');
  await admin.getByRole('button', { name: 'Lưu trữ nhóm' }).click();
  await expect(admin.getByText('Nhóm đã được lưu trữ: chị em xem lại bài cũ, không đăng bài hay xin vào được nữa.')).toBeVisible();
  await expect(admin.getByText('Tập lúc 5 giờ sáng')).toBeVisible();
  await expect(admin.getByRole('link', { name: /Viết bài/ })).toHaveCount(0);
  await snapshot(admin, '104-group-archived');
  await admin.goto(`/groups/${old}/settings`);
  await admin.getByRole('button', { name: 'Mở lại nhóm' }).click();
  await expect(admin.getByRole('link', { name: /Viết bài/ })).toBeVisible();

  // A group made by mistake, where nothing happened, goes for good.
  const mistake = await make(`Nhóm lập nhầm ${suffix}`);
  await admin.goto(`/groups/${mistake}/settings`);
  await admin.getByRole('button', { name: 'Xóa nhóm' }).click();
  await expect(admin).toHaveURL(/\/groups$/);
  expect((await admin.request.get(`/api/groups/${mistake}`)).status()).toBe(404);
  await admin.context().close();
});
