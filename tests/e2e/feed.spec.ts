// The feed on a phone: a member's post with photos waits for the board, which comments and
// approves it; another member reacts and comments; a link to an unknown site is held; a reported
// comment disappears when the board removes it, and the moderation log says so.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, GIA_LAM_ADMIN, logIn, snapshot } from './pages';

const LAN = '0987000001'; // Nguyễn Thị Lan, member of the Gia Lâm group
const HANG = '0987000004'; // Vũ Thị Hằng
const THAO = '0987000003'; // Hoàng Thị Thảo

/** A small real PNG (8×8, one colour), as a phone's gallery would hand it over. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4oRGFFTEMLQkAWChSgXZ/mz4AAAAASUVORK5CYII=',
  'base64',
);

async function phone(browser: Browser, who: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, who, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  return page;
}

async function openGroup(page: Page) {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Nhóm của tôi' }).getByRole('link', { name: /Phụ nữ Gia Lâm/ }).click();
}

test('a post with two photos waits, the board comments and approves, members react and comment', async ({ browser }) => {
  const lan = await phone(browser, LAN);
  await openGroup(lan);
  await lan.getByRole('link', { name: /Viết bài/ }).click();
  const text = `Ảnh buổi dân vũ tối qua, lần ${Date.now() % 1000}`;
  await lan.getByLabel('Nội dung').fill(text);
  await lan.getByLabel('Chủ đề').selectOption({ label: 'Văn nghệ - dân vũ - thể thao' });
  await lan.locator('input[type=file]').setInputFiles([
    { name: 'dan-vu-1.png', mimeType: 'image/png', buffer: PNG },
    { name: 'dan-vu-2.png', mimeType: 'image/png', buffer: PNG },
  ]);
  await expect(lan.locator('.photo-grid img')).toHaveCount(2);
  // A reload loses nothing: the text and the uploaded photos are kept on the phone.
  await lan.reload();
  await expect(lan.getByLabel('Nội dung')).toHaveValue(text);
  await expect(lan.locator('.photo-grid img')).toHaveCount(2);
  await snapshot(lan, '40-compose');
  await lan.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(lan.getByRole('status').filter({ hasText: 'Chờ duyệt' })).toBeVisible();
  const postUrl = lan.url();
  await snapshot(lan, '41-post-waiting');

  const admin = await phone(browser, GIA_LAM_ADMIN);
  await openGroup(admin);
  await admin.getByRole('link', { name: /Việc cần duyệt/ }).click();
  const waiting = admin.locator('article.post').filter({ hasText: text });
  await expect(waiting).toBeVisible();
  await expect(waiting.locator('.photos img')).toHaveCount(2);
  await snapshot(admin, '42-board-queue');
  await admin.goto(postUrl);
  await admin.getByLabel('Viết bình luận…').fill('Ảnh đẹp quá, chị ghi thêm tên đội nhé!');
  await admin.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(admin.locator('.comment').filter({ hasText: 'chị ghi thêm tên đội' })).toBeVisible();
  await admin.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(admin.getByRole('button', { name: 'Ghim lên đầu' })).toBeVisible();

  const hang = await phone(browser, HANG);
  const inFeed = hang.locator('article.post').filter({ hasText: text });
  await expect(inFeed).toBeVisible();
  await expect(inFeed.locator('.photos img')).toHaveCount(2);
  await inFeed.getByRole('button', { name: /Thích/ }).click();
  await inFeed.getByRole('button', { name: 'Yêu thích' }).click();
  await inFeed.getByRole('link', { name: 'Bình luận' }).last().click();
  await hang.getByLabel('Viết bình luận…').fill('Chị em nhảy đều quá!');
  await hang.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(hang.locator('.comment').filter({ hasText: 'Chị em nhảy đều quá!' })).toBeVisible();

  await lan.goto(postUrl);
  await expect(lan.getByRole('status').filter({ hasText: 'Chờ duyệt' })).toHaveCount(0);
  await expect(lan.locator('.reactions .counts')).toContainText('1');
  await expect(lan.locator('.reactions')).toContainText('2 Bình luận');
  await lan.goto('/');
  await expect(lan.getByRole('link', { name: 'Bài của chị đã được duyệt' }).first()).toBeVisible();
  await snapshot(lan, '43-home-feed');
});

test('a member post with a link to an unknown site says why it is held', async ({ browser }) => {
  const thao = await phone(browser, THAO);
  await openGroup(thao);
  await thao.getByRole('link', { name: /Viết bài/ }).click();
  await thao.getByLabel('Nội dung').fill('Nhận quà miễn phí tại https://qua-tang-mien-phi.xyz/nhan');
  await thao.getByRole('button', { name: 'Đăng bài' }).click();
  const status = thao.getByRole('status').filter({ hasText: 'Chờ duyệt' });
  await expect(status).toContainText('Có liên kết tới trang lạ');
  // The link itself goes through the warning page, and shows its domain.
  await expect(thao.locator('.domain')).toContainText('qua-tang-mien-phi.xyz');
  await thao.getByRole('link', { name: 'https://qua-tang-mien-phi.xyz/nhan' }).click();
  await expect(thao.getByRole('heading', { name: 'Chị sắp rời Chi hội số' })).toBeVisible();
  await expect(thao.getByRole('link', { name: /Tiếp tục tới qua-tang-mien-phi.xyz/ })).toBeVisible();
  await snapshot(thao, '44-leave-warning');
});

test('a reported comment disappears when the board removes it, and the log shows it', async ({ browser }) => {
  const thao = await phone(browser, THAO);
  const post = thao.locator('article.post').filter({ hasText: 'biếng ăn' });
  await post.getByRole('link', { name: 'Bình luận' }).last().click();
  const rude = `Hỏi gì mà hỏi lắm thế, lần ${Date.now() % 1000}`;
  await thao.getByLabel('Viết bình luận…').fill(rude);
  await thao.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(thao.locator('.comment').filter({ hasText: rude })).toBeVisible();
  const postUrl = thao.url();

  const hang = await phone(browser, HANG);
  await hang.goto(postUrl);
  const comment = hang.locator('.comment').filter({ hasText: rude });
  await comment.getByRole('button', { name: 'Báo cáo vi phạm' }).click();
  await comment.getByLabel('Lý do báo cáo').fill('Nói năng thiếu tôn trọng');
  await comment.getByRole('button', { name: 'Gửi' }).click();
  await expect(hang.getByText('Đã gửi báo cáo tới Ban quản trị.')).toBeVisible();

  const admin = await phone(browser, GIA_LAM_ADMIN);
  await admin.goto('/groups/1/queue');
  const flag = admin.locator('article.flag').filter({ hasText: rude });
  await expect(flag).toContainText('Nói năng thiếu tôn trọng');
  await flag.getByRole('button', { name: 'Gỡ nội dung' }).click();
  await expect(flag).toHaveCount(0);
  await admin.getByText('Nhật ký quản trị').click();
  await expect(admin.locator('.audit li').filter({ hasText: 'Gỡ bình luận' }).first()).toContainText(rude);
  await snapshot(admin, '45-queue-audit');

  await hang.reload();
  await expect(hang.locator('.comment').filter({ hasText: 'Chị cho bé ăn ít một' })).toBeVisible();
  await expect(hang.locator('.comment').filter({ hasText: rude })).toHaveCount(0);
});

test('an admin turns approval off: plain posts go live, links to unknown sites still wait', async ({ browser }) => {
  const admin = await phone(browser, GIA_LAM_ADMIN);
  await admin.goto('/groups/1/queue');
  await admin.getByText('Quy tắc duyệt bài').click();
  const approveAll = admin.getByLabel('Duyệt mọi bài của thành viên trước khi đăng');
  await expect(approveAll).toBeChecked();
  await approveAll.uncheck();
  await admin.getByLabel(/người mới vào nhóm/).fill('0');
  await admin.getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.getByText('Đã lưu')).toBeVisible();
  await snapshot(admin, '46-moderation-rules');

  const lan = await phone(browser, LAN);
  await openGroup(lan);
  await lan.getByRole('link', { name: /Viết bài/ }).click();
  await lan.getByLabel('Nội dung').fill('Chúc cả nhà cuối tuần vui vẻ!');
  await lan.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(lan.locator('article.post').filter({ hasText: 'Chúc cả nhà cuối tuần vui vẻ!' })).toBeVisible();
  await expect(lan.getByRole('status').filter({ hasText: 'Chờ duyệt' })).toHaveCount(0);

  await openGroup(lan);
  await lan.getByRole('link', { name: /Viết bài/ }).click();
  await lan.getByLabel('Nội dung').fill('Vay nhanh không cần thế chấp tại vaytien247.top');
  await lan.getByRole('button', { name: 'Đăng bài' }).click();
  await expect(lan.getByRole('status').filter({ hasText: 'Chờ duyệt' })).toContainText('Có liên kết tới trang lạ');
});

test('a member reading the group sees a "new posts" pill when the board posts, and search ignores diacritics', async ({ browser }) => {
  const hang = await phone(browser, HANG);
  await openGroup(hang);
  await hang.getByRole('searchbox').fill('suc khoe sinh san');
  await hang.getByRole('searchbox').press('Enter');
  await expect(hang.locator('article.post')).toHaveCount(1);
  await expect(hang.locator('article.post')).toContainText('khám sức khỏe sinh sản');
  await hang.getByRole('searchbox').fill('');
  await hang.getByRole('searchbox').press('Enter');

  const admin = await phone(browser, GIA_LAM_ADMIN);
  const posted = await admin.request.post('/api/groups/1/posts', {
    data: { kind: 'post', category: 'hoi_news', body: 'Chi hội họp lúc 19 giờ tối nay' },
  });
  expect(posted.status()).toBe(201);
  const pill = hang.getByRole('button', { name: /1 bài mới/ });
  await expect(pill).toBeVisible();
  await pill.click();
  await expect(hang.locator('article.post').filter({ hasText: 'Chi hội họp lúc 19 giờ tối nay' }).first()).toBeVisible();
  await expect(pill).toHaveCount(0);
});
