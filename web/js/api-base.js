// Where the API lives. The pages are static files (S3 + CloudFront in AWS, `npm start` here), so the base
// comes, in order, from `?api=` (the widget passes its `data-api`), from `<meta name="api-base">`, or
// else is the page's own origin (CloudFront or the local server routing /api to the API).

import { safeHttpUrl } from './dom.js';

export function resolveApiBase() {
  const fromQuery = new URLSearchParams(window.location.search).get('api');
  const fromMeta = document.querySelector('meta[name="api-base"]')?.getAttribute('content');
  for (const candidate of [fromQuery, fromMeta]) {
    const url = candidate ? safeHttpUrl(candidate) : null;
    if (url) return url.replace(/\/+$/, '');
  }
  return window.location.origin;
}
