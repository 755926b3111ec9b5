//! Short names for what the wasm imports and exports, the glue rewritten to match.
//!
//! wasm-bindgen names each import for the function it wraps plus a 16-digit hash
//! (`__wbg_width_d3c8d417d821d2fd`), under the module `./sahel_map_core_bg.js`, and writes each
//! name twice: in the wasm and as a key of the glue's import object. Hashes are what brotli
//! cannot shrink. Here every import becomes `a`.`a`, `a`.`b` …, every export but `memory` a
//! name as short, and the glue's keys and its `wasm.<export>` reads follow; anything in the glue
//! that does not have the expected shape stops the build rather than ship a glue that misses a
//! name.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Renames the imports and exports of the wasm at `wasm` in place, and returns `glue` with the
/// same names; first drops the classes `unused` (see [`drop_classes`]).
pub fn shorten(wasm: &Path, glue: &str, unused: &[&str]) -> Result<String> {
    let mut module = walrus::Module::from_file(wasm).context("reading the wasm for its names")?;
    let glue = drop_classes(&mut module, glue, unused)?;
    let glue = glue.as_str();
    let modules: BTreeSet<String> = module.imports.iter().map(|i| i.module.clone()).collect();
    let old_module = match modules.len() {
        1 => modules.into_iter().next().expect("one module"),
        _ => bail!("the wasm imports from {modules:?}; the glue has one module"),
    };
    let mut imports = BTreeMap::new();
    for (i, import) in module.imports.iter_mut().enumerate() {
        let short = short_name(i);
        imports.insert(std::mem::replace(&mut import.name, short.clone()), short);
        import.module = MODULE.to_owned();
    }
    // `memory` keeps its name: the glue's `init()` resolves to the exports, and pages and
    // tests read `memory` there.
    let mut exports = BTreeMap::from([(KEPT.to_owned(), KEPT.to_owned())]);
    for (i, export) in module
        .exports
        .iter_mut()
        .filter(|e| e.name != KEPT)
        .enumerate()
    {
        let short = short_name(i);
        exports.insert(std::mem::replace(&mut export.name, short.clone()), short);
    }
    let glue = rewrite(glue, &old_module, &imports, &exports)?;
    module
        .emit_wasm_file(wasm)
        .context("writing the renamed wasm")?;
    Ok(glue)
}

/// Drops exported classes nobody constructs: their exports, the code and imports only they used,
/// and their JavaScript in the glue. Each must have the shape wasm-bindgen gives a class (an
/// `export class` block, a `FinalizationRegistry`, exports named for the class, import entries
/// one to a key), and nothing else in the glue may name it; otherwise the build stops.
fn drop_classes(module: &mut walrus::Module, glue: &str, classes: &[&str]) -> Result<String> {
    let mut glue = glue.to_owned();
    let before: BTreeSet<String> = module.imports.iter().map(|i| i.name.clone()).collect();
    for class in classes {
        let lower = class.to_lowercase();
        let block = cut(
            &glue,
            &format!("export class {class} {{\n"),
            &format!(
                "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
            ),
        )?;
        glue.replace_range(block, "");
        let registry = cut(&glue, &format!("const {class}Finalization = "), ");\n")?;
        glue.replace_range(registry, "");
        if glue.contains(*class) || glue.contains(&format!("_{lower}_")) {
            bail!("the glue still names {class} once its class is gone");
        }
        let free = format!("__wbg_{lower}_free");
        let doomed: Vec<_> = module
            .exports
            .iter()
            .filter(|e| e.name == free || e.name.starts_with(&format!("{lower}_")))
            .map(|e| e.id())
            .collect();
        if doomed.is_empty() {
            bail!("the wasm exports nothing for the class {class}");
        }
        for id in doomed {
            module.exports.delete(id);
        }
    }
    walrus::passes::gc::run(module);
    let after: BTreeSet<String> = module.imports.iter().map(|i| i.name.clone()).collect();
    // An entry of the imports object: its key at eight spaces, its end the next line there.
    for name in before.difference(&after) {
        let entry = cut(&glue, &format!("\n        {name}: "), "\n        }")?;
        let end = glue[entry.end..]
            .find('\n')
            .map_or(glue.len(), |i| entry.end + i);
        glue.replace_range(entry.start..end, "");
    }
    Ok(glue)
}

