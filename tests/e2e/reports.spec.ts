// Reports up the tree at phone size: the Gia Lâm group's half year (200 → about 1,500 members),
// Hà Nội's communes side by side for its advisor, the workbook, and the overdue queue.
import { expect, test } from '@playwright/test';
import { GIA_LAM_ADMIN, signedIn, snapshot, xlsxRows } from './pages';

const CITY_ADVISOR = '0912000011';

function day(offset: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function halfYear(page: import('@playwright/test').Page) {
  await page.locator('#report-period').selectOption('custom');
  await page.locator('#report-from').fill(day(-183));
  await page.locator('#report-from').dispatchEvent('change');
  await page.locator('#report-to').fill(day(0));
  await page.locator('#report-to').dispatchEvent('change');
}

test('the Gia Lâm group grows from 200 to about 1,500 over half a year, and the workbook says so', async ({ browser }) => {
  const page = await signedIn(browser, GIA_LAM_ADMIN);
  await page.goto('/me');
  await page.getByRole('link', { name: 'Báo cáo hoạt động' }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo hoạt động' })).toBeVisible();
  await halfYear(page);
  // Exactly the group's members today, read from the group's own page (whatever members other
  // specs added before this one): the period ends today and nobody who left is counted.
  const group = await (await page.request.get('/api/groups/1')).json();
  const total: number = group.summary.member_count;
  expect(total).toBeGreaterThanOrEqual(1500);
  const members = page.locator('.stat', { hasText: 'Thành viên' }).first().locator('strong');
  await expect(members).toHaveText(String(total));
  // The growth curve starts near 200 (the members at the end of the first day).
  const curve = page.locator('svg[aria-label*="→"]');
  const label = (await curve.getAttribute('aria-label')) ?? '';
  const [start, end] = label.split(' → ').map(Number);
  expect(start).toBeGreaterThanOrEqual(200);
  expect(start).toBeLessThan(220);
  expect(end).toBe(total);
  await expect(page.getByText('Mới vào')).toBeVisible();
  // The board's oversight: requests waiting more than 3 days are flagged.
  await expect(page.getByRole('heading', { name: 'Giám sát' })).toBeVisible();
  await expect(page.locator('tr.overdue')).toHaveCount(1);
  await snapshot(page, '95-report-group');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải báo cáo (XLSX)' }).click();
  const path = await (await download).path();
  const rows = await xlsxRows(path!);
  const figure = (label: string) => rows.find((r) => r[0] === label)?.[1];
  expect(figure('Tổng số thành viên cuối kỳ')).toBe(String(total));
  expect(Number(figure('Thành viên mới trong kỳ'))).toBeGreaterThan(1200);
  expect(Number(figure('Rời nhóm trong kỳ'))).toBe(60);
});

test('Hà Nội’s advisor reads the city with its communes side by side', async ({ browser }) => {
  const page = await signedIn(browser, CITY_ADVISOR);
  await page.goto('/reports');
  await expect(page.locator('#report-scope')).toHaveValue('unit:1001');
  await halfYear(page);
  const table = page.locator('.report-table').first();
  await expect(table.getByRole('rowheader', { name: 'Xã Gia Lâm' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Phường Long Biên' })).toBeVisible();
  const gia = table.locator('tr', { hasText: 'Xã Gia Lâm' });
  await expect(gia.locator('td').first()).toHaveText(/^15\d\d$/);
  await snapshot(page, '96-report-city');
});
