use super::announce::Announcer;
use super::details::Details;
use super::effect;
use super::layers::Layers;
use super::legend::Legend;
use super::map::MapSvg;
use super::measure::family_of;
use super::tables::Tables;
use super::timeline::Timeline;
use super::url::{CopyLink, UrlState};
use super::whole::{self, Whole};
use super::MapState;
use crate::browser::{fetch_text, json, next_task, LoadState, STALL};
use crate::carto::frame::SAHEL;
use crate::dataset::{not_geojson, read_geodata, read_in_halves, Dataset, Date, Problem, CORE};
use crate::i18n::{Lang, Text};
use crate::view::overlay::Overlay;
use crate::view::scene::{draw, DrawnMap};
use crate::view::state::Visible;
use leptos::prelude::*;
use leptos::task::{spawn_local, tick};
use std::sync::Arc;

/// Everything one load brings: the countries drawn, the dataset and its projected overlay.
pub struct Loaded {
    pub map: Arc<DrawnMap>,
    pub data: Arc<Dataset>,
    pub overlay: Overlay,
}

impl Loaded {
    /// The date shown: the reader's, else the dataset's as-of.
    pub fn date(&self, state: &MapState) -> Date {
        state.date.get().unwrap_or_else(|| self.data.as_of.clone())
    }

    /// The layers shown (tracked): `MapState::layers`, resolved in one place.
    pub fn visible(&self, state: &MapState) -> Visible {
        state
            .layers
            .get()
            .unwrap_or_else(|| Visible::new(&self.data, None))
    }
}

/// Why a load failed: a headline and the details (the first problems found).
#[derive(Clone)]
pub(super) struct Failure {
    what: Text,
    pub(super) details: Vec<String>,
    /// A file that could not be had (not one that was wrong): trying again may help.
    retry: bool,
}

#[derive(Clone)]
enum Load {
    Loading,
    Ready(Arc<Loaded>),
    Failed(Failure),
}

/// How many of a file's problems the widget lists.
const SHOWN_PROBLEMS: usize = 3;

fn problems(file: &str, problems: Vec<Problem>, lang: Lang) -> Vec<String> {
    let more = problems.len().saturating_sub(SHOWN_PROBLEMS);
    let mut lines: Vec<String> = problems
        .iter()
        .take(SHOWN_PROBLEMS)
        .map(|p| format!("{file}: {p}"))
        .collect();
    if more > 0 {
        lines.push(match lang {
            Lang::En => format!("… and {more} more"),
            Lang::Fr => format!("… et {more} de plus"),
        });
    }
    lines
}

/// The countries file, drawn.
async fn fetch_map(geo_src: &str, again: bool, lang: Lang) -> Result<DrawnMap, Failure> {
    let fail = |details, retry| Failure {
        what: Text::LoadFailed,
        details,
        retry,
    };
    let text = fetch_text(geo_src, again)
        .await
        .map_err(|e| fail(vec![e], true))?;
    let parsed = json::parse(&text).map_err(|why| vec![not_geojson(&why)]);
    let (geodata, _skipped) = parsed.and_then(read_geodata).map_err(|found| {
        let mut details = vec![Text::NoCountries.get(lang).to_string()];
        details.extend(problems(file_name(geo_src), found, lang));
        fail(details, false)
    })?;
    // Drawn (projected, simplified, written) in a task after the reading.
    next_task().await;
    Ok(draw(&geodata, &SAHEL))
}

