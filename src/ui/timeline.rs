use super::app::Loaded;
use super::memo;
use super::MapState;
use crate::dataset::Date;
use crate::i18n::{long_date, Text};
use crate::view::markup::escape_into;
use crate::view::order::ordered;
use leptos::prelude::*;
use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

/// The first year the timeline reaches.
pub const START_YEAR: u32 = 2012;

/// The date for month `index` of the slider: the end of that month, or the dataset's as-of
/// date for its own month.
fn date_at(index: i64, as_of: &Date) -> Date {
    if index >= as_of.month_index(START_YEAR) {
        as_of.clone()
    } else {
        Date::end_of_month(START_YEAR, index)
    }
}

/// Whether the reader asked the system for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The date slider (a month a step, 2012 to the dataset's as-of date), buttons to the previous
/// and next event, a play control (never started by itself; event by event, slower, when the
/// reader prefers less motion) and the events as ticks under the track.
#[component]
pub fn Timeline(loaded: Arc<Loaded>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let lang = state.lang;
    let as_of = loaded.data.as_of.clone();
    let last = as_of.month_index(START_YEAR);
    let all = &loaded.data.events;
    let events: Vec<(Date, String)> = ordered(all.len(), &|a, b| {
        (&all[a].date, &all[a].id).cmp(&(&all[b].date, &all[b].id))
    })
    .into_iter()
    .map(|i| (all[i].date.clone(), all[i].id.clone()))
    .collect();
    let events = Arc::new(events);
    let current = {
        let loaded = loaded.clone();
        memo(move || loaded.date(&state))
    };
    // The turning point of the month shown, if there is one: named beside the date.
    let happened = {
        let loaded = loaded.clone();
        move || {
            let now = current.get();
            let month = now.month_index(START_YEAR);
            loaded
                .data
                .events
                .iter()
                .filter(|e| e.date <= now && e.date.month_index(START_YEAR) == month)
                .max_by(|a, b| a.date.cmp(&b.date))
                .map(|e| format!(" · {}", e.title.get(lang.get())))
        }
    };
    let set = move |d: Date| state.date.set(Some(d));
    // The nearest event strictly before or after the date shown.
    let step = {
        let events = events.clone();
        move |forward: bool| {
            let now = current.get_untracked();
            let next = if forward {
                events.iter().find(|(d, _)| *d > now)
            } else {
                events.iter().rev().find(|(d, _)| *d < now)
            };
            if let Some((d, _)) = next {
                set(d.clone());
            }
        }
    };
    let playing = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        playing.set(false);
        timer.update_value(|t| {
            if let Some(t) = t.take() {
                t.clear();
            }
        });
    };
    on_cleanup(move || {
        timer.try_update_value(|t| {
            if let Some(t) = t.take() {
                t.clear();
            }
        });
    });
    let play = {
        let step = step.clone();
        let as_of = as_of.clone();
        move |_| {
            if playing.get_untracked() {
                stop();
                return;
            }
            // From the start again when at the end.
            if current.get_untracked() >= as_of {
                set(Date::end_of_month(START_YEAR, 0));
            }
            playing.set(true);
            let calm = reduced_motion();
            let step = step.clone();
            let as_of = as_of.clone();
            let tick = move || {
                let now = current.get_untracked();
                if now >= as_of {
                    stop();
                } else if calm {
                    step(true);
                } else {
                    set(date_at(now.month_index(START_YEAR) + 2, &as_of));
                }
            };
            let every = Duration::from_millis(if calm { 1600 } else { 350 });
            if let Ok(handle) = set_interval_with_handle(tick, every) {
                timer.set_value(Some(handle));
            }
        }
    };
    let on_input = {
        let as_of = as_of.clone();
        move |ev: web_sys::Event| {
            stop();
            if let Ok(i) = event_target_value(&ev).parse::<i64>() {
                set(date_at(i, &as_of));
            }
        }
    };
    let marks = {
        let mut svg = String::new();
        for (d, id) in events.iter() {
            let x = 1000.0 * d.month_index(START_YEAR).clamp(0, last) as f64 / last.max(1) as f64;
            let _ = write!(
                svg,
                r#"<rect class="sm-event-mark" x="{}" y="0" width="4" height="10" data-event=""#,
                x.round() as i64 - 2
            );
            escape_into(id, &mut svg);
            svg.push_str(r#""/>"#);
        }
        svg
    };
    let (prev, next) = (step.clone(), step);
    view! {
        <div class="sm-timeline" role="group" aria-label=move || Text::Timeline.get(lang.get())>
            <div class="sm-timeline-row">
                <button
                    type="button"
                    class="sm-step"
                    aria-label=move || Text::PrevEvent.get(lang.get())
                    on:click=move |_| {
                        stop();
                        prev(false)
                    }
                >
                    "‹"
                </button>
                <div class="sm-track">
                    <input
                        type="range"
                        class="sm-date"
                        min="0"
                        max=last.to_string()
                        step="1"
                        prop:value=move || current.get().month_index(START_YEAR).clamp(0, last).to_string()
                        aria-label=move || Text::DateLabel.get(lang.get())
                        aria-valuetext=move || long_date(&current.get(), lang.get())
                        on:input=on_input
                    />
                    <svg class="sm-events" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" inner_html=marks></svg>
                </div>
                <button
                    type="button"
                    class="sm-step"
                    aria-label=move || Text::NextEvent.get(lang.get())
                    on:click=move |_| {
                        stop();
                        next(true)
                    }
                >
                    "›"
                </button>
                <button
                    type="button"
                    class="sm-play"
                    aria-pressed=move || if playing.get() { "true" } else { "false" }
                    on:click=play
                >
                    {move || if playing.get() { Text::Pause.get(lang.get()) } else { Text::Play.get(lang.get()) }}
                </button>
            </div>
            <p class="sm-when">
                <output class="sm-date-shown" data-date=move || current.get().to_string()>
                    {move || long_date(&current.get(), lang.get())}
                </output>
                <span class="sm-event-now">{happened}</span>
            </p>
        </div>
    }
}
