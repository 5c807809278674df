// The Hội's tree run by its cadres at phone size: the Hà Nội cadre names a Gia Lâm commune cadre
// by phone; she learns it on her Tôi tab, opens the commune's page and names an advisor, who
// declines. Every change is in the commune's log, which the city reads.
import { expect, test } from '@playwright/test';
import { newPerson, signedIn, snapshot } from './pages';

const HA_NOI_CADRE = '0912000009';

test('a city cadre names a commune cadre by phone, who names an advisor, who declines', async ({ browser }) => {
  const cadrePhone = await newPerson(browser, 'Vũ Thị Loan');
  const advisorPhone = await newPerson(browser, 'Đinh Thị Nhung');

  const city = await signedIn(browser, HA_NOI_CADRE);
  await city.goto('/units');
  await expect(city.getByRole('heading', { name: 'Đơn vị Hội của tôi' })).toBeVisible();
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