thread_local! {
    /// The bundled dataset's core, read once per page: every map on it shares the one copy.
    static BUNDLED_DATA: std::cell::OnceCell<Arc<Dataset>> = const { std::cell::OnceCell::new() };
    /// A map is reading it (in two tasks): the others wait for its copy.
    static BUNDLED_READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the bundled core as being read until dropped, however the reading ends (a map removed
/// meanwhile drops its load).
struct Reading;

impl Reading {
    fn start() -> Self {
        BUNDLED_READING.with(|r| r.set(true));
        Reading
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        BUNDLED_READING.with(|r| r.set(false));
    }
}

/// Reads a dataset's text (`name` for messages): whole, or as a core (`controls`' bundled copy).
/// In two tasks: read in one, the bundled core held the page for 94–144 ms at 4× CPU.
pub(super) async fn read_data(
    name: &str,
    text: &str,
    core: bool,
    lang: Lang,
) -> Result<Dataset, Failure> {
    let fail = |details| Failure {
        what: Text::DataFailed,
        details,
        retry: false,
    };
    let parsed =
        json::parse(text).map_err(|why| fail(vec![format!("{name}: not JSON ({why})")]))?;
    let halfway = read_in_halves(parsed, core);
    next_task().await;
    halfway
        .finish()
        .map_err(|found| fail(problems(name, found, lang)))
}

/// The dataset: the bundled core, or the page's own with its text (for "Get the data").
async fn fetch_data(
    data_src: Option<&str>,
    again: bool,
    lang: Lang,
) -> Result<(Arc<Dataset>, Option<Arc<str>>), Failure> {
    match data_src {
        None => {
            while BUNDLED_READING.with(std::cell::Cell::get) {
                next_task().await;
            }
            if let Some(data) = BUNDLED_DATA.with(|b| b.get().cloned()) {
                return Ok((data, None));
            }
            let reading = Reading::start();
            let data = Arc::new(read_data("sahel.json", CORE, true, lang).await?);
            drop(reading);
            BUNDLED_DATA.with(|b| {
                let _ = b.set(data.clone());
            });
            Ok((data, None))
        }
        Some(url) => {
            let text = fetch_text(url, again).await.map_err(|e| Failure {
                what: Text::DataFailed,
                details: vec![e],
                retry: true,
            })?;
            let data = read_data(file_name(url), &text, false, lang).await?;
            Ok((Arc::new(data), Some(Arc::from(text))))
        }
    }
}

/// The last segment of a URL's path, to name a file in a message.
pub(super) fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(url)
}

/// One load: the countries drawn, the dataset, and a page's own dataset's text.
/// `again`: the reader asked to try again.
async fn load(
    geo_src: &str,
    data_src: Option<&str>,
    again: bool,
    lang: Lang,
) -> Result<(Loaded, Option<Arc<str>>), Failure> {
    // Each step in a task of its own (`next_task`): reading the countries, drawing them, reading
    // the dataset, then placing its sites.
    let map = fetch_map(geo_src, again, lang).await?;
    next_task().await;
    let (data, text) = fetch_data(data_src, again, lang).await?;
    next_task().await;
    let overlay = Overlay::new(&data, &SAHEL);
    let loaded = Loaded {
        map: Arc::new(map),
        data,
        overlay,
    };
    Ok((loaded, text))
}

/// The whole widget: loads the geodata and the dataset (again whenever a URL changes), shares
/// the state, lays out map, layers and panel.
#[component]
pub fn App(state: MapState) -> impl IntoView {
    provide_context(state);
    let host = state.host;
    let load_state = RwSignal::new(Load::Loading);
    // Each load has a number; a late answer to an earlier URL is dropped.
    let latest = StoredValue::new(0u32);
    // Bumped by "Try again": the same files, asked for anew.
    let attempt = RwSignal::new(0u32);
    // Set when a load has waited `STALL` without an answer.
    let slow = RwSignal::new(false);
    // The panel's side, the tables and the live region: drawn one task after the map, so neither
    // half holds the page for the time of both. Nothing shows before `ready` (the first frame
    // covers it).
    let rest = RwSignal::new(false);
    // The dataset's symbols, then the map's names, each drawn in a step of their own after the
    // rest of the map.
    let sited = RwSignal::new(false);
    let labelled = RwSignal::new(false);
    // The widget's font, for the map's labels: read in a step of its own (it makes the browser
    // compute the page's styles), before the map is drawn.
    let root = NodeRef::<leptos::html::Div>::new();
    let family = StoredValue::new(String::new());
    // The element's width, measured in the same step (the layout is small then); the key opens
    // by it. Measured while the side is built, it would lay out the whole map in that task.
    let laid_out = StoredValue::new(0.0);

    effect(move |_| {
        let geo_src = state.geo_src.get();
        let data_src = state.data_src.get();
        let again = attempt.get() > 0;
        let lang = state.lang.get_untracked();
        let this = latest.get_value() + 1;
        latest.set_value(this);
        // The widget may have been removed, or pointed elsewhere, meanwhile.
        let current = move || latest.try_get_value() == Some(this);
        load_state.set(Load::Loading);
        slow.set(false);
        rest.set(false);
        sited.set(false);
        labelled.set(false);
        host.set_state(LoadState::Loading);
        // A request held open: after a while the reader hears so, and can try again (the
        // first frame stays in place); `fetch_text` gives up for good after `GIVE_UP`.
        set_timeout(
            move || {
                if current() {
                    slow.try_set(matches!(
                        load_state.try_get_untracked(),
                        Some(Load::Loading)
                    ));
                }
            },
            STALL,
        );
        // The page's turn, then whether this load still counts.
        let step = move || async move {
            next_task().await;
            current()
        };
        spawn_local(async move {
            // Not in the mount's task: that holds the wasm's first calls already.
            next_task().await;
            let result = load(&geo_src, data_src.as_deref(), again, lang).await;
            if !current() {
                return;
            }
            // Toggles made for another dataset's layers do not carry over.
            state.visible.set(None);
            state
                .data
                .set(result.as_ref().ok().map(|(l, _)| l.data.clone()));
            // A page's own dataset is whole; the bundled one is a core until its details come.
            state.whole.set(match &result {
                Ok((loaded, Some(text))) => Whole::Ready(loaded.data.clone(), text.clone()),
                Ok((_, None)) => whole::cached(&state)
                    .map_or(Whole::NotAsked, |(data, text)| Whole::Ready(data, text)),
                Err(_) => Whole::NotAsked,
            });
            let result = result.map(|(loaded, _)| loaded);
            let message = result.as_ref().err().map(|f| {
                let mut m = f.what.get(lang).to_string();
                for d in &f.details {
                    m.push(' ');
                    m.push_str(d);
                }
                m
            });
            if result.is_ok() {
                if !step().await {
                    return;
                }
                if let Some(root) = root.get_untracked() {
                    family.set_value(family_of(&root));
                }
                laid_out.set_value(host.width());
                if !step().await {
                    return;
                }
            }
            load_state.set(match result {
                Ok(loaded) => Load::Ready(Arc::new(loaded)),
                Err(failure) => Load::Failed(failure),
            });
            if message.is_none() {
                if !step().await {
                    return;
                }
                sited.set(true);
                if !step().await {
                    return;
                }
                labelled.set(true);
                if !step().await {
                    return;
                }
                rest.set(true);
            }
            // Let the DOM catch up before telling the page.
            tick().await;
            match message {
                None => host.ready(),
                Some(message) => host.error(&message),
            }
        });
    });

    // Esc dismisses the tooltip and the selection.
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let tip = state.tip.with_untracked(Option::is_some);
        let selected = state.selected.with_untracked(Option::is_some);
        if tip || selected {
            ev.prevent_default();
            state.tip.set(None);
            state.select(None);
        }
    };

    view! {
        <div
            class="sm"
            node_ref=root
            lang=move || state.lang.get().code()
            on:keydown=on_keydown
            // A reader coming near: fetch the sources and notes before the first click.
            on:pointerover=move |_| whole::prefetch(state)
            on:focusin=move |_| whole::prefetch(state)
        >
            {move || match load_state.get() {
                Load::Loading => view! {
                    <p class="sm-status" role="status">{move || Text::Loading.get(state.lang.get())}</p>
                    {move || slow.get().then(|| view! {
                        <div class="sm-stalled" role="status">
                            <p>{move || Text::StillWaiting.get(state.lang.get())}</p>
                            <TryAgain attempt />
                        </div>
                    })}
                }.into_any(),
                Load::Failed(failure) => view! {
                    <div class="sm-error" role="alert">
                        <p class="sm-error-title">{move || failure.what.get(state.lang.get())}</p>
                        <ul class="sm-error-detail">
                            {failure.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                        </ul>
                        {failure.retry.then(|| view! { <TryAgain attempt /> })}
                    </div>
                }.into_any(),
                Load::Ready(loaded) => view! {
                    <div class="sm-body">
                        <figure class="sm-figure">
                            <MapSvg loaded=loaded.clone() family=family.get_value() sited labelled />
                            <figcaption class="sm-credit">
                                <Credit loaded=loaded.clone() />
                            </figcaption>
                        </figure>
                        <div class="sm-side">
                            {
                                let loaded = loaded.clone();
                                move || rest.get().then(|| side(&loaded, laid_out.get_value()).into_any())
                            }
                        </div>
                    </div>
                    {move || rest.get().then(|| view! {
                        <Tables loaded=loaded.clone() />
                        <Announcer loaded=loaded.clone() />
                    }.into_any())}
                }.into_any(),
            }}
        </div>
    }
}

/// The side of the map: timeline, details, link, layer switches and key. The details come
/// right after the timeline so that, where the side falls below the map, what a click opens
/// starts just under it rather than under the switches and the key. `laid_out`: the element's
/// width (CSS pixels, 0 when not laid out).
fn side(loaded: &Arc<Loaded>, laid_out: f64) -> impl IntoView {
    let state = expect_context::<MapState>();
    view! {
        <Timeline loaded=loaded.clone() />
        <Details loaded=loaded.clone() />
        <div class="sm-share"><CopyLink loaded=loaded.clone() /></div>
        {state.url_state.then(|| view! { <UrlState loaded=loaded.clone() /> })}
        <Layers loaded=loaded.clone() />
        <Legend width=loaded.map.width laid_out />
    }
}

/// "Try again": loads the same files anew.
#[component]
fn TryAgain(attempt: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<MapState>();
    view! {
        <button type="button" class="sm-retry" on:click=move |_| attempt.update(|n| *n += 1)>
            {move || Text::TryAgain.get(state.lang.get())}
        </button>
    }
}

/// The source line (`controls::credit`).
#[component]
fn Credit(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    move || crate::view::controls::credit(&loaded.data, state.lang.get())
}
