// Photo contests: the Gia Lâm admin creates "Duyên dáng áo dài" with judges at 70%; two members
// enter photos; the admin approves them; three members vote (one taps twice, one tries again
// from a second browser); the admin's open page follows the counts live; the judge scores; at
// the close the ranking follows the weights, not the votes alone.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, logIn, newGiaLamMember, newPerson, photo, snapshot, signedIn } from './pages';

const ENTRANT_A = { title: 'Áo dài mẹ may' };
const ENTRANT_B = { title: 'Áo dài ngày khai giảng' };

async function enter(browser: Browser, contest: string, phone: string, title: string, hue: number) {
  const page = await signedIn(browser, phone);
  await page.goto(contest);
  await page.getByLabel('Tên bài dự thi').fill(title);
  await page.getByLabel('Câu chuyện về bức ảnh').fill('Chiếc áo dài mẹ may cho tôi ngày cưới, tôi vẫn giữ đến hôm nay.');
  await page.locator('#entry-photos').setInputFiles(await photo(page, hue));
  await expect(page.locator('.photo-grid img')).toHaveCount(1);
  await page.getByRole('button', { name: 'Gửi bài dự thi' }).click();
  await expect(page.getByText('Đã gửi. Bài của chị đang chờ Ban quản trị duyệt.')).toBeVisible();
  await expect(page.getByText('Chờ duyệt')).toBeVisible();
  return page;
}

function card(page: Page, title: string) {
  return page.locator('.gallery li', { hasText: title });
}

