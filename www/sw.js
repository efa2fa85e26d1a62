// The page's service worker (registered by js/boot.js): it keeps a copy of
// every file a visit needs (precache.js, written by each build) so that a
// reload, or a visit later, works with no network at all.
//
// The network is asked first, the copy only when it cannot answer: online,
// the page is always the one the server has now (a rebuild shows at the next
// reload, never a version late), and offline it is the last build this
// worker installed, whole: the copy is never written file by file from what
// the page happens to fetch, so it never mixes two builds.
importScripts('precache.js');

const CACHE = `biaozhu-${self.PRECACHE.version}`;

self.addEventListener('install', (event) => {
  // Asked of the server again (no-cache: a host with validators answers 304 for what the browser has), never
  // taken from the HTTP cache unasked. Waiting for the page's other tabs to close would leave the old set
  // cached: this one takes over at their next load.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(self.PRECACHE.files.map((f) => new Request(f, { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((k) => k.startsWith('biaozhu-') && k !== CACHE);
      await Promise.all(old.map((k) => caches.delete(k)));
      // The page's own request starts while this worker wakes, instead of after.
      await self.registration.navigationPreload?.enable();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  event.respondWith(networkElseCopy(event));
});

async function networkElseCopy(event) {
  const { request } = event;
  try {
    return (await event.preloadResponse) ?? (await fetch(request));
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const navigation = request.mode === 'navigate';
    // `/`, `/?sample` and `/index.html` are all the one page.
    const copy = (await cache.match(request, { ignoreSearch: navigation })) ?? (navigation ? await cache.match('index.html') : undefined);
    if (copy) return copy;
    throw offline;
  }
}
