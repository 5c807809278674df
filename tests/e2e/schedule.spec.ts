// A scheduled post at phone size: the board writes an announcement for a later time (Vietnam
// time); nobody else sees it before then, not even by its address; at its time it appears in a
// member's feed with the "new posts" pill, without a reload.
import { expect, test } from '@playwright/test';
import { newPerson, signedIn, snapshot } from './pages';

/** The `datetime-local` text of Vietnam time `seconds` from now (minutes only). */
function vietnamInput(seconds: number): string {
  return new Date(Date.now() + seconds * 1000 + 7 * 3600 * 1000).toISOString().slice(0, 16);
}

test('the board schedules a post that appears in the feed at its time and not before', async ({ browser }) => {
  test.setTimeout(240_000);
  const suffix = Date.now() % 100000;
  const admin = await signedIn(browser, await newPerson(browser, 'Cao Thị Liên'));
  const unit = (await (await admin.request.get('/api/groups/1')).json()).summary.unit;
  const group = (
    await (
      await admin.request.post('/api/groups', {
        data: { unit_id: unit.id, name: `Chị em Ngọc Thụy ${suffix}`, description: '', rules: '', questions: [], privacy: 'closed' },
      })
    ).json()
  ).summary.id;
  const member = await signedIn(browser, await newPerson(browser, 'Phan Thị Gấm'));
  await member.request.post(`/api/groups/${group}/membership`, { data: { answers: [] } });
  const memberId = (await (await member.request.get('/api/me')).json()).id;
  expect((await admin.request.post(`/api/groups/${group}/requests/${memberId}`, { data: { approve: true } })).ok()).toBeTruthy();

  // A member writing has no schedule; the board does.
  await member.goto(`/groups/${group}/write`);
  await expect(member.getByLabel('Nội dung')).toBeVisible();
  await expect(member.getByText('Hẹn giờ đăng')).toHaveCount(0);

  await admin.goto(`/groups/${group}/write`);
  const body = `Họp chi hội tối nay lúc 19 giờ ${suffix}`;
  await admin.getByLabel('Nội dung').fill(body);
  await admin.getByLabel(/Hẹn giờ đăng/).check();
  await admin.getByLabel('Đăng lúc').fill(vietnamInput(100 * 86400));
  await admin.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(admin.locator('#publish_at-error')).toHaveText('Chỉ hẹn giờ đăng trong vòng 90 ngày tới.');
  const at = vietnamInput(90);
  await admin.getByLabel('Đăng lúc').fill(at);
  await snapshot(admin, '33-compose-scheduled');
  await admin.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(admin.getByText('Hẹn giờ đăng', { exact: true })).toBeVisible();
  const [date, clock] = at.split('T');
  const [y, m, d] = date.split('-');
  await expect(admin.getByText(`${clock} ${d}/${m}/${y}`)).toBeVisible();
  const id = Number(admin.url().split('/').pop());
  await snapshot(admin, '34-post-scheduled');

  // Before its time the member sees nothing of it.
  await member.goto(`/groups/${group}`);
  await expect(member.getByText('Chưa có bài viết nào.')).toBeVisible();
  expect((await member.request.get(`/api/posts/${id}`)).status()).toBe(404);

  // At its time (the server's 30-second tick), the pill, and the post on top.
  const pill = member.getByRole('button', { name: /1 bài mới/ });
  await expect(pill).toBeVisible({ timeout: 180_000 });
  await pill.click();
  await expect(member.locator('article.post').first()).toContainText(body);
  for (const page of [admin, member]) await page.context().close();
});

test('the board moves a scheduled post to another time, then to now', async ({ browser }) => {
  const suffix = Date.now() % 100000;
  const admin = await signedIn(browser, await newPerson(browser, 'Lý Thị Nga'));
  const unit = (await (await admin.request.get('/api/groups/1')).json()).summary.unit;
  const group = (
    await (
      await admin.request.post('/api/groups', {
        data: { unit_id: unit.id, name: `Chị em Cự Khối ${suffix}`, description: '', rules: '', questions: [], privacy: 'public' },
      })
    ).json()
  ).summary.id;
  const later = new Date(Date.now() + 3 * 3600 * 1000).toISOString();
  const post = await (
    await admin.request.post(`/api/groups/${group}/posts`, {
      data: { kind: 'post', category: 'hoi_news', body: `Tập văn nghệ ${suffix}`, publish_at: later },
    })
  ).json();
  await admin.goto(`/posts/${post.id}`);
  await admin.getByRole('button', { name: 'Sửa' }).click();
  const when = admin.getByLabel('Đăng lúc');
  await when.fill(vietnamInput(100 * 86400));
  await admin.getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.locator('#publish_at-error')).toHaveText('Chỉ hẹn giờ đăng trong vòng 90 ngày tới.');
  const at = vietnamInput(5 * 3600);
  await when.fill(at);
  await snapshot(admin, '101-scheduled-post-moved');
  await admin.getByRole('button', { name: 'Lưu' }).click();
  const [date, clock] = at.split('T');
  const [y, m, d] = date.split('-');
  await expect(admin.getByText(`${clock} ${d}/${m}/${y}`)).toBeVisible();

  // To now: a time already past puts it out at once, for everyone.
  await admin.getByRole('button', { name: 'Sửa' }).click();
  await admin.getByLabel('Đăng lúc').fill(vietnamInput(-60));
  await admin.getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.getByText('Hẹn giờ đăng', { exact: true })).toHaveCount(0);
  const visitor = await browser.newPage();
  expect((await visitor.request.get(`/api/posts/${post.id}`)).status()).toBe(200);
  await admin.context().close();
  await visitor.close();
});
