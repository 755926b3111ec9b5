// embed.html: one <sahel-map> for CMSes that only take an iframe. View options come from the
// query string (?lang=fr&layers=usa,rus&country=NER&date=2024-03-16&theme=dark); the fragment
// carries the reader's view and is kept by the element itself (url-state). The page tells its
// parent how tall it is on every change, in pym.js's message format and in our own.
//
// A query is anyone's to write, so a link never brings data from another origin nor words the
// newsroom did not publish: data files come from this page's origin or those the newsroom
// allowed when it built dist/, texts only as sets it published there (?texts=<name>). The
// build writes its policy (embed.config.json) here.
const POLICY = /*@EMBED_POLICY@*/{ dataOrigins: [], texts: {} };
const VIEW = ['lang', 'layers', 'country', 'date', 'theme'];
const DATA = ['data-src', 'data-geo-src'];
const TEXTS = ['headline', 'subtitle', 'notes', 'credit'];

const map = document.querySelector('sahel-map');
const query = new URLSearchParams(location.search);
const refuse = (what, how) => console.warn(`sahel-map embed.html: ${what} refused. ${how}`);

for (const name of VIEW) {
  const value = query.get(name);
  if (value !== null) map.setAttribute(name, value);
}
for (const name of DATA) {
  const value = query.get(name);
  if (value === null) continue;
  let url = null;
  try {
    url = new URL(value, location.href);
  } catch {}
  const web = url && (url.protocol === 'https:' || url.protocol === 'http:');
  if (web && (url.origin === location.origin || POLICY.dataOrigins.includes(url.origin))) {
    map.setAttribute(name, url.href);
  } else {
    refuse(
      `?${name}=${value}`,
      web
        ? `A link may load data from this page's origin only, unless the newsroom adds "${url.origin}" to data_origins in embed.config.json and rebuilds dist/ (docs/EMBED.md).`
        : 'It is not an http(s) URL.',
    );
  }
}
const set = query.get('texts');
if (set !== null) {
  if (Object.hasOwn(POLICY.texts, set)) {
    for (const [name, text] of Object.entries(POLICY.texts[set])) map.setAttribute(name, text);
  } else {
    refuse(`?texts=${set}`, `No such set was published: add it under "texts" in embed.config.json and rebuild dist/ (docs/EMBED.md).`);
  }
}
for (const name of TEXTS) {
  if (query.has(name)) {
    refuse(`?${name}=`, `A link cannot put words in the newsroom's map: publish them under "texts" in embed.config.json, rebuild dist/ and link with ?texts=<name> (docs/EMBED.md).`);
  }
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
