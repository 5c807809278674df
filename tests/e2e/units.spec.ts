// The Hội's tree run by its cadres at phone size: the Hà Nội cadre names a Gia Lâm commune cadre
// by phone; she learns it on her Tôi tab, opens the commune's page and names an advisor, who
// declines. Every change is in the commune's log, which the city reads.
import { expect, test } from '@playwright/test';
import { newPerson, signedIn, snapshot } from './pages';

const HA_NOI_CADRE = '0912000009';
const GIA_LAM_UNIT = 100565;

test('a city cadre names a commune cadre by phone, who names an advisor, who declines', async ({ browser }) => {
  const cadrePhone = await newPerson(browser, 'Vũ Thị Loan');
  const advisorPhone = await newPerson(browser, 'Đinh Thị Nhung');

  const city = await signedIn(browser, HA_NOI_CADRE);
  await city.goto('/units');
  await expect(city.getByRole('heading', { name: 'Đơn vị Hội của tôi' })).toBeVisible();
  await snapshot(city, '35-my-units');
  await city.getByRole('link', { name: /Thành phố Hà Nội/ }).click();
  await expect(city.getByRole('heading', { name: 'Thành phố Hà Nội' })).toBeVisible();
  await city.getByRole('link', { name: 'Xã Gia Lâm', exact: true }).click();
  await expect(city.getByRole('heading', { name: 'Xã Gia Lâm' })).toBeVisible();
  await expect(city.getByText('Thuộc: Thành phố Hà Nội')).toBeVisible();

  // A wrong number and a number with no account are named on the field, in Vietnamese.
  await city.getByLabel('Số điện thoại của chị ấy').fill('12345');
  await city.getByRole('button', { name: 'Cử', exact: true }).click();
  await expect(city.locator('#phone-error')).toContainText('Số điện thoại không hợp lệ');
  await city.getByLabel('Số điện thoại của chị ấy').fill('0999 000 111');
  await city.getByRole('button', { name: 'Cử', exact: true }).click();
  await expect(city.locator('#phone-error')).toHaveText('Chưa có tài khoản nào với số điện thoại này.');

  await city.getByLabel('Số điện thoại của chị ấy').fill(cadrePhone);
  await city.getByRole('button', { name: 'Cử', exact: true }).click();
  const people = city.locator('.people');
  await expect(people.getByText('Vũ Thị Loan')).toBeVisible();
  await expect(people.locator('li', { hasText: 'Vũ Thị Loan' }).getByText('Cán bộ Hội')).toBeVisible();
  await expect(city.getByLabel('Số điện thoại của chị ấy')).toHaveValue('');
  await snapshot(city, '24-unit-page');

  // She learns it on her Tôi tab and opens the commune's page, where she names an advisor.
  const cadre = await signedIn(browser, cadrePhone);
  await cadre.goto('/me');
  await expect(cadre.getByText('Chị được cử vào đơn vị Hội:')).toBeVisible();
  await snapshot(cadre, '36-me-named-to-unit');
  await cadre.getByRole('link', { name: /Xã Gia Lâm/ }).click();
  await expect(cadre.getByRole('heading', { name: 'Xã Gia Lâm' })).toBeVisible();
  await cadre.getByLabel('Số điện thoại của chị ấy').fill(advisorPhone);
  await cadre.getByLabel(/Cố vấn/).check();
  await cadre.getByRole('button', { name: 'Cử', exact: true }).click();
  await expect(cadre.locator('.people li', { hasText: 'Đinh Thị Nhung' }).getByText('Cố vấn')).toBeVisible();

  // The advisor reads the page, may not name anyone, and declines.
  const advisor = await signedIn(browser, advisorPhone);
  await advisor.goto('/me');
  await advisor.getByRole('link', { name: /Xã Gia Lâm/ }).click();
  await expect(advisor.getByRole('heading', { name: 'Xã Gia Lâm' })).toBeVisible();
  await expect(advisor.getByRole('button', { name: 'Cử', exact: true })).toHaveCount(0);
  await advisor.evaluate(() => localStorage.setItem('hoi.large_text', '1'));
  await advisor.reload();
  await expect(advisor.locator('html')).toHaveClass(/large-text/);
  await snapshot(advisor, '25-unit-page-advisor-large-text');
  await advisor.getByRole('button', { name: 'Từ chối vai trò này' }).click();
  await expect(advisor.getByText('Đinh Thị Nhung')).toHaveCount(0);
  await advisor.goto('/units');
  await expect(advisor.getByText('Chị chưa được cử làm cán bộ hay cố vấn của đơn vị nào.')).toBeVisible();

  // The city reads every change in the commune's log, newest first.
  await city.reload();
  const log = city.locator('.changes li');
  await expect(log.nth(0)).toContainText('Đinh Thị Nhung thôi nhận vai trò cố vấn: Đinh Thị Nhung');
  await expect(log.nth(1)).toContainText('Vũ Thị Loan cử cố vấn Đinh Thị Nhung');
  await expect(log.nth(2)).toContainText('cử cán bộ Vũ Thị Loan');
  for (const page of [city, cadre, advisor]) await page.context().close();
});

