//! `cargo xtask serve | test | build | bench`: the project's set-up, build and checks, in Rust so they run
//! the same on every machine. Each step prints a progress line; a failing step says what failed.

mod bench;
mod bench_app;
mod bench_cluster;
mod bench_quiz;
mod bench_reports;
mod bench_votes;
mod build;
mod cluster;
mod fuzz;
mod load;
mod pg;
mod proc;
mod serve;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::serve(&args[1..]),
        Some("test") => test::test(),
        Some("build") => build::build_app().and_then(|sizes| sizes.check_budget()),
        Some("wasm") => build::wasm::post_build(),
        Some("bench") => bench::bench(&args[1..]),
        Some("cluster") => cluster::cluster(&args[1..]),
        Some("fuzz") => fuzz::fuzz(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  serve [server flags]  build the app and serve it with demo data at http://127.0.0.1:8080\n  test                  run every check and test; ends with `N passed, N failed`\n  cluster [N]           PostgreSQL, N release instances (2) and nginx in front, with demo data; prints the URL\n  fuzz                  schemathesis from the OpenAPI document, as a visitor, a member and a group admin\n  build                 build the app (release, split into chunks, wasm-opt -Oz, .br/.gz) into dist/ and print its sizes\n  wasm                  Trunk's post_build hook: the app's wasm split into the first load and chunks\n  bench feed            the feed page under load, against PocketBase in the same run\n  bench quiz            2,000 entrants saving quiz answers at once, with a recount\n  bench votes           a vote burst on SQLite, PostgreSQL and PocketBase, a kill -9, 10,000 tally streams\n  bench reports         a province's quarterly report over 500,000 members and 2,000,000 posts, SQLite and PostgreSQL\n  bench cluster         through nginx to instances on PostgreSQL: vote bursts, a kill -9, a rolling restart, 10,000 streams\n  bench app             Lighthouse on six pages of the member app, split and as one wasm, and the first load's bytes"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