/// The one stretch of `text` from `start` through the first `end` after it.
fn cut(text: &str, start: &str, end: &str) -> Result<std::ops::Range<usize>> {
    let mut found = text.match_indices(start);
    let (Some((from, _)), None) = (found.next(), found.next()) else {
        bail!("the glue has {start:?} other than once");
    };
    let Some(to) = text[from + start.len()..].find(end) else {
        bail!("the glue has no {end:?} after {start:?}");
    };
    Ok(from..from + start.len() + to + end.len())
}

const MODULE: &str = "a";
const KEPT: &str = "memory";

/// `a` … `z`, `A` … `Z`, then two letters: names a script may use as a key or a property.
fn short_name(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[i % LETTERS.len()]);
        i /= LETTERS.len();
        if i == 0 {
            break;
        }
        i -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

fn rewrite(
    glue: &str,
    old_module: &str,
    imports: &BTreeMap<String, String>,
    exports: &BTreeMap<String, String>,
) -> Result<String> {
    let key = format!("\"{old_module}\":");
    if glue.matches(&key).count() != 1 {
        bail!("the glue names the module {old_module:?} other than once, as its imports' key");
    }
    let glue = glue.replacen(&key, &format!("\"{MODULE}\":"), 1);
    let mut out = String::with_capacity(glue.len());
    let mut seen = BTreeMap::new();
    let mut rest = glue.as_str();
    while let Some(start) = rest.find(is_ident) {
        let len = rest[start..]
            .find(|c| !is_ident(c))
            .unwrap_or(rest.len() - start);
        let (before, word, after) = (
            &rest[..start],
            &rest[start..start + len],
            &rest[start + len..],
        );
        out.push_str(before);
        let read_of_wasm = out.ends_with("wasm.");
        if read_of_wasm {
            let Some(short) = exports.get(word) else {
                bail!("the glue reads wasm.{word}, which the wasm does not export");
            };
            out.push_str(short);
        } else if let Some(short) = imports.get(word) {
            if !after.starts_with(':') {
                bail!("the glue names the import {word} other than as a key of its imports");
            }
            *seen.entry(word).or_insert(0) += 1;
            out.push_str(short);
        } else {
            out.push_str(word);
        }
        rest = after;
    }
    out.push_str(rest);
    if let Some(name) = imports.keys().find(|n| seen.get(n.as_str()) != Some(&1)) {
        bail!("the glue has the import {name} as a key other than once");
    }
    Ok(out)
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let all: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&all[..3], ["a", "b", "c"]);
        assert_eq!(all[52], "aa");
        let unique: std::collections::BTreeSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
        assert!(all
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
    }

    #[test]
    fn a_module_and_its_glue_are_renamed_alike() {
        let mut module = walrus::Module::default();
        let ty = module.types.add(&[], &[]);
        let (f, _) = module.add_import_func("./m_bg.js", "__wbg_f_0123456789abcdef", ty);
        let mut body = walrus::FunctionBuilder::new(&mut module.types, &[], &[]);
        body.func_body().call(f);
        let mount = body.finish(vec![], &mut module.funcs);
        module.exports.add("mount", mount);
        let memory = module.memories.add_local(false, false, 1, None, None);
        module.exports.add("memory", memory);
        let path = std::env::temp_dir().join(format!("names-{}.wasm", std::process::id()));
        module.emit_wasm_file(&path).unwrap();
        let glue = "const i = { __wbg_f_0123456789abcdef: function() {} };\n\
                    return { \"./m_bg.js\": i }; wasm.mount(); wasm.memory.buffer;";
        let out = shorten(&path, glue, &[]).unwrap();
        assert_eq!(
            out,
            "const i = { a: function() {} };\n\
             return { \"a\": i }; wasm.a(); wasm.memory.buffer;"
        );
        let module = walrus::Module::from_file(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        let imports: Vec<_> = module
            .imports
            .iter()
            .map(|i| (&*i.module, &*i.name))
            .collect();
        assert_eq!(imports, [("a", "a")]);
        let mut exports: Vec<_> = module.exports.iter().map(|e| &*e.name).collect();
        exports.sort();
        assert_eq!(exports, ["a", "memory"]);
    }

    /// A module exporting `mount` and a class `Thing` whose method alone calls the import
    /// `__wbg_poke_1`; `mount` calls `__wbg_keep_2`.
    fn module_with_a_class() -> walrus::Module {
        let mut module = walrus::Module::default();
        let ty = module.types.add(&[], &[]);
        let (poke, _) = module.add_import_func("./m_bg.js", "__wbg_poke_1", ty);
        let (keep, _) = module.add_import_func("./m_bg.js", "__wbg_keep_2", ty);
        for (name, callee) in [("thing_poke", poke), ("mount", keep)] {
            let mut body = walrus::FunctionBuilder::new(&mut module.types, &[], &[]);
            body.func_body().call(callee);
            let f = body.finish(vec![], &mut module.funcs);
            module.exports.add(name, f);
        }
        let free = walrus::FunctionBuilder::new(&mut module.types, &[], &[])
            .finish(vec![], &mut module.funcs);
        module.exports.add("__wbg_thing_free", free);
        module
    }

    const GLUE_WITH_A_CLASS: &str = "export class Thing {\n    poke() { wasm.thing_poke(); }\n}\n\
        if (Symbol.dispose) Thing.prototype[Symbol.dispose] = Thing.prototype.free;\n\
        export function mount() { wasm.mount(); }\n\
        const imports = {\n        __wbg_poke_1: function() { return handleError(function () {\n\
        \x20           poke();\n        }, arguments); },\n\
        \x20       __wbg_keep_2: function() {\n            keep();\n        },\n};\n\
        const ThingFinalization = (typeof FinalizationRegistry === 'undefined')\n\
        \x20   ? { register: () => {}, unregister: () => {} }\n\
        \x20   : new FinalizationRegistry(ptr => wasm.__wbg_thing_free(ptr, 1));\n";

    #[test]
    fn a_class_nobody_makes_goes_with_what_only_it_used() {
        let mut module = module_with_a_class();
        let glue = drop_classes(&mut module, GLUE_WITH_A_CLASS, &["Thing"]).unwrap();
        assert_eq!(
            glue,
            "export function mount() { wasm.mount(); }\n\
             const imports = {\n        __wbg_keep_2: function() {\n            keep();\n        },\n};\n"
        );
        let exports: Vec<_> = module.exports.iter().map(|e| &*e.name).collect();
        assert_eq!(exports, ["mount"]);
        let imports: Vec<_> = module.imports.iter().map(|i| &*i.name).collect();
        assert_eq!(imports, ["__wbg_keep_2"]);
    }

    #[test]
    fn a_class_named_elsewhere_or_missing_stops_the_build() {
        let also_used = format!("{GLUE_WITH_A_CLASS}new Thing();\n");
        for glue in [also_used.as_str(), "export function mount() {}\n"] {
            assert!(drop_classes(&mut module_with_a_class(), glue, &["Thing"]).is_err());
        }
        // A class the wasm does not export.
        assert!(drop_classes(&mut module_with_a_class(), GLUE_WITH_A_CLASS, &["Other"]).is_err());
    }

    #[test]
    fn keys_and_reads_follow_the_wasm() {
        let glue = "const i = { __wbg_w_1: function(a) { return wasm.mount(a); } };\n\
                    return { \"./m_bg.js\": i }; wasm.memory.buffer; mount(x);";
        let out = rewrite(
            glue,
            "./m_bg.js",
            &names(&[("__wbg_w_1", "a")]),
            &names(&[("mount", "b"), ("memory", "c")]),
        )
        .unwrap();
        assert_eq!(
            out,
            "const i = { a: function(a) { return wasm.b(a); } };\n\
             return { \"a\": i }; wasm.c.buffer; mount(x);"
        );
    }

    #[test]
    fn a_glue_of_another_shape_stops_the_build() {
        let imports = names(&[("__wbg_w_1", "a")]);
        let exports = names(&[("mount", "b")]);
        let module = "{ \"./m_bg.js\": i }";
        // An export the wasm lacks, an import read other than as a key, or not at all.
        for glue in [
            "{ __wbg_w_1: f }; wasm.other();",
            "{ __wbg_w_1: f }; g(__wbg_w_1);",
            "{ }",
        ] {
            assert!(rewrite(&format!("{glue}{module}"), "./m_bg.js", &imports, &exports).is_err());
        }
        assert!(rewrite("{ __wbg_w_1: f }", "./m_bg.js", &imports, &exports).is_err());
    }
}
