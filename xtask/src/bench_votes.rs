//! `cargo xtask bench votes`: a burst of voters against the real server (release build) on
//! SQLite, then on PostgreSQL, and against PocketBase with a unique index on voter and entry, in
//! the same run with the same client. Then a kill -9 in the middle of a burst, and 10,000 open
//! tally streams while votes arrive.
//!
//! Each of the 64 connections is a thread; request i is a new (voter, entry) pair, and every
//! tenth request repeats the pair sent five before (a retry or a double tap). Afterwards the
//! database is recounted: every acknowledged vote must be stored exactly once.

use std::{
    collections::HashSet,
    io::BufReader,
    net::TcpStream,
    path::Path,
    process::{Command, Stdio},
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use crate::{
    bench::{install_pocketbase, start_ours, start_ours_on, start_pocketbase_with_schema, Server},
    load::{exchange, p99_ms, timed},
    pg::Cluster,
    proc::{cmd, free_port, output, root, run, step, Result},
};

pub(crate) const CONNECTIONS: usize = 64;
pub(crate) const REQUESTS: usize = 110_000;
const VOTERS: usize = 20_000;
const ENTRIES: usize = 20;
pub(crate) const STREAMS: usize = 10_000;

pub(crate) type Pair = (u32, u32); // entry, voter

/// The (entry, voter) pair of request `i`: new pairs, with every tenth a repeat.
fn pair(i: usize) -> Pair {
    let i = if i % 10 == 9 { i - 5 } else { i };
    let k = i - i / 10;
    let voter = k % VOTERS + 1;
    let entry = (k / VOTERS) % ENTRIES + 1;
    (entry as u32, voter as u32)
}

#[derive(Clone, Copy)]
pub(crate) enum Target {
    Ours,
    PocketBase,
}

/// What a burst measured.
#[derive(Default)]
pub(crate) struct Burst {
    /// Pairs the server said it stored now.
    pub counted: Vec<Pair>,
    /// Answers that it was already stored (ours: 200; PocketBase: 400 from the unique index).
    pub already: usize,
    pub failed: usize,
    pub latencies: Vec<u32>,
    pub seconds: f64,
}

impl Burst {
    pub fn acknowledged(&self) -> usize {
        self.counted.len() + self.already
    }
}

fn connect(port: u16) -> Option<BufReader<TcpStream>> {
    for _ in 0..100 {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = stream.set_nodelay(true);
            return Some(BufReader::new(stream));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// `requests` votes over 64 connections as fast as the server answers; stops early when
/// `stop` is set or a connection dies (the kill -9).
pub(crate) fn burst(port: u16, target: Target, requests: usize, stop: &Arc<AtomicBool>) -> Burst {
    let next = Arc::new(AtomicUsize::new(0));
    let total = Arc::new(Mutex::new(Burst::default()));
    let started = Instant::now();
    let threads: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (next, total, stop) = (next.clone(), total.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut mine = Burst::default();
                let Some(mut conn) = connect(port) else {
                    mine.failed += 1;
                    return;
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let (entry, voter) = pair(i);
                    let answer = timed(&mut mine.latencies, || match target {
                        Target::Ours => exchange(
                            &mut conn,
                            "POST",
                            &format!("/api/photo-contest-entries/{entry}/vote"),
                            &format!("bench-vote-{voter}"),
                            "",
                        ),
                        Target::PocketBase => exchange(
                            &mut conn,
                            "POST",
                            "/api/collections/votes/records",
                            "",
                            &format!("{{\"voter\":\"v{voter}\",\"entry\":\"e{entry}\"}}"),
                        ),
                    });
                    match (target, answer) {
                        (Target::Ours, Ok((201, _))) | (Target::PocketBase, Ok((200, _))) => {
                            mine.counted.push((entry, voter));
                        }
                        (Target::Ours, Ok((200, _))) | (Target::PocketBase, Ok((400, _))) => {
                            mine.already += 1
                        }
                        (_, Ok(_)) => mine.failed += 1,
                        (_, Err(_)) => {
                            // The server is gone (or closed the connection): this request has
                            // no answer, so it is not acknowledged.
                            mine.failed += 1;
                            match connect(port) {
                                Some(again) if !stop.load(Ordering::Relaxed) => conn = again,
                                _ => break,
                            }
                        }
                    }
                }
                if let Ok(mut total) = total.lock() {
                    total.counted.append(&mut mine.counted);
                    total.already += mine.already;
                    total.failed += mine.failed;
                    total.latencies.append(&mut mine.latencies);
                }
            })
        })
        .collect();
    for thread in threads {
        let _ = thread.join();
    }
    let mut result = std::mem::take(&mut *total.lock().unwrap_or_else(|e| e.into_inner()));
    result.seconds = started.elapsed().as_secs_f64();
    result
}

