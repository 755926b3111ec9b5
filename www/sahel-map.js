// sahel-map.js: the stable loader. Importing it defines <sahel-map>.
//
// wasm-bindgen cannot emit `class extends HTMLElement`, so this small module is hand-written:
// it owns the element's life cycle, shares one wasm instance and one stylesheet between every
// map on the page, and hands each element's shadow root to the Rust `mount`. It imports
// nothing up front. A prerendered page carries each map's first frame in its markup and loads
// this in the background; elsewhere, alone it is small enough to block rendering
// (`blocking="render"`), so the first frame is in place before the page is first drawn. The glue
// and the wasm come after.

// The widget's stylesheet (www/widget.css), inlined by `cargo xtask build`.
const CSS = /*@WIDGET_CSS@*/"";
// The first frame in each language, built with the widget's own code by `cargo xtask build`:
// its layout, with the poster in the map's place, shown until the map is ready.
const FIRST = /*@FIRST_FRAME@*/{};
// The newsroom's own words around the map: an attribute gives plain text, a child element with the
// same `slot` name gives markup the page styles itself. The headline names the whole figure.
const TEXTS = ['headline', 'subtitle', 'notes', 'credit'];
const ATTRIBUTES = ['lang', 'layers', 'country', 'date', 'data-src', 'data-geo-src', 'theme', ...TEXTS];

// Attributes checked here, since no wasm is needed to read them: a bad value warns once, naming
// what is accepted, and the default applies. (lang and country are checked by the widget.) The
// cases live in tests/fixtures/attributes.json, shared with the Rust tests of `Date::parse`.
const ACCEPTS = {
  theme: [(v) => v === 'light' || v === 'dark', 'light or dark'],
  date: [isDate, 'a date as YYYY, YYYY-MM or YYYY-MM-DD'],
  layers: [(v) => /^\s*[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*$/.test(v), 'a comma-separated list of lower-case layer ids such as usa,fra,rus'],
};

// A calendar date to the precision given, as the widget's `Date::parse` reads it.
function isDate(v) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] && Number(m[2]), m[3] && Number(m[3])];
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day === undefined) return true;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day >= 1 && day <= days;
}

function check(name, value) {
  const rule = ACCEPTS[name];
  if (rule && value !== null && !rule[0](value)) {
    console.warn(`sahel-map: ${name}="${value}" is not accepted: use ${rule[1]}. Using the default.`);
  }
}

let sheet = null;
let wasm = null;

function sharedSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// The page's turn: a message to itself, which (unlike a zero timeout) a background tab does
// not hold back.
function nextTask() {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

function wasmReady() {
  if (!wasm) {
    // The bundled countries file too: the map asks for it once the wasm runs, and finds it in
    // the HTTP cache (its name is its content's, so a CDN keeps it). Its body is read to the
    // end, so the cache entry is whole whatever the page does next.
    fetch(new URL('./countries.geojson', import.meta.url))
      .then((r) => r.arrayBuffer())
      .catch(() => {});
    // The wasm's bytes and the glue side by side, not the one after the other: the glue takes
    // the response as it comes (compiled while it streams in).
    const bytes = fetch(new URL('./sahel_map_core_bg.wasm', import.meta.url));
    wasm = import('./sahel_map_core.js').then(async (glue) => {
      await glue.default({ module_or_path: bytes });
      return glue;
    });
  }
  return wasm;
}

class SahelMapElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  // The wasm work starts only when a map comes within a screen's height of the viewport: a map
  // far down a long article costs the reader nothing until they scroll towards it.
  static #nearViewport =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              SahelMapElement.#nearViewport.unobserve(entry.target);
              entry.target.#start();
            }
          },
          { rootMargin: '100% 0px' },
        )
      : null;

  #handle = null;
  // The first frame's nodes go once the stylesheet has swapped the live widget in (or shown
  // its error); on ready, the downloads, in place from the start, start working.
  #ended = (event) => {
    this.#body?.querySelector('.sm-first-box')?.remove();
    if (event.type !== 'sahel-map:ready') return;
    for (const b of this.#downloadBox?.querySelectorAll('button') ?? []) b.disabled = false;
    this.#applySelect();
  };
  // Bumped on every start and stop, so a mount that resolves after removal is dropped.
  #generation = 0;
  // The figure around the map: its texts (by name) and the box the map is drawn in.
  #texts = {};
  #body = null;
  #downloadBox = null;
  // Story steps (`<ol slot="steps">`): their box, the page's items, the step shown (null: none),
  // the attributes the page wrote (restored where a step says nothing), a selection waiting for
  // the map.
  #stepsBox = null;
  #stepItems = [];
  #step = null;
  #base = null;
  #pendingSelect = null;

  constructor() {
    super();
    this.addEventListener('sahel-map:ready', this.#ended);
    this.addEventListener('sahel-map:error', this.#ended);
  }

  // With `url-state`, back and forward walk the steps too: the step is in the fragment. The map
  // applies the fragment (the step included) in its own listener; the caption follows after
  // every listener has run, so no view is written back half-applied.
  #onPop = () =>
    setTimeout(() => {
      const step = stepInUrl();
      if (step === this.#step || (step !== null && step >= this.#stepItems.length)) return;
      this.#step = step;
      this.#showStep(true, false);
    });

  connectedCallback() {
    if (this.hasAttribute('url-state')) window.addEventListener('popstate', this.#onPop);
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // A prerendered figure (`cargo xtask prerender`) is taken as it stands, styled by its own
    // rules until the map mounts: building it anew, with the whole stylesheet, held the page
    // for a task of about 120 ms at 4x CPU. One that lacks a part (prerendered by another
    // version) is built anew.
    const drawn = this.#body ? null : [...root.children].find((e) => e.classList.contains('sm-frame') && SahelMapElement.#complete(e));
    if (drawn) {
      this.#wire(drawn);
      this.#readSteps();
    } else {
      root.adoptedStyleSheets = [sharedSheet()];
      root.replaceChildren(this.#wire(this.#figure()));
    }
    this.#fillFirst(!drawn);
    this.setAttribute('state', 'loading');
    if (SahelMapElement.#nearViewport) SahelMapElement.#nearViewport.observe(this);
    else this.#start();
  }

  disconnectedCallback() {
    window.removeEventListener('popstate', this.#onPop);
    SahelMapElement.#nearViewport?.unobserve(this);
    this.#stop();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (TEXTS.includes(name)) return this.#showText(name);
    if (name === 'lang') {
      queueMicrotask(() => {
        this.#downloadBox?.dispatchEvent(new Event('relabel'));
        this.#showStep(false);
      });
    }
    if (['lang', 'layers', 'theme', 'data-src', 'data-geo-src'].includes(name)) this.#fillFirst();
    check(name, value);
    // Live: the widget takes the new value without reloading (a new data-geo-src reloads the map).
    if ((name === 'data-geo-src' || name === 'data-src') && value) value = new URL(value, document.baseURI).href;
    this.#handle?.setAttribute(name, value);
  }

  // The page's API. Setters go through the attributes, so they work before the map is ready
  // and apply live after; a wrong type throws a TypeError naming the argument.

  /** Selects a country by ISO3 (or, with `type` "base", "site", "link" or "partner", a record, a
   *  partner–state pair such as "rus:ner", or a partner layer by id); null clears. */
  select(id, type = 'country') {
    if (id !== null && typeof id !== 'string') throw new TypeError('sahel-map select(id): expected a string or null');
    if (!['country', 'base', 'site', 'link', 'partner'].includes(type)) {
      throw new TypeError('sahel-map select(id, type): type must be country, base, site, link or partner');
    }
    if (type === 'country') {
      if (id === null) this.removeAttribute('country');
      else this.setAttribute('country', id);
      if (id === null) this.#handle?.select(null, null);
    } else if (!this.#handle?.select(type, id)) {
      throw new Error('sahel-map select(): the map is not ready yet');
    }
  }

  /** The layers shown, as ids (`bases` and `links` included when on); null until ready. */
  get layers() {
    return this.view?.layers ?? null;
  }

  set layers(ids) {
    if (ids === null) return this.removeAttribute('layers');
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new TypeError('sahel-map layers: expected an array of layer ids such as ["usa", "rus"], or null');
    }
    this.setAttribute('layers', ids.join(','));
  }

  /** The date shown, YYYY-MM-DD (the dataset's as-of date unless set). */
  get date() {
    return this.view?.date ?? this.getAttribute('date');
  }

  set date(value) {
    if (value === null) return this.removeAttribute('date');
    if (typeof value !== 'string') throw new TypeError('sahel-map date: expected a date string such as "2024-03-16", or null');
    this.setAttribute('date', value);
  }

  /** The story step shown (0-based), or null for none; setting it moves the map to that step. */
  get step() {
    return this.#step;
  }

  set step(index) {
    const n = this.#stepItems.length;
    if (index !== null && !Number.isInteger(index)) {
      throw new TypeError('sahel-map step: expected a whole number (0 for the first step) or null');
    }
    if (index !== null && n > 0 && (index < 0 || index >= n)) {
      throw new RangeError(`sahel-map step: expected 0 to ${n - 1}, or null`);
    }
    if (index === this.#step) return;
    this.#step = index;
    // Before the steps are read (their slot fills after connection) the index waits for them.
    if (n > 0) this.#showStep(true);
  }

  /** What the reader sees: { type, id, country, date, lang, layers }, or null before the map is mounted. */
  get view() {
    return this.#handle ? this.#handle.view() : null;
  }

  // "Get the data" and "Download image": plain buttons in the figure's footer, in place and
  // disabled from the first frame (so nothing moves), usable once the map is.
  static #DOWNLOADS = [
    [['Get the data:', 'Télécharger les données :'], ['bases.csv', 'agreements.csv', 'countries.csv', 'JSON']],
    [['Download image:', 'Télécharger l’image :'], ['SVG', 'PNG']],
  ];

  #downloads() {
    const box = document.createElement('div');
    box.className = 'sm-downloads';
    for (const [, items] of SahelMapElement.#DOWNLOADS) {
      const span = document.createElement('span');
      span.className = 'sm-download-group';
      span.append(document.createElement('span'));
      for (const text of items) {
        const b = document.createElement('button');
        b.type = 'button';
        b.disabled = true;
        b.textContent = text;
        span.append(b);
      }
      box.append(span);
    }
    return box;
  }

  // The downloads' buttons (in #DOWNLOADS order) do their work; the groups' titles follow the
  // widget's language.
  #wireDownloads(box) {
    const fr = () => (this.view?.lang ?? this.#lang()) === 'fr';
    // The files carry the sources, which come with the whole dataset (fetched if need be).
    const text = async (name) => {
      await this.#handle?.details();
      // The element may have gone meanwhile.
      return this.#handle?.data(name) ?? Promise.reject(new Error('the data are not ready'));
    };
    const table = (name) => async () => save(`sahel-map-${name}-${this.date}.csv`, new Blob([await text(name)], { type: 'text/csv;charset=utf-8' }));
    const runs = [
      table('bases'),
      table('agreements'),
      table('countries'),
      async () => save(`sahel-map-${this.date}.json`, new Blob([await text('json')], { type: 'application/json' })),
      async () => save(`sahel-map-${this.date}.svg`, this.#svgBlob()),
      async () => save(`sahel-map-${this.date}.png`, await this.#pngBlob()),
    ];
    box.querySelectorAll('button').forEach((b, i) =>
      b.addEventListener('click', () => runs[i]().catch((e) => console.warn(`sahel-map: ${e.message ?? e}`))),
    );
    const titles = box.querySelectorAll('.sm-download-group > span:first-child');
    const relabel = () => titles.forEach((t, i) => (t.textContent = SahelMapElement.#DOWNLOADS[i][0][fr() ? 1 : 0]));
    relabel();
    box.addEventListener('relabel', relabel);
  }

  // The map as drawn now (zoom, layers, date, theme), standalone: its own styles, and the
  // credit line under it.
  #svgBlob() {
    const root = this.shadowRoot;
    const map = root.querySelector('svg.sm-map');
    const [, , w, h] = map.getAttribute('viewBox').split(' ').map(Number);
    const svg = map.cloneNode(true);
    svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    svg.setAttribute('viewBox', `0 0 ${w} ${h + 30}`);
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(h + 30));
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = `${CSS.replaceAll(':host', 'svg')}\nsvg{color-scheme:${this.#scheme()};background:var(--sahel-map-background)}`;
    svg.prepend(style);
    const credit = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    credit.setAttribute('x', '8');
    credit.setAttribute('y', String(h + 20));
    credit.setAttribute('font-size', '13');
    credit.setAttribute('fill', 'currentColor');
    credit.setAttribute('font-family', 'sans-serif');
    const shown = root.querySelector('.sm-date-shown')?.textContent ?? '';
    credit.textContent = `${shown} · ${root.querySelector('.sm-credit')?.textContent ?? ''}`;
    svg.append(credit);
    return new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' });
  }

  async #pngBlob() {
    const url = URL.createObjectURL(this.#svgBlob());
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.naturalWidth * 2, img.naturalHeight * 2];
      canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
      return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  #start() {
    const generation = ++this.#generation;
    // Each map mounts in a task of its own, apart from the wasm's instantiation (and from
    // every other map's mount): none of them holds the page for the time of two.
    wasmReady()
      .then(async (glue) => {
        await nextTask();
        return glue;
      })
      .then(({ mount }) => {
        if (generation !== this.#generation || !this.isConnected) return;
        this.#styled();
        this.#handle = mount(this, this.#body, this.#options());
        if (this.#step !== null) this.#handle.setAttribute('step', String(this.#step));
        // The download titles need no relabelling here: the widget starts in `#lang()`'s
        // language, which they were written in.
      })
      .catch((error) => {
        if (generation === this.#generation) this.#fail(error);
      });
  }

  #stop() {
    this.#generation++;
    if (this.#handle) {
      this.#handle.unmount();
      this.#handle.free();
      this.#handle = null;
    }
  }

  // header (headline, subtitle), the map's box, footer (notes, credit), as one labelled figure.
  #figure() {
    const figure = document.createElement('div');
    figure.className = 'sm-frame';
    figure.setAttribute('role', 'figure');
    const head = document.createElement('div');
    head.className = 'sm-head';
    const foot = document.createElement('div');
    foot.className = 'sm-foot';
    for (const name of TEXTS) {
      const box = document.createElement('div');
      box.className = box.id = `sm-news-${name}`;
      const slot = document.createElement('slot');
      slot.name = name;
      box.append(slot);
      (name === 'headline' || name === 'subtitle' ? head : foot).append(box);
    }
    const body = document.createElement('div');
    body.className = 'sm-body-box';
    const first = document.createElement('div');
    first.className = 'sm-first-box';
    body.append(first);
    foot.prepend(this.#downloads());
    figure.append(head, this.#stepsControls(), body, foot);
    return figure;
  }

  // Whether a prerendered figure has every part `#wire` finds, as this version writes them.
  static #complete(figure) {
    const has = (selector, n = 1) => figure.querySelectorAll(selector).length === n;
    return (
      TEXTS.every((name) => figure.querySelector(`#sm-news-${name}`)?.firstChild?.localName === 'slot') &&
      has('.sm-body-box > .sm-first-box') &&
      has('.sm-downloads button', SahelMapElement.#DOWNLOADS.flatMap(([, items]) => items).length) &&
      has('.sm-steps-nav button', 2) &&
      has('.sm-steps slot')
    );
  }

  // The figure's parts found and made to work, whether this loader built them or the page
  // came with them (prerendered: the same markup).
  #wire(figure) {
    for (const name of TEXTS) {
      const box = figure.querySelector(`#sm-news-${name}`);
      box.firstChild.addEventListener('slotchange', () => this.#showText(name));
      this.#texts[name] = box;
    }
    this.#body = figure.querySelector('.sm-body-box');
    this.#downloadBox = figure.querySelector('.sm-downloads');
    this.#wireDownloads(this.#downloadBox);
    this.#stepsBox = figure.querySelector('.sm-steps');
    const [prev, next] = this.#stepsBox.querySelectorAll('button');
    const move = (by) => () => {
      const n = this.#stepItems.length;
      this.step = Math.min(n - 1, Math.max(0, (this.#step ?? -1) + by));
    };
    prev.addEventListener('click', move(-1));
    next.addEventListener('click', move(1));
    this.#stepsBox.querySelector('slot').addEventListener('slotchange', () => this.#readSteps());
    for (const name of TEXTS) this.#showText(name);
    return figure;
  }

  // The steps' box: the step's caption (the page's own `li`, through the `steps` slot), where
  // the reader is, previous and next, and a polite live region that reads each new caption.
  #stepsControls() {
    const box = document.createElement('div');
    box.className = 'sm-steps';
    box.dataset.part = 'steps';
    box.hidden = true;
    const nav = document.createElement('div');
    nav.className = 'sm-steps-nav';
    const button = (className) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = className;
      return b;
    };
    const where = document.createElement('span');
    where.className = 'sm-step-where';
    nav.append(button('sm-step-prev'), where, button('sm-step-next'));
    const slot = document.createElement('slot');
    slot.name = 'steps';
    slot.addEventListener('slotchange', () => this.#readSteps());
    const live = document.createElement('p');
    live.className = 'sm-steps-live';
    live.setAttribute('aria-live', 'polite');
    box.append(nav, slot, live);
    return box;
  }

  // The page's steps: every `li` of the lists in the `steps` slot. The map opens as its
  // attributes say, with none shown; Start (or `step = 0`) begins the story.
  #readSteps() {
    const slot = this.#stepsBox.querySelector('slot');
    this.#stepItems = slot.assignedElements().flatMap((list) => [...list.children].filter((li) => li.localName === 'li'));
    const n = this.#stepItems.length;
    this.#stepsBox.hidden = n === 0;
    if (n === 0) return;
    // A link to a step opens there; the map takes the rest of the view from the link.
    const linked = this.hasAttribute('url-state') ? stepInUrl() : null;
    if (linked !== null && linked < n) {
      this.#step = linked;
      return this.#showStep(true, false);
    }
    if (this.#step !== null) this.#step = Math.min(this.#step, n - 1);
    this.#showStep(this.#step !== null);
  }

  // Shows the current step: its caption alone, where the reader is; `moved`: announce it, tell
  // the page and the URL, and (`apply`) set its date, layers and selection on the map.
  #showStep(moved, apply = moved) {
    const n = this.#stepItems.length;
    if (!this.#stepsBox || n === 0) return;
    const fr = this.#lang() === 'fr';
    const index = this.#step;
    this.#base ??= { date: this.getAttribute('date'), layers: this.getAttribute('layers'), country: this.getAttribute('country') };
    this.#stepItems.forEach((li, i) => {
      li.hidden = i !== index;
      if (i === index) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
    const [prev, next] = [this.#stepsBox.querySelector('.sm-step-prev'), this.#stepsBox.querySelector('.sm-step-next')];
    prev.textContent = fr ? '‹ Précédente' : '‹ Previous';
    next.textContent = index === null ? (fr ? 'Commencer ›' : 'Start ›') : fr ? 'Suivante ›' : 'Next ›';
    prev.setAttribute('aria-label', fr ? 'Étape précédente' : 'Previous step');
    next.setAttribute('aria-label', index === null ? (fr ? 'Commencer le récit' : 'Start the story') : fr ? 'Étape suivante' : 'Next step');
    // A button that becomes disabled while focused would drop focus to the page: it goes to
    // the other button instead.
    const focused = this.shadowRoot?.activeElement;
    prev.disabled = index === null || index === 0;
    next.disabled = index === n - 1;
    if (focused === prev && prev.disabled) next.focus();
    if (focused === next && next.disabled) prev.focus();
    const where = index === null ? (fr ? `${n} étapes` : `${n} steps`) : fr ? `Étape ${index + 1} sur ${n}` : `Step ${index + 1} of ${n}`;
    this.#stepsBox.querySelector('.sm-step-where').textContent = where;
    if (!moved) return;
    const li = index === null ? null : this.#stepItems[index];
    // Before the attributes: the map writes the step into the URL with the view they make.
    this.#handle?.setAttribute('step', index === null ? null : String(index));
    if (apply) this.#applyStep(li?.dataset ?? {});
    this.#stepsBox.querySelector('.sm-steps-live').textContent = li ? `${where}: ${li.textContent.trim().replace(/\s+/g, ' ')}` : '';
    this.dispatchEvent(new CustomEvent('sahel-map:step', { bubbles: true, composed: true, detail: { index } }));
  }

  // A step's date, layers and selection, or the page's own attributes where it says nothing.
  #applyStep(data) {
    const set = (name, value) => (value == null ? this.removeAttribute(name) : this.setAttribute(name, value));
    set('date', data.date ?? this.#base.date);
    set('layers', data.layers ?? this.#base.layers);
    // "link:rus:ner": the type is up to the first colon, the id the rest.
    const select = data.select ?? '';
    const colon = select.indexOf(':');
    const [type, id] = colon < 0 ? [select, ''] : [select.slice(0, colon), select.slice(colon + 1)];
    if (type && id && type !== 'country') {
      set('country', null);
      this.#pendingSelect = [id, type];
      this.#applySelect();
    } else {
      this.#pendingSelect = null;
      // A base, site or link an earlier step selected does not outlive it.
      if (['base', 'site', 'link', 'partner'].includes(this.view?.type)) this.#handle.select(null, null);
      set('country', type === 'country' && id ? id : (data.country ?? this.#base.country));
    }
  }

  // A step's base, site or link, selected once the map can.
  #applySelect() {
    if (!this.#pendingSelect || this.getAttribute('state') !== 'ready') return;
    const [id, type] = this.#pendingSelect;
    this.#pendingSelect = null;
    this.#handle?.select(type, id);
  }

  // The theme the widget is drawn in: its `theme`, else the reader's setting where the page
  // lets the element follow it (`color-scheme`).
  #scheme() {
    const theme = this.getAttribute('theme');
    if (theme === 'light' || theme === 'dark') return theme;
    return getComputedStyle(this).colorScheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  // The language the widget will speak: its lang, else the page's (as the widget reads them).
  #lang() {
    const tag = (this.getAttribute('lang') || document.documentElement.lang || '').trim();
    return /^fr([-_]|$)/i.test(tag) ? 'fr' : 'en';
  }

  // The first frame, in the widget's language and theme, with the layers asked for, until the
  // map is ready: the live widget takes its place without moving anything (the stylesheet swaps
  // them when `state` is ready). A page's own data or countries may draw another map: then a
  // plain box of the map's shape holds its place. A prerendered frame (`rebuild` false) is in
  // the right language, with both keys and a stylesheet that shows the right one: it only
  // needs its poster.
  #fillFirst(rebuild = true) {
    const first = this.#body?.querySelector('.sm-first-box');
    if (!first) return;
    const lang = this.#lang();
    if (this.getAttribute('data-src') || this.getAttribute('data-geo-src')) {
      const wait = document.createElement('p');
      wait.className = 'sm-status';
      wait.setAttribute('role', 'status');
      wait.textContent = lang === 'fr' ? 'Chargement de la carte…' : 'Loading the map…';
      first.replaceChildren(wait);
      return;
    }
    if (rebuild) {
      // Our own build's markup, never the page's or a dataset's.
      first.innerHTML = FIRST[lang] ?? '';
      // A phone's widget (under 480 px, as `ui::legend::NARROW`) starts with its key closed.
      const width = this.getBoundingClientRect().width;
      const key = first.querySelector('details.sm-legend');
      if (key) key.open = width === 0 || width >= 480;
    }
    // The poster in the widget's language and theme (names from xtask's `poster::file_name`).
    const poster = new URL(`./sahel-map${lang === 'fr' ? '.fr' : ''}${this.#scheme() === 'dark' ? '.dark' : ''}.svg`, import.meta.url);
    first.querySelector('image')?.setAttribute('href', poster.href);
    const layers = this.getAttribute('layers');
    if (layers !== null) {
      // As the widget reads `layers` (`Visible::new`): bases and links stay on unless named.
      const ids = layers.split(',').map((id) => id.trim().toLowerCase());
      const kinds = !ids.includes('bases') && !ids.includes('links');
      for (const input of first.querySelectorAll('input[data-layer]')) {
        const id = input.dataset.layer;
        input.checked = (kinds && (id === 'bases' || id === 'links')) || ids.includes(id);
      }
    }
  }

  // A text from its attribute (as text, never markup), unless the page slotted its own; hidden
  // when there is neither.
  #showText(name) {
    const box = this.#texts[name];
    if (!box) return;
    const slot = box.firstChild;
    const text = this.getAttribute(name) ?? '';
    // Only on change: replacing a slot's fallback fires `slotchange`, which comes back here.
    if (slot.textContent !== text) slot.textContent = text;
    box.hidden = !text.trim() && slot.assignedNodes().length === 0;
    if (name === 'headline') {
      const figure = box.closest('[role="figure"]');
      if (box.hidden) figure.removeAttribute('aria-labelledby');
      else figure.setAttribute('aria-labelledby', box.id);
    }
  }

  #options() {
    return {
      lang: this.getAttribute('lang') || document.documentElement.lang || undefined,
      // A page's own file is relative to the page; the bundled one sits beside this loader.
      geoSrc: this.#url('data-geo-src') ?? new URL('./countries.geojson', import.meta.url).href,
      country: this.getAttribute('country') || undefined,
      dataSrc: this.#url('data-src'),
      layers: this.getAttribute('layers') ?? undefined,
      date: this.getAttribute('date') || undefined,
      // Opt-in: an embed never rewrites its host page's URL unasked.
      urlState: this.hasAttribute('url-state'),
      // The whole dataset, for the sources and notes the wasm's core leaves out.
      bundledSrc: new URL('./sahel.json', import.meta.url).href,
    };
  }

  // An attribute's URL, resolved against the page (undefined when absent or empty).
  #url(name) {
    const value = this.getAttribute(name);
    return value ? new URL(value, document.baseURI).href : undefined;
  }

  // The whole stylesheet, in place of a prerendered figure's own rules (those its markup uses).
  #styled() {
    const root = this.shadowRoot;
    if (root.adoptedStyleSheets.length) return;
    root.adoptedStyleSheets = [sharedSheet()];
    [...root.children].find((e) => e.localName === 'style')?.remove();
  }

  // The wasm itself failed (network, CSP, old browser): say so inside the widget.
  #fail(error) {
    this.#styled();
    const message = String(error?.message ?? error);
    const box = document.createElement('p');
    box.className = 'sm-error';
    box.setAttribute('role', 'alert');
    box.textContent = this.#lang() === 'fr' ? 'La carte n’a pas pu être chargée.' : 'The map could not be loaded.';
    (this.#body ?? this.shadowRoot).replaceChildren(box);
    this.setAttribute('state', 'error');
    this.dispatchEvent(new CustomEvent('sahel-map:error', { bubbles: true, composed: true, detail: { message } }));
  }
}

// The story step in the page's URL fragment (`step=2`), or null.
function stepInUrl() {
  const match = /(?:^#|&)step=(\d{1,3})(?:&|$)/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

// Hands a file to the reader.
async function save(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// A prerendered map (`cargo xtask prerender`) is drawn from the page's own markup, so the
// element is defined once the page has painted: upgrading it never delays the first paint.
function define() {
  if (!customElements.get('sahel-map')) customElements.define('sahel-map', SahelMapElement);
}
if ([...document.querySelectorAll('sahel-map')].some((el) => el.shadowRoot)) {
  requestAnimationFrame(() => setTimeout(define));
} else {
  define();
}
