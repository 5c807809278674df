// A poll at phone size: the admin writes one (the form's rules in Vietnamese first), two members
// vote and one changes her mind, while the admin's phone shows the counts moving without a
// reload. A draft of the poll survives a reload.
import { expect, test } from '@playwright/test';
import { newPerson, signedIn, snapshot } from './pages';

test('an admin runs a poll: two members vote, one changes her vote, live counts on a third phone', async ({ browser }) => {
  test.setTimeout(180_000);
  const suffix = Date.now() % 100000;
  const admin = await signedIn(browser, await newPerson(browser, 'Trần Thị Thoa'));
  const unit = (await (await admin.request.get('/api/groups/1')).json()).summary.unit;
  const group = (
    await (
      await admin.request.post('/api/groups', {
        data: { unit_id: unit.id, name: `Chị em Kim Sơn ${suffix}`, description: '', rules: '', questions: [], privacy: 'closed' },
      })
    ).json()
  ).summary.id;
  const members = [];
  for (const name of ['Vũ Thị Hạnh', 'Đỗ Thị Yến']) {
    const member = await signedIn(browser, await newPerson(browser, name));
    await member.request.post(`/api/groups/${group}/membership`, { data: { answers: [] } });
    const id = (await (await member.request.get('/api/me')).json()).id;
    expect((await admin.request.post(`/api/groups/${group}/requests/${id}`, { data: { approve: true } })).ok()).toBeTruthy();
    members.push(member);
  }
  const [hanh, yen] = members;

  // The admin writes the poll; an empty option is refused before sending.
  await admin.goto(`/groups/${group}/write`);
  await admin.getByLabel('Bình chọn', { exact: true }).check();
  const question = `Lớp học nghề tháng tới chị em muốn học gì? ${suffix}`;
  await admin.getByLabel('Câu hỏi bình chọn').fill(question);
  await admin.getByLabel('Phương án 1').fill('Nấu ăn');
  await admin.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(admin.locator('#options-error')).toHaveText('Mỗi câu hỏi cần ít nhất 2 phương án, không để trống phương án nào.');
  await admin.getByLabel('Phương án 2').fill('Cắm hoa');
  await admin.getByRole('button', { name: '+ Thêm phương án' }).click();
  await admin.getByLabel('Phương án 3').fill('Tin học văn phòng');
  // Nothing she typed is lost on a reload.
  await admin.reload();
  await expect(admin.getByLabel('Phương án 3')).toHaveValue('Tin học văn phòng');
  await expect(admin.getByLabel('Câu hỏi bình chọn')).toHaveValue(question);
  await snapshot(admin, '97-compose-poll');
  await admin.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(admin.getByText(question)).toBeVisible();
  const post = Number(admin.url().split('/').pop());
  // The admin's phone watches the group's feed: she runs the poll, so she sees the counts.
  await admin.goto(`/groups/${group}`);
  const adminPoll = admin.locator(`#post-${post} .poll`);
  await expect(adminPoll).toContainText('0 người đã bình chọn');

  // Hạnh votes for cooking, Yến for flowers.
  for (const [member, choice] of [[hanh, 'Nấu ăn'], [yen, 'Cắm hoa']] as const) {
    await member.goto(`/groups/${group}`);
    const card = member.locator(`#post-${post}`);
    await expect(card.getByRole('button', { name: 'Bình chọn' })).toBeVisible();
    await card.getByLabel(choice).check();
    await card.getByRole('button', { name: 'Bình chọn' }).click();
    await expect(card.locator('.poll')).toContainText('✓ Chị chọn');
  }
  await expect(adminPoll).toContainText('2 người đã bình chọn', { timeout: 15_000 });
  // She has not voted herself: the counts stand beside the options she may still pick.
  await expect(adminPoll.locator('label').nth(0)).toContainText('Nấu ăn · 1 phiếu');
  await snapshot(yen, '98-poll-voted');

  // Yến changes her mind: flowers to computing; the admin's counts follow without a reload.
  const yenCard = yen.locator(`#post-${post}`);
  await yenCard.getByRole('button', { name: 'Đổi lựa chọn' }).click();
  await yenCard.getByLabel('Tin học văn phòng').check();
  await yenCard.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(yenCard.locator('li').nth(2)).toContainText('✓ Chị chọn');
  await expect(adminPoll.locator('label').nth(1)).toContainText('0 phiếu', { timeout: 15_000 });
  await expect(adminPoll.locator('label').nth(2)).toContainText('1 phiếu');
  await expect(yenCard.locator('li').nth(0)).toContainText('1 phiếu · 50%');
  await expect(adminPoll).toContainText('2 người đã bình chọn');
  await snapshot(admin, '99-poll-live-counts');

  // In large text the card stays whole.
  await hanh.evaluate(() => localStorage.setItem('hoi.large_text', '1'));
  await hanh.reload();
  await expect(hanh.locator(`#post-${post} .poll`)).toContainText('2 người đã bình chọn');
  await snapshot(hanh, '100-poll-large-text');
  for (const page of [admin, hanh, yen]) await page.context().close();
});
