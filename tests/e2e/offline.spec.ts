// Light and offline: pages outside the first load arrive on demand (one pack per feature), a page
// whose pack cannot be fetched says so and tries again, the app opens with no network and shows
// what she last saw, and a comment written offline is sent once the connection returns.
// Each test signs in a member that no other spec uses to change anything.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, logIn, snapshot } from './pages';

/** A phone of her own, signed in; `serviceWorkers: 'block'` keeps the network the only source. */
async function phone(browser: Browser, number: string, worker: 'allow' | 'block'): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers: worker,
  });
  const page = await context.newPage();
  await logIn(page, number, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  return [context, page];
}

test('a page outside the first load opens from a deep link with one request for its feature', async ({ page }) => {
  const packs: string[] = [];
  page.on('request', (request) => {
    if (/\/app\/[0-9a-f]{16}\/pack_/.test(request.url())) packs.push(new URL(request.url()).pathname);
  });
  await page.goto('/groups?q=cam%20le');
  await expect(page.getByRole('link', { name: /Thanh Xuân Cẩm Lệ/ })).toBeVisible();
  expect(packs).toEqual([expect.stringMatching(/pack_groups\.bin$/)]);
  // The home feed is in the first load: going there fetches no pack.
  const before = packs.length;
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Bảng tin' }).click();
  await expect(page.getByRole('link', { name: 'Đăng ký' }).first()).toBeVisible();
  expect(packs.length).toBe(before);
});

test('a page whose pack cannot be fetched says so, the app keeps working, and trying again works once online', async ({ browser }) => {
  const [context, page] = await phone(browser, '0987000015', 'block');
  await context.setOffline(true);
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Khảo sát' }).click();
  await expect(page.getByText('Không tải được trang')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Thử lại' })).toBeVisible();
  await snapshot(page, '86-page-failed-offline');
  // The rest of the app still answers: the first load's pages need no pack.
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Bảng tin' }).click();
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Khảo sát' }).click();
  await expect(page.getByText('Không tải được trang')).toBeVisible();
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.getByRole('heading', { name: 'Khảo sát nhu cầu' })).toBeVisible();
  await expect(page.getByText('Không tải được trang')).toHaveCount(0);
  await context.close();
});

test('opened with no network, the app shows her last feed and says it is offline', async ({ browser }) => {
  const [context, page] = await phone(browser, '0987000013', 'allow');
  // The service worker installs on the first visit and takes the page; the next visit goes
  // through it, which keeps the feed's answers for later.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const firstPost = page.locator('article.post').first();
  await expect(firstPost).toBeVisible();
  const seen = (await firstPost.locator('.prose').first().innerText()).trim();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Đang ngoại tuyến' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nhóm của tôi' })).toBeVisible();
  await expect(page.locator('article.post').first().locator('.prose').first()).toHaveText(seen);
  // Her account is personal data (`no-store`): the app remembered who she is, the worker kept
  // only the feed.
  const kept = await page.evaluate(async () =>
    (await (await caches.open('api')).keys()).map((request) => new URL(request.url).pathname),
  );
  expect(kept.some((path) => path === '/api/feed' || path.includes('/posts'))).toBe(true);
  expect(kept.filter((path) => path.startsWith('/api/me') || path.startsWith('/api/hoi'))).toEqual([]);
  await snapshot(page, '87-offline-feed');
  await context.setOffline(false);
  await context.close();
});

test('a comment written offline waits, is sent when the connection returns, and is stored once', async ({ browser }) => {
  const [context, page] = await phone(browser, '0987000014', 'block');
  await page.locator('article.post').first().getByRole('link', { name: /Bình luận/ }).last().click();
  const box = page.getByLabel('Viết bình luận…');
  await expect(box).toBeVisible();
  const text = `Chị em mình hẹn tối nay nhé ${Date.now() % 100000}`;
  // The first send reaches the server but its answer is lost, as on a dropped connection: the
  // phone keeps the comment with its idempotency key, and the second delivery is recognised.
  let lost = false;
  await page.route('**/api/posts/*/comments', async (route) => {
    if (route.request().method() === 'POST' && !lost) {
      lost = true;
      await route.fetch();
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await box.fill(text);
  await page.getByRole('button', { name: 'Gửi' }).click();
  const waiting = page.locator('.comment.waiting').filter({ hasText: text });
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText('sẽ tự gửi khi có mạng');
  await expect(box).toHaveValue('');
  await snapshot(page, '88-comment-waiting');
  // The connection comes back (the browser's `online` event).
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(waiting).toHaveCount(0);
  await expect(page.locator('.comment').filter({ hasText: text })).toHaveCount(1);
  await page.reload();
  await expect(page.locator('.comment').filter({ hasText: text })).toHaveCount(1);
  await context.close();
});

test('votes and quizzes say they need a connection instead of waiting', async ({ browser }) => {
  // A Gia Lâm member who reads the contest here and votes nowhere (survey.spec has her answer).
  const [context, page] = await phone(browser, '0987000029', 'block');
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cuộc thi' }).click();
  await page.getByRole('link', { name: /Duyên dáng áo dài 2026/ }).click();
  await expect(page.getByRole('button', { name: 'Bình chọn' }).first()).toBeEnabled();
  await context.setOffline(true);
  // Answers stop coming: the app notices at the next request or the browser's `offline` event.
  await expect(page.getByRole('button', { name: 'Bình chọn' }).first()).toBeDisabled();
  await expect(page.getByText('Cần có mạng để bình chọn').first()).toBeVisible();
  await snapshot(page, '89-vote-offline');
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: 'Bình chọn' }).first()).toBeEnabled();
  await context.close();
});

test('the Tôi tab offers to add the app to the home screen once, where the browser allows it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Đăng ký' }).first()).toBeVisible();
  // What Chromium sends when the app is installable (headless never does by itself).
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, { prompt: () => ((window as unknown as { prompted: boolean }).prompted = true) });
    window.dispatchEvent(event);
  });
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Tôi' }).click();
  await page.getByRole('button', { name: 'Thêm vào màn hình chính' }).click();
  expect(await page.evaluate(() => (window as unknown as { prompted: boolean }).prompted)).toBe(true);
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Bảng tin' }).click();
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Tôi' }).click();
  await expect(page.getByRole('heading', { name: 'Cài đặt' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Thêm vào màn hình chính' })).toHaveCount(0);
});
