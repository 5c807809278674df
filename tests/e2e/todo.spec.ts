// "Việc hôm nay" at phone size: a board member's home page starts with what waits for her across
// her groups, oldest first; she taps through and clears both; a member never sees it.
import { expect, test } from '@playwright/test';
import { newPerson, signedIn, snapshot } from './pages';

test('a board member clears two items of "Việc hôm nay" from her home page', async ({ browser }) => {
  const suffix = Date.now() % 100000;
  const admin = await signedIn(browser, await newPerson(browser, 'Lương Thị Bích'));
  const unit = (await (await admin.request.get('/api/groups/1')).json()).summary.unit;
  const groups: number[] = [];
  for (const name of [`Chị em làm bánh ${suffix}`, `Chị em đan len ${suffix}`]) {
    const created = await admin.request.post('/api/groups', {
      data: { unit_id: unit.id, name, description: '', rules: '', questions: [], privacy: 'public' },
    });
    groups.push((await created.json()).summary.id);
  }

  // Nothing waits yet: one calm line.
  await admin.goto('/');
  await expect(admin.getByRole('heading', { name: 'Việc hôm nay' })).toBeVisible();
  await expect(admin.getByText('Không có việc gì đang chờ chị.', { exact: false })).toBeVisible();

  // A woman asks to join each group; she herself has nothing to do.
  const newcomer = await signedIn(browser, await newPerson(browser, 'Tạ Thị Hồng'));
  for (const group of groups) {
    expect((await newcomer.request.post(`/api/groups/${group}/membership`, { data: { answers: [] } })).status()).toBe(201);
  }
  await newcomer.goto('/');
  await expect(newcomer.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await expect(newcomer.getByRole('heading', { name: 'Việc hôm nay' })).toHaveCount(0);

  await admin.reload();
  const todo = admin.locator('.todo');
  const items = todo.locator('.todo-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('yêu cầu tham gia nhóm');
  await expect(items.nth(0)).toContainText(`Chị em làm bánh ${suffix}`);
  await expect(items.nth(1)).toContainText(`Chị em đan len ${suffix}`);
  await snapshot(admin, '28-todo');

  // One tap to each, and back: each one cleared leaves the list.
  for (const name of [`Chị em làm bánh ${suffix}`, `Chị em đan len ${suffix}`]) {
    await items.filter({ hasText: name }).click();
    const request = admin.getByRole('listitem').filter({ hasText: 'Tạ Thị Hồng' });
    await request.getByRole('button', { name: 'Duyệt' }).click();
    await expect(request).toHaveCount(0);
    await admin.goto('/');
    await expect(items.filter({ hasText: name })).toHaveCount(0);
  }
  await expect(todo.getByText('Không có việc gì đang chờ chị.', { exact: false })).toBeVisible();

  // In large text it grows and stays whole.
  await admin.evaluate(() => localStorage.setItem('hoi.large_text', '1'));
  await newcomer.request.delete(`/api/groups/${groups[0]}/membership`);
  const again = await signedIn(browser, await newPerson(browser, 'Kiều Thị Oanh'));
  await again.request.post(`/api/groups/${groups[0]}/membership`, { data: { answers: [] } });
  await admin.reload();
  await expect(admin.locator('html')).toHaveClass(/large-text/);
  await expect(items).toHaveCount(1);
  await snapshot(admin, '29-todo-large-text');
  for (const page of [admin, newcomer, again]) await page.context().close();
});
