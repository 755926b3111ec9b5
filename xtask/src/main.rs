//! The project's chores, run as `cargo xtask <task>`. See README.md.

mod bench;
mod build;
mod cdn;
mod geodata;
mod names;
mod policy;
mod poster;
mod prerender;
mod report;
mod serve;
mod test;
mod util;

use anyhow::{bail, Result};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  serve      build dist/ and serve it on http://127.0.0.1:8080/
  build      build dist/ (release wasm, wasm-bindgen, wasm-opt, pages)
  test       install what the tests need, then run native, wasm and end-to-end tests
  prerender <page.html> [<out.html>]
             write each <sahel-map> of a page with its first frame inside (no render-blocking
             loader needed; see docs/EMBED.md)
  bench      sizes of what the demo page fetches; load, click and memory in headless Chromium
  data-report  every record of geodata/sahel.json with its verification status and sources
  geodata    regenerate geodata/countries.geojson from Natural Earth (npm world-atlas)";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("serve") => {
            build::build()?;
            serve::serve_forever(&util::root().join("dist"), "127.0.0.1:8080")
        }
        Some("build") => build::build(),
        Some("test") => test::test(),
        Some("geodata") => geodata::geodata(),
        Some("bench") => bench::bench(),
        Some("prerender") => match &args[1..] {
            [page] => prerender::prerender_file(&util::root(), page.as_ref(), None),
            [page, out] => {
                prerender::prerender_file(&util::root(), page.as_ref(), Some(out.as_ref()))
            }
            _ => bail!("usage: cargo xtask prerender <page.html> [<out.html>]"),
        },
        Some("data-report") => report::data_report(),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown task `{other}`\n\n{USAGE}"),
    }
}
