// Needs surveys on a phone: the Gia Lâm admin builds a 6-question survey whose 4th question shows
// only after "Có"; one member answers half, reloads, finishes and sends; another sends without a
// connection and is told when it arrives; the results and the XLSX carry the same numbers.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, logIn, snapshot, signedIn, xlsxRows } from './pages';

const RELOADS = '0987000029';
const OFFLINE = '0987000004';

/** The n-th question card of the builder (0-based). */
function card(page: Page, n: number) {
  return page.locator('.question-card').nth(n);
}

async function addQuestion(page: Page, n: number, kind: string, text: string, options?: string) {
  if (n > 0) await page.getByRole('button', { name: '+ Thêm câu hỏi' }).click();
  const q = card(page, n);
  await q.getByLabel(`Câu ${n + 1}`, { exact: true }).fill(text);
  await q.getByLabel('Loại câu hỏi').selectOption({ label: kind });
  if (options) await q.getByLabel('Các phương án, mỗi dòng một phương án').fill(options);
}

function question(page: Page, text: string) {
  return page.getByRole('group', { name: text });
}

test('a survey is built, answered across a reload and offline, and counted', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const title = `Nhu cầu chị em ${Date.now() % 100000}`;
  page.on('dialog', (dialog) => dialog.accept());

  // The admin builds it.
  await logIn(page, GIA_LAM_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Khảo sát' }).click();
  await page.getByRole('link', { name: '+ Tạo khảo sát' }).click();
  await page.getByLabel('Tên khảo sát').fill(title);
  await page.getByRole('button', { name: 'Lưu khảo sát' }).click();
  await expect(page.getByText('Chọn ít nhất một nhóm hoặc một đơn vị được dự thi.')).toBeVisible();
  await expect(card(page, 0).getByText('Vui lòng điền ô này.')).toBeVisible();
  await page.getByLabel('Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày').check();
  await addQuestion(page, 0, 'Chọn một', 'Chị bao nhiêu tuổi?', 'Dưới 30\n30 – 45\nTrên 45');
  await addQuestion(page, 1, 'Chọn nhiều', 'Chị quan tâm gì?', 'Sức khỏe\nDân vũ\nHọc nghề');
  await page.getByRole('button', { name: '+ Thêm phần' }).click();
  await page.locator('.part-card').nth(1).getByLabel('Tên phần').fill('Gia đình');
  await addQuestion(page, 2, 'Có / Không', 'Chị có con nhỏ không?');
  await addQuestion(page, 3, 'Số', 'Mấy con dưới 16 tuổi?');
  await card(page, 3).getByLabel('Nhỏ nhất').fill('0');
  await card(page, 3).getByLabel('Lớn nhất').fill('15');
  await card(page, 3).getByLabel('Chỉ hiện khi').selectOption({ label: 'Câu 3 = Có' });
  await addQuestion(page, 4, 'Đánh giá 1–5', 'Chị hài lòng với nhóm đến đâu?');
  await addQuestion(page, 5, 'Trả lời ngắn', 'Chị mong nhóm làm gì?');
  await card(page, 5).getByLabel('Bắt buộc trả lời').uncheck();
  await snapshot(page, '90-survey-builder');
  await page.getByRole('button', { name: 'Lưu khảo sát' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const url = page.url();

  // The first member answers half, reloads, finds everything, finishes.
  const lan = await signedIn(browser, RELOADS);
  await lan.goto(url);
  await expect(lan.getByText('Phần 1/2')).toBeVisible();
  await lan.getByRole('button', { name: 'Tiếp' }).click();
  await expect(question(lan, 'Chị bao nhiêu tuổi? *').getByText('Vui lòng trả lời câu hỏi này.')).toBeVisible();
  await question(lan, 'Chị bao nhiêu tuổi? *').getByLabel('30 – 45').check();
  await question(lan, 'Chị quan tâm gì? *').getByLabel('Sức khỏe').check();
  await question(lan, 'Chị quan tâm gì? *').getByLabel('Dân vũ').check();
  await lan.getByRole('button', { name: 'Tiếp' }).click();
  await expect(lan.getByText('Phần 2/2')).toBeVisible();
  await expect(lan.getByLabel('Mấy con dưới 16 tuổi?')).toHaveCount(0);
  await question(lan, 'Chị có con nhỏ không? *').getByLabel('Có').check();
  await lan.getByLabel('Mấy con dưới 16 tuổi?').fill('2');
  await lan.reload();
  await expect(lan.getByText('Phần 2/2')).toBeVisible();
  await expect(question(lan, 'Chị có con nhỏ không? *').getByLabel('Có')).toBeChecked();
  await expect(lan.getByLabel('Mấy con dưới 16 tuổi?')).toHaveValue('2');
  await question(lan, 'Chị hài lòng với nhóm đến đâu? *').getByLabel('4').check();
  await lan.getByLabel('Chị mong nhóm làm gì?').fill('Lớp dân vũ buổi tối');
  await snapshot(lan, '91-survey-answering');
  await lan.getByRole('button', { name: 'Quay lại' }).click();
  await expect(question(lan, 'Chị quan tâm gì? *').getByLabel('Dân vũ')).toBeChecked();
  await lan.getByRole('button', { name: 'Tiếp' }).click();
  await lan.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await expect(lan.getByText('Cảm ơn chị! Câu trả lời đã được gửi.')).toBeVisible();
  await lan.context().close();

  // The second answers on a phone that loses its connection before she sends.
  const hang = await signedIn(browser, OFFLINE);
  await hang.goto(url);
  await question(hang, 'Chị bao nhiêu tuổi? *').getByLabel('Dưới 30').check();
  await question(hang, 'Chị quan tâm gì? *').getByLabel('Sức khỏe').check();
  await hang.getByRole('button', { name: 'Tiếp' }).click();
  await question(hang, 'Chị có con nhỏ không? *').getByLabel('Không').check();
  await expect(hang.getByLabel('Mấy con dưới 16 tuổi?')).toHaveCount(0);
  await question(hang, 'Chị hài lòng với nhóm đến đâu? *').getByLabel('5').check();
  await hang.context().setOffline(true);
  await hang.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await expect(hang.getByText(/Chưa có mạng\. Câu trả lời đã được lưu trên máy/)).toBeVisible();
  await snapshot(hang, '92-survey-waiting').catch(() => undefined);
  await hang.context().setOffline(false);
  await expect(hang.getByText(/Có mạng trở lại: câu trả lời khảo sát của chị đã được gửi/)).toBeVisible();
  await hang.context().close();

  // The results: counts, shares and averages, and the spreadsheet with the same numbers.
  await page.goto(url);
  await page.getByRole('link', { name: /Xem kết quả/ }).click();
  await expect(page.getByText('2 phiếu trả lời', { exact: false }).first()).toBeVisible();
  const chart = (n: number, text: string) => page.locator('.chart').filter({ hasText: `${n}. ${text}` });
  await expect(chart(1, 'Chị bao nhiêu tuổi?').locator('svg')).toContainText('Dưới 301 (50%)');
  await expect(chart(1, 'Chị bao nhiêu tuổi?').locator('svg')).toContainText('30 – 451 (50%)');
  await expect(chart(2, 'Chị quan tâm gì?').locator('svg')).toContainText('Sức khỏe2 (100%)');
  await expect(chart(2, 'Chị quan tâm gì?').locator('svg')).toContainText('Dân vũ1 (50%)');
  await expect(chart(3, 'Chị có con nhỏ không?').locator('svg')).toContainText('Có1 (50%)Không1 (50%)');
  await expect(chart(4, 'Mấy con dưới 16 tuổi?')).toContainText('1 phiếu trả lời · Trung bình: 2');
  await expect(chart(5, 'Chị hài lòng với nhóm đến đâu?')).toContainText('Trung bình: 4,5');
  await expect(chart(6, 'Chị mong nhóm làm gì?')).toContainText('Lớp dân vũ buổi tối');
  await snapshot(page, '93-survey-results');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải XLSX' }).click(),
  ]);
  const rows = await xlsxRows(await download.path());
  const column = (heading: string) => rows[0].indexOf(heading);
  expect(rows.length).toBe(3);
  expect(rows[0]).toContain('Họ và tên');
  const ages = column('Câu 1. Chị bao nhiêu tuổi?');
  const themes = column('Câu 2. Chị quan tâm gì?');
  const children = column('Câu 4. Mấy con dưới 16 tuổi?');
  const stars = column('Câu 5. Chị hài lòng với nhóm đến đâu?');
  expect(rows.slice(1).map((r) => r[ages]).sort()).toEqual(['30 – 45', 'Dưới 30']);
  expect(rows.slice(1).filter((r) => r[themes].includes('Sức khỏe')).length).toBe(2);
  expect(rows.slice(1).filter((r) => r[themes].includes('Dân vũ')).length).toBe(1);
  expect(rows.slice(1).map((r) => r[children]).sort()).toEqual(['', '2']);
  expect(rows.slice(1).map((r) => Number(r[stars])).reduce((a, b) => a + b) / 2).toBe(4.5);
});