test('a photo contest from entries to a weighted ranking, each vote counted once', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const title = `Duyên dáng áo dài ${Date.now() % 100000}`;
  page.on('dialog', (dialog) => dialog.accept());

  // The admin sets it up: judges weigh 70%, two criteria, the Hà Nội admin judges.
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  // The people it needs, made here: a judge with an account, two entrants and three voters of
  // the group.
  const JUDGE = await newPerson(browser, 'Lê Thị Giám Khảo');
  const [entrantA, entrantB] = [
    await newGiaLamMember(browser, page, 'Nguyễn Thị Lan'),
    await newGiaLamMember(browser, page, 'Trần Thị Mai'),
  ];
  const VOTERS = [
    await newGiaLamMember(browser, page, 'Phạm Thị Hoa'),
    await newGiaLamMember(browser, page, 'Đỗ Thị Hằng'),
    await newGiaLamMember(browser, page, 'Vũ Thị Thu'),
  ];
  await page.goto('/contests');
  await page.getByRole('link', { name: /Tạo cuộc thi ảnh/ }).first().click();
  await page.getByLabel('Tiêu chí chấm').fill('Trang phục | 10\nẢnh đẹp');
  await page.getByLabel('Số điện thoại giám khảo').fill(JUDGE);
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  // Half-filled: the missing title and the criterion without points are named in Vietnamese.
  await expect(page.getByText('Vui lòng điền ô này.')).toBeVisible();
  await expect(page.getByText('Số này nằm ngoài khoảng cho phép.')).toBeVisible();
  await page.getByLabel('Tên cuộc thi').fill(title);
  await page.getByLabel('Tiêu chí chấm').fill('Trang phục | 10\nẢnh đẹp | 10');
  await snapshot(page, '80-contest-builder');
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const contest = new URL(page.url()).pathname;

  // Two members enter; their entries wait.
  // (Each browser closes when done: every open page holds two event streams, and Chromium
  // allows six connections to one server across its contexts.)
  const a = await enter(browser, contest, entrantA, ENTRANT_A.title, 330);
  await snapshot(a, '81-contest-entered');
  await a.context().close();
  await (await enter(browser, contest, entrantB, ENTRANT_B.title, 200)).context().close();

  // The admin approves both.
  await page.reload();
  await expect(page.getByRole('heading', { name: /Bài chờ duyệt \(2\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: /Bài chờ duyệt \(1\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(card(page, ENTRANT_A.title)).toBeVisible();
  await expect(card(page, ENTRANT_B.title)).toBeVisible();

  // Three members vote. The first taps twice; her count stays 1.
  const first = await signedIn(browser, VOTERS[0]);
  await first.goto(contest);
  await card(first, ENTRANT_A.title).getByRole('button', { name: 'Bình chọn' }).click();
  await expect(card(first, ENTRANT_A.title).getByText('1 lượt bình chọn')).toBeVisible();
  await card(first, ENTRANT_A.title).getByRole('button', { name: 'Đã bình chọn' }).click();
  await expect(first.getByText('Chị đã bình chọn cho bài này rồi. Mỗi phiếu chỉ được tính một lần.')).toBeVisible();
  await expect(card(first, ENTRANT_A.title).getByText('1 lượt bình chọn')).toBeVisible();
  await first.context().close();

  // The second votes on the entry's own page (the shared link), then tries again from another browser.
  const second = await signedIn(browser, VOTERS[1]);
  await second.goto(contest);
  await card(second, ENTRANT_A.title).getByRole('link').first().click();
  await expect(second.getByRole('heading', { name: ENTRANT_A.title })).toBeVisible();
  await expect(second.locator('.entry-photos img')).toHaveCount(1);
  await second.getByRole('button', { name: 'Bình chọn' }).click();
  await expect(second.getByText('2 lượt bình chọn')).toBeVisible();
  await snapshot(second, '82-contest-entry');
  const elsewhere = await signedIn(browser, VOTERS[1]);
  await elsewhere.goto(second.url());
  await elsewhere.getByRole('button', { name: 'Đã bình chọn' }).click();
  await expect(elsewhere.getByText('Chị đã bình chọn cho bài này rồi. Mỗi phiếu chỉ được tính một lần.')).toBeVisible();
  await expect(elsewhere.getByText('2 lượt bình chọn')).toBeVisible();
  await second.context().close();
  await elsewhere.context().close();

  const third = await signedIn(browser, VOTERS[2]);
  await third.goto(contest);
  await card(third, ENTRANT_B.title).getByRole('button', { name: 'Bình chọn' }).click();
  await expect(card(third, ENTRANT_B.title).getByText('1 lượt bình chọn')).toBeVisible();
  await third.context().close();

  // The admin's page, open all along, follows the counts over the live tally.
  await expect(card(page, ENTRANT_A.title).getByText('2 lượt bình chọn')).toBeVisible({ timeout: 10_000 });
  await expect(card(page, ENTRANT_B.title).getByText('1 lượt bình chọn')).toBeVisible({ timeout: 10_000 });
  await snapshot(page, '83-contest-admin');

  // The judge prefers B: 20/20 against 10/20.
  const judge = await signedIn(browser, JUDGE);
  await judge.goto(contest);
  await judge.getByRole('link', { name: 'Chấm điểm các bài dự thi' }).click();
  for (const [title, score] of [[ENTRANT_B.title, '10'], [ENTRANT_A.title, '5']]) {
    const sheet = judge.locator('section.card', { hasText: title });
    await sheet.getByLabel(/Trang phục/).fill(score);
    await sheet.getByLabel(/Ảnh đẹp/).fill(score);
    await sheet.getByRole('button', { name: 'Lưu điểm' }).click();
    await expect(sheet.getByText('Đã lưu điểm')).toBeVisible();
  }
  await snapshot(judge, '84-contest-judge');
  await judge.context().close();

  // The close. At 70/30: B = 0.7×100 + 0.3×50 = 85; A = 0.7×50 + 0.3×100 = 65. B wins with fewer votes.
  await page.getByRole('button', { name: 'Kết thúc ngay' }).click();
  await expect(page.getByText('Đã kết thúc').first()).toBeVisible();
  await page.waitForTimeout(4_000);
  await page.reload();
  const results = page.locator('section.results');
  await expect(results.getByRole('heading', { name: 'Kết quả', exact: true })).toBeVisible();
  const rows = results.locator('tbody tr');
  await expect(rows.nth(0)).toContainText(ENTRANT_B.title);
  await expect(rows.nth(0)).toContainText('85');
  await expect(rows.nth(1)).toContainText(ENTRANT_A.title);
  await expect(rows.nth(1)).toContainText('65');
  await snapshot(page, '85-contest-results');

  // Members see the same final ranking.
  const member = await signedIn(browser, VOTERS[0]);
  await member.goto(contest);
  await expect(member.locator('section.results tbody tr').nth(0)).toContainText(ENTRANT_B.title);
});

test("the admin edits a running contest's settings; its vote rule stays once votes are in", async ({ page }) => {
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  // Signed in before anything else: a navigation right after the tap can cancel the login.
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  const list = await (await page.request.get('/api/photo-contests')).json();
  const contest = list.photo_contests.find((c: { title: string }) => c.title.startsWith('Duyên dáng áo dài 2026'));
  await page.goto(`/photo-contests/${contest.id}`);
  await page.getByRole('link', { name: '✎ Sửa cài đặt' }).click();
  await expect(page.getByRole('heading', { name: 'Sửa cài đặt cuộc thi' })).toBeVisible();
  await expect(page.getByLabel('Tên cuộc thi')).toHaveValue('Duyên dáng áo dài 2026');
  const rules = page.locator('#rules');
  const added = `Ảnh chụp trong năm 2026. ${Date.now() % 100000}`;
  await rules.fill(`${await rules.inputValue()}\n${added}`);
  // The vote rule cannot change: votes were cast under it.
  await page.locator('#vote_rule').selectOption('per_day');
  await snapshot(page, '102-photo-contest-edit');
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  await expect(page.locator('#vote_rule ~ .field-error, .field-error').filter({ hasText: 'dữ liệu đã thay đổi' })).toBeVisible();
  await page.locator('#vote_rule').selectOption('per_entry');
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  await expect(page).toHaveURL(new RegExp(`/photo-contests/${contest.id}$`));
  await expect(page.getByText(added)).toBeVisible();
});
