// embed.html: one <sahel-map> for CMSes that only take an iframe. Options come from the query
// string (?lang=fr&layers=usa,rus&country=NER&date=2024-03-16); the fragment carries the
// reader's view and is kept by the element itself (url-state). The page tells its parent how
// tall it is on every change, in pym.js's message format and in our own.
const map = document.querySelector('sahel-map');
const query = new URLSearchParams(location.search);
for (const name of ['lang', 'layers', 'country', 'date', 'theme', 'data-src', 'headline', 'subtitle', 'notes', 'credit']) {
  const value = query.get(name);
  if (value !== null) map.setAttribute(name, value);
}
if (query.get('lang')) document.documentElement.lang = query.get('lang');

// pym.js parents pass their child's id; our own snippet matches on the message type.
const pymId = query.get('childId');
let last = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  if (pymId) window.parent.postMessage(`pymxPYMx${pymId}xPYMxheightxPYMx${height}`, '*');
  window.parent.postMessage({ type: 'sahel-map:height', height }, '*');
}).observe(document.documentElement);

await import('./sahel-map.js');
