// Quiz contests: the Gia Lâm admin writes a 5-question quiz with a prediction question and a
// 2-minute limit; three members take it (one lets the time run out mid-way, one reloads mid-way
// and carries on); the admin ends it, the ranking follows score then prediction, and the XLSX
// she downloads lists the same ranking.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, logIn, snapshot, signedIn, xlsxRows } from './pages';

const TIMES_OUT = { phone: '0987000007', name: 'Dương Thị Linh' };
const RELOADS = { phone: '0987000008', name: 'Lý Thị Dung' };
const STEADY = { phone: '0987000009', name: 'Trịnh Thị Huyền' };

/** Taps the right option ("Đúng …") of the question on screen, or a wrong one. */
async function answer(page: Page, right: boolean) {
  await page.locator('.option', { hasText: right ? /^Đúng/ : /^Sai/ }).first().click();
  await expect(page.getByText('Đã lưu', { exact: true })).toBeVisible();
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Câu sau →' }).click();
}

async function open(page: Page, title: string) {
  await page.goto('/contests');
  await page.getByRole('link', { name: new RegExp(title) }).click();
  await page.getByRole('link', { name: /Bắt đầu làm bài|Làm tiếp bài đang dở/ }).click();
  await expect(page.getByText(/^Câu \d\/5$/)).toBeVisible();
}

test('an admin runs a timed quiz and the ranking follows the tie-break rules', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const title = `Tìm hiểu Luật Bình đẳng giới ${Date.now() % 100000}`;
  page.on('dialog', (dialog) => dialog.accept());

  // The admin writes the quiz.
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await page.goto('/contests');
  await page.getByRole('link', { name: /Tạo cuộc thi tìm hiểu/ }).click();
  await page.getByLabel('Tên cuộc thi').fill(title);
  await page.getByLabel('Thời gian mỗi lượt (phút)').fill('2');
  await page.getByLabel('Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày').check();
  for (const [i, label] of ['Giải Nhì', 'Giải Ba', 'Giải Khuyến khích'].entries()) {
    await page.getByLabel(label, { exact: true }).fill(i < 2 ? '1' : '0');
  }
  // Sending it half-written names what is missing, in Vietnamese, beside the question.
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  await expect(page.getByText('Vui lòng điền ô này.').first()).toBeVisible();
  await expect(page.getByText(/Đánh dấu đáp án đúng/)).toBeVisible();
  for (let q = 1; q <= 5; q++) {
    if (q > 1) await page.getByRole('button', { name: '+ Thêm câu hỏi' }).click();
    const card = page.locator('.question-card').nth(q - 1);
    await card.getByLabel(`Nội dung câu hỏi ${q}`).fill(`Câu hỏi thử số ${q} về bình đẳng giới?`);
    for (let o = 1; o <= 4; o++) {
      await card.getByLabel(`Phương án ${o}`, { exact: true }).fill(o === 1 ? `Đúng ${q}` : `Sai ${q}.${o}`);
    }
    await card.getByLabel('Đúng', { exact: true }).first().check();
  }
  await snapshot(page, '70-quiz-builder');
  await page.getByRole('button', { name: 'Lưu cuộc thi' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByText('Đang mở')).toBeVisible();
  await expect(page.getByText(/5 câu hỏi · 2 phút/)).toBeVisible();

  // Linh starts first, answers two questions, then leaves her phone: time runs out.
  const linh = await signedIn(browser, TIMES_OUT.phone);
  await open(linh, title);
  await expect(linh.getByText(/Còn lại 1:5\d|Còn lại 2:00/)).toBeVisible();
  await answer(linh, true);
  await next(linh);
  await answer(linh, true);
  await next(linh);
  await snapshot(linh, '71-quiz-question');

  // Dung answers two, reloads, finds her answers and the running clock, and finishes.
  const dung = await signedIn(browser, RELOADS.phone);
  await open(dung, title);
  await answer(dung, true);
  await next(dung);
  await answer(dung, true);
  await next(dung);
  await dung.reload();
  await expect(dung.getByText('Câu 3/5')).toBeVisible();
  await dung.getByRole('button', { name: '← Câu trước' }).click();
  await expect(dung.locator('.option.selected')).toHaveText(/Đúng 2|Đúng \d/);
  await next(dung);
  for (let i = 0; i < 3; i++) {
    await answer(dung, true);
    await next(dung);
  }
  await dung.getByLabel('Số người chị dự đoán').fill('2');
  await dung.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(dung.getByText('Chị đã nộp bài. Cảm ơn chị đã tham gia!')).toBeVisible();
  await expect(dung.getByText('50', { exact: true })).toBeVisible();
  await snapshot(dung, '72-quiz-submitted');

  // Huyền gets everything right too, quicker, but predicts 7: further from the truth.
  const huyen = await signedIn(browser, STEADY.phone);
  await open(huyen, title);
  for (let i = 0; i < 5; i++) {
    await answer(huyen, true);
    await next(huyen);
  }
  await huyen.getByLabel('Số người chị dự đoán').fill('7');
  await huyen.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(huyen.getByText('Chị đã nộp bài. Cảm ơn chị đã tham gia!')).toBeVisible();

  // Linh's two minutes run out on her screen: the paper is submitted as it stands.
  await expect(linh.getByText('Đã hết giờ. Bài của chị đã được nộp với các câu đã lưu.')).toBeVisible({
    timeout: 150_000,
  });
  await expect(linh.getByText('20', { exact: true })).toBeVisible();
  // A second attempt is refused.
  await linh.goto('/contests');
  await linh.getByRole('link', { name: new RegExp(title) }).click();
  await expect(linh.getByText('Chị đã dùng hết lượt thi.')).toBeVisible();

  // The admin ends the quiz; two perfect papers, so Dung (predicted 2) beats Huyền (7).
  await page.reload();
  await page.getByRole('button', { name: 'Kết thúc ngay' }).click();
  const winners = page.locator('.winners li');
  await expect(winners).toHaveCount(3, { timeout: 20_000 });
  await expect(page.getByText(/Đáp án câu dự đoán: 2/)).toBeVisible();
  await expect(winners.nth(0)).toContainText(RELOADS.name);
  await expect(winners.nth(0)).toContainText('Giải Nhất');
  await expect(winners.nth(1)).toContainText(STEADY.name);
  await expect(winners.nth(2)).toContainText(TIMES_OUT.name);
  await snapshot(page, '73-quiz-results');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải xếp hạng (XLSX)' }).click(),
  ]);
  const rows = await xlsxRows(await download.path());
  expect(rows[0].slice(0, 3)).toEqual(['Hạng', 'Họ và tên', 'Số điện thoại']);
  expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
    ['1', RELOADS.name],
    ['2', STEADY.name],
    ['3', TIMES_OUT.name],
  ]);
  expect(rows[1][2]).toBe('0987 *** 008');

  // After the close she sees her rank and the key with explanations.
  await dung.goto('/contests');
  await dung.getByRole('link', { name: new RegExp(title) }).click();
  await expect(dung.getByText('Đáp án và giải thích')).toBeVisible();
  await expect(dung.locator('.result')).toContainText('Xếp hạng: 1');
  await snapshot(dung, '74-quiz-key');
});
