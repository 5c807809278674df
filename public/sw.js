// Chi hội số's service worker: the app opens with no network and shows what she last saw.
//
// `cargo xtask wasm` puts `const RELEASE = { id, shell, later, parts }` above these lines:
// `shell` is index.html (as `/`), the CSS, the first-load wasm and JS, the manifest and icons;
// `later` the packs of the other pages' chunks, and `parts` how each pack cuts into its table of
// contents (kept as `<pack>?toc`) and the files it holds. Those lines
// change with every release, which is how the browser learns there is a new worker.
//
// - A release's files are cached at install (`shell`) and when the page says it is idle
//   (`later`), and served cache first: their names hold the release id, so they never change.
//   A pack is kept as the files it holds (each once, though packs share files) and put back
//   together when the page asks for it.
// - Pages (navigations) get the cached index.html at once, even on a patchy network.
// - `/api/*` GETs go to the network first; when it fails or is slow, the last answer she saw is
//   served, marked `x-hoi-offline: 1` so the app says "Đang ngoại tuyến". Photos are cache first.
// - No skipWaiting on install: a new release takes over on the next start, so a page never mixes
//   two releases' files, unless the page asks for it (`activate-now`) to recover from a chunk the
//   server no longer has.

const FILES = `files-${RELEASE.id}`;
const API = 'api';
const PHOTOS = 'photos';
/** After this long without an answer, the cached one is served (the request goes on). */
const API_TIMEOUT_MS = 6000;
const MAX_API_ANSWERS = 200;
const MAX_PHOTOS = 300;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(FILES).then((cache) => cache.addAll(RELEASE.shell)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('files-') && name !== FILES) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'warm') event.waitUntil(warm());
  // Another woman may use the phone next: what the API answered the last one goes.
  if (event.data === 'forget-answers') event.waitUntil(Promise.all([caches.delete(API), caches.delete(PHOTOS)]));
  if (event.data === 'activate-now') self.skipWaiting();
});

/** Caches the packs this release has not cached yet, one at a time, stopping at the first failure. */
async function warm() {
  for (const url of RELEASE.later) {
    try {
      const response = await pack(new Request(url));
      if (!response.ok) return;
    } catch (_) {
      return;
    }
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/api/')) {
    if (!answerable(url, request)) return;
    event.respondWith(url.pathname.startsWith('/api/photos/') ? photo(request) : answer(request));
  } else if (RELEASE.parts[url.pathname]) {
    event.respondWith(pack(request));
  } else {
    event.respondWith(file(request));
  }
});

/** Live streams and downloads are never cached. */
function answerable(url, request) {
  return (
    url.pathname !== '/api/events' &&
    url.pathname !== '/api/health' &&
    !url.pathname.endsWith('/stream') &&
    !url.pathname.includes('/export') &&
    !url.searchParams.has('format') &&
    !(request.headers.get('accept') || '').includes('text/event-stream')
  );
}

async function page(request) {
  const cached = await caches.match('/', { cacheName: FILES });
  if (cached) return cached;
  return fetch(request);
}

async function file(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/app/')) {
    const copy = response.clone();
    caches.open(FILES).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** A pack from the files it holds when all are cached; else from the network, then cut and kept. */
async function pack(request) {
  const layout = RELEASE.parts[new URL(request.url).pathname];
  const cache = await caches.open(FILES);
  const cached = await Promise.all(layout.map(([file]) => cache.match(file)));
  if (cached.every(Boolean)) {
    const bytes = await Promise.all(cached.map((response) => response.arrayBuffer()));
    return new Response(new Blob(bytes), { headers: { 'content-type': 'application/octet-stream' } });
  }
  const response = await fetch(request);
  if (response.ok) {
    const bytes = await response.clone().arrayBuffer();
    await Promise.all(
      layout.map(([file, start, length]) =>
        cache.put(file, new Response(bytes.slice(start, start + length), { headers: { 'content-type': 'application/wasm' } })),
      ),
    );
  }
  return response;
}

async function photo(request) {
  const cache = await caches.open(PHOTOS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    trim(cache, MAX_PHOTOS);
  }
  return response;
}

async function answer(request) {
  const cache = await caches.open(API);
  const network = fetch(request).then(async (response) => {
    if (response.status === 200 && !(response.headers.get('cache-control') || '').includes('no-store')) {
      await cache.put(request, response.clone());
      trim(cache, MAX_API_ANSWERS);
    }
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, API_TIMEOUT_MS, 'late'));
  try {
    const first = await Promise.race([network, late]);
    if (first !== 'late') return first;
    return (await offline(cache, request)) || (await network);
  } catch (_) {
    return (await offline(cache, request)) || Response.error();
  }
}

/** The last answer to `request`, marked as such; nothing when there is none. */
async function offline(cache, request) {
  const cached = await cache.match(request);
  if (!cached) return null;
  const headers = new Headers(cached.headers);
  headers.set('x-hoi-offline', '1');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

/** Keeps the newest `max` entries (the cache lists them oldest first). */
async function trim(cache, max) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}