/// What the recount found, against what was acknowledged.
pub(crate) struct Recount {
    pub stored: usize,
    pub duplicates: usize,
    pub lost: usize,
    /// Stored but never acknowledged: committed when the answer could not reach the client.
    pub unacknowledged: usize,
}

pub(crate) fn recount(stored: &[Pair], counted: &[Pair]) -> Recount {
    let distinct: HashSet<Pair> = stored.iter().copied().collect();
    let acked: HashSet<Pair> = counted.iter().copied().collect();
    Recount {
        stored: stored.len(),
        duplicates: stored.len() - distinct.len() + (counted.len() - acked.len()),
        lost: acked.difference(&distinct).count(),
        unacknowledged: distinct.difference(&acked).count(),
    }
}

fn parse_pairs(text: &str) -> Vec<Pair> {
    text.lines()
        .filter_map(|line| {
            let (entry, voter) = line.trim().split_once(',')?;
            let entry = entry.trim_start_matches('e').parse().ok()?;
            let voter = voter.trim_start_matches('v').parse().ok()?;
            Some((entry, voter))
        })
        .collect()
}

fn seeder() -> std::path::PathBuf {
    root().join("xtask/bench/votes_data.py")
}

/// The stored votes of a SQLite database, and how many entries' kept counts differ from rows.
fn stored_sqlite(db: &Path) -> Result<(Vec<Pair>, usize)> {
    let text = output(
        Command::new("python3")
            .arg(seeder())
            .arg("recount-sqlite")
            .arg(db),
    )
    .ok_or("the recount failed")?;
    let drift = text
        .lines()
        .find_map(|l| l.strip_prefix("drift "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(usize::MAX);
    Ok((parse_pairs(&text), drift))
}

fn seed_sqlite(dir: &Path, name: &str) -> Result<std::path::PathBuf> {
    let db = dir.join(format!("{name}.sqlite"));
    drop(start_ours(&db, free_port()?)?); // creates the schema and the Hội tree, then stops
    run(Command::new("python3").arg(seeder()).arg("sqlite").arg(&db))?;
    Ok(db)
}

pub(crate) struct Row {
    pub name: &'static str,
    pub burst: Burst,
    pub recount: Recount,
    pub drift: usize,
}

fn measure_sqlite(dir: &Path) -> Result<Row> {
    step("bench: Chi hội số on SQLite: seeding 20,000 voters and 20 entries");
    let db = seed_sqlite(dir, "ours")?;
    let port = free_port()?;
    let burst = {
        let _server = start_ours(&db, port)?;
        step(&format!(
            "bench: Chi hội số on SQLite: {REQUESTS} votes over {CONNECTIONS} connections"
        ));
        self::burst(port, Target::Ours, REQUESTS, &Arc::default())
    };
    let (stored, drift) = stored_sqlite(&db)?;
    Ok(Row {
        name: "Chi hội số, SQLite",
        recount: recount(&stored, &burst.counted),
        burst,
        drift,
    })
}

/// A throwaway PostgreSQL cluster (fsync on), migrated, with the voters, sessions and the contest.
pub(crate) fn seeded_postgres(dir: &Path) -> Result<Cluster> {
    let cluster = Cluster::start_durable()?;
    drop(start_ours_on(&cluster.url, free_port()?)?); // migrations
    let sql = dir.join("seed.sql");
    let seed = output(Command::new("python3").arg(seeder()).arg("postgres-sql")).ok_or("no seed SQL")?;
    std::fs::write(&sql, seed).map_err(|e| e.to_string())?;
    run(Command::new(cluster.tool("psql"))
        .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", &cluster.url, "-f"])
        .arg(&sql)
        .stdout(Stdio::null()))?;
    Ok(cluster)
}

/// The stored votes of a PostgreSQL database, and how many entries' kept counts differ from rows.
pub(crate) fn stored_postgres(cluster: &Cluster) -> (Vec<Pair>, usize) {
    let psql = cluster.tool("psql");
    let query =
        |sql: &str| output(Command::new(&psql).args(["-At", "-F", ",", "-d", &cluster.url, "-c", sql]));
    let stored =
        parse_pairs(&query("SELECT entry_id, voter_id FROM photo_contest_votes").unwrap_or_default());
    let drift = query(
        "SELECT COUNT(*) FROM photo_contest_entries e WHERE e.votes <> \
         (SELECT COUNT(*) FROM photo_contest_votes v WHERE v.entry_id = e.id AND v.voided_at IS NULL)",
    )
    .and_then(|t| t.trim().parse().ok())
    .unwrap_or(usize::MAX);
    (stored, drift)
}

fn measure_postgres(dir: &Path) -> Result<Row> {
    step("bench: Chi hội số on PostgreSQL: a throwaway cluster, fsync on");
    let cluster = seeded_postgres(dir)?;
    let port = free_port()?;
    let burst = {
        let _server = start_ours_on(&cluster.url, port)?;
        step(&format!(
            "bench: Chi hội số on PostgreSQL: {REQUESTS} votes over {CONNECTIONS} connections"
        ));
        self::burst(port, Target::Ours, REQUESTS, &Arc::default())
    };
    let (stored, drift) = stored_postgres(&cluster);
    Ok(Row {
        name: "Chi hội số, PostgreSQL",
        recount: recount(&stored, &burst.counted),
        burst,
        drift,
    })
}

pub(crate) fn measure_pocketbase(dir: &Path) -> Result<Row> {
    let pocketbase = install_pocketbase()?;
    let pb_dir = dir.join("pocketbase");
    let port = free_port()?;
    step("bench: PocketBase: a votes collection with a unique index on voter and entry");
    let burst = {
        let _server = start_pocketbase_with_schema(&pocketbase, &pb_dir, port, &seeder())?;
        step(&format!(
            "bench: PocketBase: {REQUESTS} votes over {CONNECTIONS} connections"
        ));
        self::burst(port, Target::PocketBase, REQUESTS, &Arc::default())
    };
    let script = format!(
        "import sqlite3\nfor e, v in sqlite3.connect('{}').execute('SELECT entry, voter FROM votes'):\n    print(f'{{e}},{{v}}')",
        pb_dir.join("data.db").display()
    );
    let stored = parse_pairs(&output(Command::new("python3").args(["-c", &script])).unwrap_or_default());
    Ok(Row {
        name: "PocketBase (reference)",
        recount: recount(&stored, &burst.counted),
        burst,
        drift: 0,
    })
}

/// kill -9 in the middle of a burst, restart, recount.
fn crash(dir: &Path) -> Result<(Burst, Recount, usize)> {
    step("bench: crash test: kill -9 during a burst on SQLite");
    let db = seed_sqlite(dir, "crash")?;
    let port = free_port()?;
    let mut server = start_ours(&db, port)?;
    let stop = Arc::new(AtomicBool::new(false));
    let driver = {
        let stop = stop.clone();
        std::thread::spawn(move || burst(port, Target::Ours, REQUESTS, &stop))
    };
    std::thread::sleep(Duration::from_millis(2_500));
    kill_9(&mut server)?;
    stop.store(true, Ordering::Relaxed);
    let burst = driver.join().map_err(|_| "the driver panicked")?;
    step("bench: crash test: restarting on the same database");
    drop(start_ours(&db, port)?);
    let (stored, drift) = stored_sqlite(&db)?;
    let found = recount(&stored, &burst.counted);
    Ok((burst, found, drift))
}

fn kill_9(server: &mut Server) -> Result<()> {
    // `Child::kill` is SIGKILL on Unix: no shutdown, no flush, as in a power cut of the process.
    server.0.kill().map_err(|e| e.to_string())?;
    let _ = server.0.wait();
    Ok(())
}

pub(crate) fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

struct Streams {
    opened: usize,
    updated: usize,
    rss_before_kb: u64,
    rss_after_kb: u64,
    during: Burst,
}

/// `STREAMS` tally streams held open by Python's asyncio (`votes_data.py streams`), counting how
/// many opened and how many got a second count.
pub(crate) struct StreamHolder {
    holder: std::process::Child,
    reader: std::thread::JoinHandle<()>,
    progress: Arc<Mutex<(usize, usize)>>,
}

impl StreamHolder {
    /// Opens the streams on `url` and returns once all are open (30 s at most) and a second more.
    pub(crate) fn open(url: &str) -> Result<StreamHolder> {
        let mut holder = Command::new("python3")
            .arg(seeder())
            .args(["streams", url, &STREAMS.to_string(), "40"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let lines = holder.stdout.take().ok_or("no output from the stream holder")?;
        let progress = Arc::new(Mutex::new((0usize, 0usize)));
        let reader = {
            let progress = progress.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for line in BufReader::new(lines).lines().map_while(std::result::Result::ok) {
                    let numbers: Vec<usize> =
                        line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
                    if let (Some(open), Some(updated), Ok(mut p)) =
                        (numbers.first(), numbers.get(1), progress.lock())
                    {
                        *p = (*open, *updated);
                    }
                }
            })
        };
        let streams = StreamHolder {
            holder,
            reader,
            progress,
        };
        let waited = Instant::now();
        while streams.progress().0 < STREAMS && waited.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(250));
        }
        std::thread::sleep(Duration::from_secs(1));
        Ok(streams)
    }

    /// `(opened, updated)` so far.
    fn progress(&self) -> (usize, usize) {
        self.progress.lock().map(|p| *p).unwrap_or_default()
    }

    /// Closes the streams: `(opened, updated)`.
    pub(crate) fn close(mut self) -> (usize, usize) {
        let counts = self.progress();
        let _ = self.holder.kill();
        let _ = self.holder.wait();
        let _ = self.reader.join();
        counts
    }
}

