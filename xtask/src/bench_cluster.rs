//! `cargo xtask bench cluster`: `bench votes`' burst through nginx to one and to two release
//! instances on one PostgreSQL, beside PocketBase's burst in the same run; then a kill -9 of one
//! of two instances in the middle of a burst; then a rolling restart of both instances (SIGTERM,
//! start again, the other) under a read load. Every burst ends with a recount from the database:
//! acknowledged votes lost, doubled, and entries whose kept count differs from their rows.
//!
//! On this 2-core machine the instances, nginx, PostgreSQL and the client share the two cores, so
//! two instances cannot be faster than one here: the figures that matter are the zeros. Last, 10,000
//! tally streams through nginx over two instances, and one vote made on one of them: every stream
//! must get the new count.

use std::{
    collections::BTreeMap,
    io::BufReader,
    net::TcpStream,
    path::{Path, PathBuf},
    process::Child,
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use crate::{
    bench::{start_ours_on, start_ours_unlimited, wait_until_up, Server},
    bench_votes::{
        burst, measure_pocketbase, recount, seeded_postgres, stored_postgres, Burst, Recount, Target,
    },
    bench_votes::{rss_kb, StreamHolder, CONNECTIONS, REQUESTS, STREAMS},
    cluster::{ensure_nginx, start_nginx, terminate},
    load::{exchange, p99_ms},
    pg::Cluster,
    proc::{cmd, free_port, run, step, Result},
};

/// Instances on one seeded PostgreSQL behind nginx; everything stops on drop.
struct Front {
    port: u16,
    nginx: Child,
    instances: Vec<(u16, Server)>,
    database: Cluster,
    dir: PathBuf,
}

impl Front {
    fn start(dir: &Path, count: usize) -> Result<Front> {
        let dir = dir.join(format!("front-{count}-{}", free_port()?));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let database = seeded_postgres(&dir)?;
        let mut instances = Vec::new();
        for _ in 0..count {
            let port = free_port()?;
            instances.push((port, start_ours_unlimited(&database.url, port)?));
        }
        let port = free_port()?;
        let ports: Vec<u16> = instances.iter().map(|(port, _)| *port).collect();
        let nginx = start_nginx(&dir, port, &ports)?;
        wait_until_up(port, "/api/health")?;
        Ok(Front {
            port,
            nginx,
            instances,
            database,
            dir,
        })
    }

    /// The votes stored, recounted against what the burst acknowledged, and the count drift.
    fn recount(&self, burst: &Burst) -> (Recount, usize) {
        let (stored, drift) = stored_postgres(&self.database);
        (recount(&stored, &burst.counted), drift)
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: a killed nginx master leaves its workers running.
        terminate(&mut self.nginx);
        self.instances.clear();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Line {
    name: String,
    burst: Burst,
    recount: Recount,
    drift: usize,
}

fn through_nginx(dir: &Path, count: usize) -> Result<Line> {
    step(&format!(
        "bench: {REQUESTS} votes through nginx to {count} instance(s) on one PostgreSQL"
    ));
    let front = Front::start(dir, count)?;
    let burst = burst(front.port, Target::Ours, REQUESTS, &Arc::default());
    let (recount, drift) = front.recount(&burst);
    Ok(Line {
        name: format!("{count} instance(s) behind nginx"),
        burst,
        recount,
        drift,
    })
}

/// kill -9 of one of two instances 2.5 s into the burst; the burst goes on through the other.
fn kill_one(dir: &Path) -> Result<Line> {
    step("bench: kill -9 of one of two instances in the middle of a burst");
    let mut front = Front::start(dir, 2)?;
    let port = front.port;
    let driver = std::thread::spawn(move || burst(port, Target::Ours, REQUESTS, &Arc::default()));
    std::thread::sleep(Duration::from_millis(2_500));
    // `Child::kill` is SIGKILL: no shutdown, no flush.
    let (_, victim) = &mut front.instances[0];
    victim.0.kill().map_err(|e| e.to_string())?;
    let _ = victim.0.wait();
    let burst = driver.join().map_err(|_| "the driver panicked")?;
    let (recount, drift) = front.recount(&burst);
    Ok(Line {
        name: "2 instances, one killed -9".into(),
        burst,
        recount,
        drift,
    })
}

struct Streams {
    opened: usize,
    updated: usize,
    /// Per instance: resident memory before the streams and with them open, in KB.
    memory: Vec<(u64, u64)>,
}

/// 10,000 tally streams opened through nginx (spread over two instances), then one vote made
/// through the first instance directly: every stream must get the new count.
fn streams_across(dir: &Path) -> Result<Streams> {
    step(&format!(
        "bench: {STREAMS} tally streams through nginx over two instances, one vote on one of them"
    ));
    let front = Front::start(dir, 2)?;
    let pids: Vec<u32> = front.instances.iter().map(|(_, s)| s.0.id()).collect();
    let before: Vec<u64> = pids.iter().map(|pid| rss_kb(*pid).unwrap_or(0)).collect();
    let holder = StreamHolder::open(&format!(
        "http://127.0.0.1:{}/api/photo-contests/1/tally",
        front.port
    ))?;
    let memory = pids
        .iter()
        .zip(before)
        .map(|(pid, before)| (before, rss_kb(*pid).unwrap_or(0)))
        .collect();
    // One vote, straight to the first instance: the streams on the second hear of it through
    // PostgreSQL.
    let (first, _) = &front.instances[0];
    if let Ok(stream) = TcpStream::connect(("127.0.0.1", *first)) {
        let _ = exchange(
            &mut BufReader::new(stream),
            "POST",
            "/api/photo-contest-entries/1/vote",
            "bench-vote-1",
            "",
        );
    }
    std::thread::sleep(Duration::from_secs(3));
    let (opened, updated) = holder.close();
    Ok(Streams {
        opened,
        updated,
        memory,
    })
}

/// Reads a public group's feed over 16 keep-alive connections until `stop`: how many were
/// answered 200, and the others by what went wrong (a status, or `io` for a dropped connection).
fn read_load(port: u16, stop: &Arc<AtomicBool>) -> (usize, BTreeMap<String, usize>) {
    let answered = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(Mutex::new(BTreeMap::new()));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (stop, answered, failed) = (stop.clone(), answered.clone(), failed.clone());
            std::thread::spawn(move || {
                let connect = || TcpStream::connect(("127.0.0.1", port)).ok().map(BufReader::new);
                let mut conn = connect();
                let read = |conn: &mut Option<BufReader<TcpStream>>| match conn.as_mut() {
                    None => Err("connect".to_owned()),
                    Some(c) => match exchange(c, "GET", "/api/groups/1/posts", "", "") {
                        Ok((200, _)) => Ok(()),
                        // No status line: the connection was closed under it.
                        Ok((0, _)) | Err(_) => Err("closed".to_owned()),
                        Ok((status, _)) => Err(status.to_string()),
                    },
                };
                while !stop.load(Ordering::Relaxed) {
                    let mut outcome = read(&mut conn);
                    if outcome.as_ref().is_err_and(|what| what == "closed") {
                        // As a browser does: a kept-alive connection closed by the other end
                        // (nginx closes one after 1,000 requests) is reopened and an idempotent
                        // request sent again once. Only a failure on a fresh connection counts.
                        conn = connect();
                        outcome = read(&mut conn);
                    }
                    match outcome {
                        Ok(()) => {
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(what) => {
                            if let Ok(mut failed) = failed.lock() {
                                *failed.entry(what).or_insert(0) += 1;
                            }
                            conn = connect();
                        }
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        let _ = thread.join();
    }
    let failed = std::mem::take(&mut *failed.lock().unwrap_or_else(|e| e.into_inner()));
    (answered.load(Ordering::Relaxed), failed)
}

/// SIGTERM, start again on the same port, then the other instance, under the read load.
fn rolling_restart(dir: &Path) -> Result<(usize, BTreeMap<String, usize>, f64)> {
    step("bench: a rolling restart of two instances under a read load");
    let mut front = Front::start(dir, 2)?;
    let stop = Arc::new(AtomicBool::new(false));
    let load = {
        let (port, stop) = (front.port, stop.clone());
        std::thread::spawn(move || read_load(port, &stop))
    };
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(2));
    let url = front.database.url.clone();
    for (port, server) in &mut front.instances {
        terminate(&mut server.0);
        *server = start_ours_on(&url, *port)?;
        std::thread::sleep(Duration::from_secs(2));
    }
    stop.store(true, Ordering::Relaxed);
    let (answered, failed) = load.join().map_err(|_| "the load panicked")?;
    Ok((answered, failed, started.elapsed().as_secs_f64()))
}

/// `only`: `votes`, `restart` or `streams` runs that part alone.
pub fn cluster(only: Option<&str>) -> Result<()> {
    let part = |name: &str| only.is_none_or(|only| only == name);
    ensure_nginx()?;
    step("bench: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;
    let dir = std::env::temp_dir().join(format!("hoi-bench-cluster-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;

    let (reference, lines) = if part("votes") {
        let reference = measure_pocketbase(&dir)?;
        (
            Some(reference),
            vec![through_nginx(&dir, 1)?, through_nginx(&dir, 2)?, kill_one(&dir)?],
        )
    } else {
        (None, Vec::new())
    };
    let restart = if part("restart") {
        Some(rolling_restart(&dir)?)
    } else {
        None
    };
    let held = if part("streams") {
        Some(streams_across(&dir)?)
    } else {
        None
    };
    let _ = std::fs::remove_dir_all(&dir);

    let per_second = |b: &Burst| b.acknowledged() as f64 / b.seconds;
    if let Some(reference) = &reference {
        let pocketbase = per_second(&reference.burst);
        println!(
        "\nvote burst through nginx: {REQUESTS} requests over {CONNECTIONS} connections, PostgreSQL (fsync on); \
         PocketBase (direct) {pocketbase:.0} acknowledged/s in the same run"
    );
        println!(
            "  {:<30} {:>9} {:>10} {:>8} {:>9} {:>8} {:>8} {:>5} {:>7} {:>6}",
            "", "acked/s", "÷ PB", "p99 ms", "unanswd", "counted", "stored", "lost", "double", "drift"
        );
        for line in &lines {
            let b = &line.burst;
            println!(
                "  {:<30} {:>9.0} {:>10.2} {:>8.2} {:>9} {:>8} {:>8} {:>5} {:>7} {:>6}",
                line.name,
                per_second(b),
                per_second(b) / pocketbase,
                p99_ms(&mut b.latencies.clone()),
                b.failed,
                b.counted.len(),
                line.recount.stored,
                line.recount.lost,
                line.recount.duplicates,
                line.drift
            );
        }
    }
    if let Some((answered, failed, seconds)) = &restart {
        println!(
        "\nrolling restart of both instances (SIGTERM, start again, the other) under 16 connections reading a feed \
         for {seconds:.0} s through nginx: {answered} answered, {} failed {failed:?}",
        failed.values().sum::<usize>()
    );
    }
    if let Some(held) = &held {
        let per_stream: Vec<String> = held
            .memory
            .iter()
            .map(|(before, after)| {
                format!(
                    "{:.1} → {:.1} MB",
                    *before as f64 / 1024.0,
                    *after as f64 / 1024.0
                )
            })
            .collect();
        let grown: u64 = held.memory.iter().map(|(b, a)| a.saturating_sub(*b)).sum();
        println!(
            "\n{STREAMS} tally streams through nginx over two instances: {} opened, {} received the count of one vote \
             made on the first instance; memory per instance {}: {:.1} KB per stream",
            held.opened,
            held.updated,
            per_stream.join(", "),
            grown as f64 / held.opened.max(1) as f64
        );
    }
    let broken = lines
        .iter()
        .any(|l| l.recount.lost > 0 || l.recount.duplicates > 0 || l.drift > 0)
        || restart.as_ref().is_some_and(|(_, failed, _)| !failed.is_empty())
        || held.as_ref().is_some_and(|h| h.updated < h.opened);
    if broken {
        return Err(
            "a vote was lost or doubled, a request failed during the rolling restart, or a stream missed the vote".into(),
        );
    }
    Ok(())
}
