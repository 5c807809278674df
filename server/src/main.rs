//! `hoi-server`: reads its configuration and runs. Everything else lives in the library.

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    // `hoi-server backup PATH [flags]` and `hoi-server restore PATH [flags]`: the same settings
    // (flags and HOI_* variables) name the database and the media folder.
    let args: Vec<String> = std::env::args().collect();
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("backup"), Some(path)) => {
            let config = hoi_server::Config::parse_from(settings(&args));
            let summary = hoi_server::backup::backup(&config, path.as_ref()).await?;
            let rows: i64 = summary.tables.iter().map(|(_, n)| n).sum();
            println!(
                "backup written to {path}: {} ({} tables, {rows} rows), {} photos",
                summary.backend,
                summary.tables.len(),
                summary.photos
            );
            Ok(())
        }
        (Some("restore"), Some(path)) => {
            let config = hoi_server::Config::parse_from(settings(&args));
            hoi_server::backup::restore(&config, path.as_ref()).await?;
            println!("restored {path} into {}", config.database_url);
            Ok(())
        }
        (Some("backup" | "restore"), None) => anyhow::bail!("usage: hoi-server backup|restore PATH [flags]"),
        _ => hoi_server::run(hoi_server::Config::parse()).await,
    }
}

/// The program name and the flags after `backup PATH` / `restore PATH`.
fn settings(args: &[String]) -> Vec<String> {
    std::iter::once("hoi-server".to_owned())
        .chain(args.iter().skip(3).cloned())
        .collect()
}
