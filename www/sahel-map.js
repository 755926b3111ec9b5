// sahel-map.js: the stable loader. Importing it defines <sahel-map>.
//
// wasm-bindgen cannot emit `class extends HTMLElement`, so this small module is hand-written:
// it owns the element's life cycle, shares one wasm instance and one stylesheet between every
// map on the page, and hands each element's shadow root to the Rust `mount`.
import init, { mount } from './sahel_map_core.js';

// The widget's stylesheet (www/widget.css), inlined by `cargo xtask build`.
const CSS = /*@WIDGET_CSS@*/"";
// The newsroom's own words around the map: an attribute gives plain text, a child element with the
// same `slot` name gives markup the page styles itself. The headline names the whole figure.
const TEXTS = ['headline', 'subtitle', 'notes', 'credit'];
const ATTRIBUTES = ['lang', 'layers', 'country', 'date', 'data-src', 'data-geo-src', 'theme', ...TEXTS];

// Attributes checked here, since no wasm is needed to read them: a bad value warns once, naming
// what is accepted, and the default applies. (lang and country are checked by the widget.)
const ACCEPTS = {
  theme: [/^(light|dark)$/, 'light or dark'],
  date: [/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD'],
  layers: [/^\s*[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*$/, 'a comma-separated list of lower-case layer ids such as usa,fra,rus'],
};

function check(name, value) {
  const rule = ACCEPTS[name];
  if (rule && value !== null && !rule[0].test(value)) {
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

function wasmReady() {
  wasm ??= init({ module_or_path: new URL('./sahel_map_core_bg.wasm', import.meta.url) });
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
  // Bumped on every start and stop, so a mount that resolves after removal is dropped.
  #generation = 0;
  // The figure around the map: its texts (by name) and the box the map is drawn in.
  #texts = {};
  #body = null;

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sharedSheet()];
    root.replaceChildren(this.#figure());
    this.setAttribute('state', 'loading');
    if (SahelMapElement.#nearViewport) SahelMapElement.#nearViewport.observe(this);
    else this.#start();
  }

  disconnectedCallback() {
    SahelMapElement.#nearViewport?.unobserve(this);
    this.#stop();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (TEXTS.includes(name)) return this.#showText(name);
    check(name, value);
    // Live: the widget takes the new value without reloading (a new data-geo-src reloads the map).
    if ((name === 'data-geo-src' || name === 'data-src') && value) value = new URL(value, document.baseURI).href;
    this.#handle?.setAttribute(name, value);
  }

  // The page's API. Setters go through the attributes, so they work before the map is ready
  // and apply live after; a wrong type throws a TypeError naming the argument.

  /** Selects a country by ISO3 (or, with `type` "base", "site" or "link", a record by id); null clears. */
  select(id, type = 'country') {
    if (id !== null && typeof id !== 'string') throw new TypeError('sahel-map select(id): expected a string or null');
    if (!['country', 'base', 'site', 'link'].includes(type)) {
      throw new TypeError('sahel-map select(id, type): type must be country, base, site or link');
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

  /** What the reader sees: { type, id, country, date, lang, layers }, or null before the map is mounted. */
  get view() {
    return this.#handle ? this.#handle.view() : null;
  }

  #start() {
    const generation = ++this.#generation;
    wasmReady()
      .then(() => {
        if (generation !== this.#generation || !this.isConnected) return;
        this.#handle = mount(this, this.#body, this.#options());
        this.#body.querySelector('.sm-placeholder')?.remove();
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
      slot.addEventListener('slotchange', () => this.#showText(name));
      box.append(slot);
      this.#texts[name] = box;
      (name === 'headline' || name === 'subtitle' ? head : foot).append(box);
    }
    // Hold the map's place (same aspect ratio) until it is drawn, so nothing below it jumps.
    const placeholder = document.createElement('div');
    placeholder.className = 'sm-placeholder';
    this.#body = document.createElement('div');
    this.#body.className = 'sm-body-box';
    this.#body.append(placeholder);
    figure.append(head, this.#body, foot);
    for (const name of TEXTS) this.#showText(name);
    return figure;
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
    };
  }

  // An attribute's URL, resolved against the page (undefined when absent or empty).
  #url(name) {
    const value = this.getAttribute(name);
    return value ? new URL(value, document.baseURI).href : undefined;
  }

  // The wasm itself failed (network, CSP, old browser): say so inside the widget.
  #fail(error) {
    const message = String(error?.message ?? error);
    const box = document.createElement('p');
    box.className = 'sm-error';
    box.setAttribute('role', 'alert');
    box.textContent = (document.documentElement.lang || '').startsWith('fr')
      ? 'La carte n’a pas pu être chargée.'
      : 'The map could not be loaded.';
    (this.#body ?? this.shadowRoot).replaceChildren(box);
    this.setAttribute('state', 'error');
    this.dispatchEvent(new CustomEvent('sahel-map:error', { bubbles: true, composed: true, detail: { message } }));
  }
}

if (!customElements.get('sahel-map')) {
  customElements.define('sahel-map', SahelMapElement);
}