/// 10,000 tally streams held open by Python's asyncio while a vote burst arrives.
fn streams(dir: &Path) -> Result<Streams> {
    step(&format!(
        "bench: {STREAMS} open tally streams while votes arrive (SQLite)"
    ));
    let db = seed_sqlite(dir, "streams")?;
    let port = free_port()?;
    let server = crate::bench::start_ours_unlimited(&format!("sqlite://{}", db.display()), port)?;
    let pid = server.0.id();
    let rss_before_kb = rss_kb(pid).unwrap_or(0);
    let holder = StreamHolder::open(&format!("http://127.0.0.1:{port}/api/photo-contests/1/tally"))?;
    let rss_after_kb = rss_kb(pid).unwrap_or(0);
    let during = burst(port, Target::Ours, 30_000, &Arc::default());
    std::thread::sleep(Duration::from_secs(2));
    let (opened, updated) = holder.close();
    drop(server);
    Ok(Streams {
        opened,
        updated,
        rss_before_kb,
        rss_after_kb,
        during,
    })
}

pub fn votes() -> Result<()> {
    step("bench: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;
    let dir = std::env::temp_dir().join(format!("hoi-bench-votes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;

    let rows = [
        measure_pocketbase(&dir)?,
        measure_sqlite(&dir)?,
        measure_postgres(&dir)?,
    ];
    let (crashed, crash_recount, crash_drift) = crash(&dir)?;
    let held = streams(&dir)?;

    println!(
        "\nvote burst: {REQUESTS} requests ({} new pairs, every tenth a repeat) from {VOTERS} voters over {CONNECTIONS} connections, same client, same machine:",
        REQUESTS - REQUESTS / 10
    );
    println!(
        "  {:<24} {:>11} {:>10} {:>9} {:>9} {:>7} {:>8} {:>6} {:>6} {:>6}",
        "", "acked/s", "new/s", "p99 ms", "counted", "repeat", "stored", "lost", "double", "drift"
    );
    for row in &rows {
        let b = &row.burst;
        println!(
            "  {:<24} {:>11.0} {:>10.0} {:>9.2} {:>9} {:>7} {:>8} {:>6} {:>6} {:>6}",
            row.name,
            b.acknowledged() as f64 / b.seconds,
            b.counted.len() as f64 / b.seconds,
            p99_ms(&mut b.latencies.clone()),
            b.counted.len(),
            b.already,
            row.recount.stored,
            row.recount.lost,
            row.recount.duplicates,
            row.drift
        );
    }
    let reference = rows[0].burst.acknowledged() as f64 / rows[0].burst.seconds;
    for row in &rows[1..] {
        println!(
            "  {}: {:.2}x PocketBase's acknowledged votes per second",
            row.name,
            row.burst.acknowledged() as f64 / row.burst.seconds / reference
        );
    }
    println!(
        "\ncrash test (SQLite): kill -9 after 2.5 s of the burst; {} acknowledged ({} new), {} unanswered requests;\n  after the restart {} stored: {} acknowledged lost, {} doubled, {} stored without an answer reaching the client, {} entries whose count differs from their rows",
        crashed.acknowledged(),
        crashed.counted.len(),
        crashed.failed,
        crash_recount.stored,
        crash_recount.lost,
        crash_recount.duplicates,
        crash_recount.unacknowledged,
        crash_drift
    );
    let per_stream =
        (held.rss_after_kb.saturating_sub(held.rss_before_kb)) as f64 / held.opened.max(1) as f64;
    println!(
        "\n{STREAMS} tally streams (SQLite): {} opened, {} received a count update during a burst of {} votes at {:.0} acknowledged/s (p99 {:.2} ms);\n  server memory {:.1} MB before, {:.1} MB with the streams open: {:.1} KB per stream",
        held.opened,
        held.updated,
        held.during.acknowledged(),
        held.during.acknowledged() as f64 / held.during.seconds,
        p99_ms(&mut held.during.latencies.clone()),
        held.rss_before_kb as f64 / 1024.0,
        held.rss_after_kb as f64 / 1024.0,
        per_stream
    );
    let _ = std::fs::remove_dir_all(&dir);
    let broken = rows.iter().any(|r| {
        r.recount.lost > 0 || r.recount.duplicates > 0 || r.drift > 0 || r.recount.unacknowledged > 0
    }) || crash_recount.lost > 0
        || crash_recount.duplicates > 0
        || crash_drift > 0;
    if broken {
        return Err("a recount does not match the acknowledged votes".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_new_pairs_with_every_tenth_a_repeat() {
        let pairs: Vec<Pair> = (0..REQUESTS).map(pair).collect();
        let distinct: HashSet<Pair> = pairs.iter().copied().collect();
        assert_eq!(distinct.len(), REQUESTS - REQUESTS / 10);
        assert_eq!(pairs[9], pairs[4]);
        assert!(distinct
            .iter()
            .all(|(e, v)| (1..=ENTRIES as u32).contains(e) && (1..=VOTERS as u32).contains(v)));
    }

    #[test]
    fn the_recount_finds_lost_doubled_and_unanswered_votes() {
        let found = recount(&[(1, 1), (1, 1), (2, 2)], &[(1, 1), (3, 3)]);
        assert_eq!(
            (found.stored, found.duplicates, found.lost, found.unacknowledged),
            (3, 1, 1, 1)
        );
    }
}