test('a commune cadre adds a branch, names its leader and verifies a group a member set up there', async ({ browser }) => {
  const suffix = Date.now() % 100000;
  const cadrePhone = await newPerson(browser, 'Hà Thị Xuân');
  const leaderPhone = await newPerson(browser, 'Mai Thị Đào');
  const city = await signedIn(browser, HA_NOI_CADRE);
  const named = await city.request.post(`/api/units/${GIA_LAM_UNIT}/people`, { data: { phone: cadrePhone, role: 'cadre' } });
  expect(named.status()).toBe(201);
  await city.context().close();

  // The commune's cadre adds a branch and a spare one, renames the first and removes the spare.
  const cadre = await signedIn(browser, cadrePhone);
  await cadre.goto(`/units/${GIA_LAM_UNIT}`);
  const branches = cadre.locator('.branches');
  await branches.getByLabel('Tên chi hội mới').fill(`Chi hội thôn Trung ${suffix}`);
  await branches.getByRole('button', { name: 'Thêm chi hội' }).click();
  await expect(branches.getByRole('link', { name: `Chi hội thôn Trung ${suffix}` })).toBeVisible();
  await branches.getByLabel('Tên chi hội mới').fill(`Chi hội tạm ${suffix}`);
  await branches.getByRole('button', { name: 'Thêm chi hội' }).click();
  // A branch's row, by its link (the other rows name it in their merge list).
  const rowOf = (name: string) => branches.locator('li').filter({ has: cadre.getByRole('link', { name, exact: true }) });
  const spare = rowOf(`Chi hội tạm ${suffix}`);
  await spare.getByText('Sửa').click();
  await spare.getByRole('button', { name: 'Xoá chi hội' }).click();
  await expect(branches.getByRole('link', { name: `Chi hội tạm ${suffix}` })).toHaveCount(0);
  const row = rowOf(`Chi hội thôn Trung ${suffix}`);
  await row.getByText('Sửa').click();
  await row.getByLabel('Tên chi hội').fill(`Chi hội thôn Trung Hậu ${suffix}`);
  await row.getByRole('button', { name: 'Đổi tên' }).click();
  const link = branches.getByRole('link', { name: `Chi hội thôn Trung Hậu ${suffix}` });
  await expect(link).toBeVisible();
  const branch = Number((await link.getAttribute('href'))!.split('/').pop());

  // Its leader, named on the branch's own page.
  await link.click();
  await expect(cadre.getByRole('heading', { name: `Chi hội thôn Trung Hậu ${suffix}` })).toBeVisible();
  await cadre.getByLabel('Số điện thoại của chị ấy').fill(leaderPhone);
  await cadre.getByRole('button', { name: 'Cử', exact: true }).click();
  await expect(cadre.locator('.people li', { hasText: 'Mai Thị Đào' }).getByText('Cán bộ Hội')).toBeVisible();

  // A member sets up a group in the branch; the commune's cadre refuses it with a reason first.
  const member = await signedIn(browser, await newPerson(browser, 'Trịnh Thị Yến'));
  const created = await member.request.post('/api/groups', {
    data: { unit_id: branch, name: `Chị em thôn Trung ${suffix}`, description: '', rules: '', questions: [], privacy: 'public' },
  });
  const group = (await created.json()).summary.id;
  await cadre.goto(`/units/${GIA_LAM_UNIT}`);
  const card = cadre.locator('.group-card', { hasText: `Chị em thôn Trung ${suffix}` });
  await expect(card.getByText('Chưa xác minh: nhóm do thành viên lập')).toBeVisible();
  const verify = cadre.locator('.verify').filter({ has: cadre.locator(`#verify-${group}-reason`) });
  await verify.getByRole('button', { name: 'Chưa xác minh' }).click();
  await expect(cadre.locator(`#verify-${group}-reason-error`)).toHaveText('Vui lòng điền ô này.');
  await verify.getByLabel(/Lời nhắn cho quản trị viên nhóm/).fill('Xin thêm nội quy nhóm rồi báo lại.');
  await verify.getByRole('button', { name: 'Chưa xác minh' }).click();
  await snapshot(cadre, '26-unit-commune-branches');

  await member.goto(`/groups/${group}`);
  await expect(member.getByText('Xin thêm nội quy nhóm rồi báo lại.')).toBeVisible();
  await snapshot(member, '27-group-verification-note');

  await verify.getByRole('button', { name: 'Xác minh', exact: true }).click();
  await expect(card.getByText('Đã xác minh')).toBeVisible();
  await member.reload();
  await expect(member.getByText('Đã xác minh')).toBeVisible();
  await expect(member.getByText('Chưa xác minh: nhóm do thành viên lập')).toHaveCount(0);
  for (const page of [cadre, member]) await page.context().close();
});
