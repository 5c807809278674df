//! `cargo xtask bench quiz`: 2,000 entrants answering a quiz at once against the real server
//! (release build, SQLite). Each entrant is a thread with its own keep-alive connection: all start
//! their paper, then all save 20 answers as fast as the server takes them. The reference, measured
//! in the same run by the same threads, is the server's cheapest round trip (`GET /api/health`).
//! Afterwards the database is recounted: every acknowledged answer must be there, as sent.

use std::{
    io::BufReader,
    net::TcpStream,
    process::Command,
    sync::{Arc, Barrier},
    time::{Duration, Instant},
};

use crate::{
    bench::start_ours,
    load::{exchange, p99_ms, timed},
    proc::{cmd, free_port, output, root, run, step, Result},
};

const ENTRANTS: usize = 2_000;
const QUESTIONS: i64 = 20;

/// What one entrant measured: latencies in microseconds, acknowledged answers, failures.
#[derive(Default)]
struct Tally {
    health: Vec<u32>,
    answers: Vec<u32>,
    acknowledged: usize,
    failed: usize,
}

/// One entrant: connect, wait for everyone, ping, start her paper, wait, answer every question.
fn entrant(port: u16, n: usize, gates: &[Arc<Barrier>; 4]) -> Tally {
    let mut tally = Tally::default();
    let cookie = format!("bench-quiz-{n}");
    let mut conn = loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = stream.set_nodelay(true);
            break BufReader::new(stream);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    gates[0].wait();
    for _ in 0..QUESTIONS {
        if timed(&mut tally.health, || {
            exchange(&mut conn, "GET", "/api/health", &cookie, "")
        })
        .is_err()
        {
            tally.failed += 1;
        }
    }
    gates[1].wait();
    let attempt = exchange(&mut conn, "POST", "/api/quizzes/1/attempts", &cookie, "{}")
        .ok()
        .and_then(|(_, body)| {
            body.strip_prefix("{\"id\":")?
                .split(',')
                .next()?
                .parse::<i64>()
                .ok()
        });
    gates[2].wait();
    if let Some(attempt) = attempt {
        let user = i64::try_from(n).unwrap_or(0);
        for question in 1..=QUESTIONS {
            let body = format!("{{\"chosen\":[{}]}}", (user + question) % 4);
            let path = format!("/api/quiz-attempts/{attempt}/answers/{question}");
            match timed(&mut tally.answers, || {
                exchange(&mut conn, "PUT", &path, &cookie, &body)
            }) {
                Ok((204, _)) => tally.acknowledged += 1,
                _ => tally.failed += 1,
            }
        }
    } else {
        tally.failed += usize::try_from(QUESTIONS).unwrap_or(0);
    }
    gates[3].wait();
    tally
}

pub fn quiz() -> Result<()> {
    step("bench: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;
    let dir = std::env::temp_dir().join(format!("hoi-bench-quiz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = dir.join("ours.sqlite");
    let seeder = root().join("xtask/bench/quiz_data.py");
    let port = free_port()?;
    step(&format!(
        "bench: seeding a 20-question quiz and {ENTRANTS} signed-in entrants (SQLite)"
    ));
    drop(start_ours(&db, port)?); // creates the schema and the Hội tree, then stops
    run(Command::new("python3").arg(&seeder).arg("seed").arg(&db))?;

    let server = start_ours(&db, port)?;
    step(&format!(
        "bench: {ENTRANTS} entrants, one connection each, {QUESTIONS} requests each per phase"
    ));
    let gates: [Arc<Barrier>; 4] = std::array::from_fn(|_| Arc::new(Barrier::new(ENTRANTS + 1)));
    let threads: Vec<_> = (1..=ENTRANTS)
        .map(|n| {
            let gates = gates.clone();
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || entrant(port, n, &gates))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_>>()?;
    gates[0].wait();
    let health_start = Instant::now();
    gates[1].wait();
    let health_time = health_start.elapsed();
    let start_start = Instant::now();
    gates[2].wait();
    let start_time = start_start.elapsed();
    let answer_start = Instant::now();
    gates[3].wait();
    let answer_time = answer_start.elapsed();
    let mut total = Tally::default();
    for thread in threads {
        let tally = thread
            .join()
            .map_err(|_| "an entrant thread panicked".to_string())?;
        total.health.extend(tally.health);
        total.answers.extend(tally.answers);
        total.acknowledged += tally.acknowledged;
        total.failed += tally.failed;
    }
    drop(server);

    let recount = output(Command::new("python3").arg(&seeder).arg("recount").arg(&db)).unwrap_or_default();
    let mut figures = recount
        .split_whitespace()
        .map(|n| n.parse::<usize>().unwrap_or(usize::MAX));
    let (stored, differing) = (
        figures.next().unwrap_or(usize::MAX),
        figures.next().unwrap_or(usize::MAX),
    );
    let health_rate = total.health.len() as f64 / health_time.as_secs_f64();
    let answer_rate = total.acknowledged as f64 / answer_time.as_secs_f64();
    println!("\nquiz answers: {ENTRANTS} entrants at once, one connection each, release build, SQLite:");
    println!("  {:<52} {:>10} {:>10}", "", "req/s", "p99 ms");
    println!(
        "  {:<52} {:>10.0} {:>10.2}",
        "reference: GET /api/health (same threads, same run)",
        health_rate,
        p99_ms(&mut total.health)
    );
    println!(
        "  {:<52} {:>10.0} {:>10.2}",
        "answers saved: PUT /api/quiz-attempts/{id}/answers/{q}",
        answer_rate,
        p99_ms(&mut total.answers)
    );
    println!(
        "  papers started: {ENTRANTS} in {:.2} s ({:.0}/s)",
        start_time.as_secs_f64(),
        ENTRANTS as f64 / start_time.as_secs_f64()
    );
    println!(
        "  answers saved at {:.2}x the reference's rate; {} acknowledged, {} failed",
        answer_rate / health_rate,
        total.acknowledged,
        total.failed
    );
    let lost = total.acknowledged.saturating_sub(stored);
    println!(
        "  recount from the database: {stored} answers stored for {} acknowledged, {differing} differ from what was sent, {lost} lost",
        total.acknowledged
    );
    let _ = std::fs::remove_dir_all(&dir);
    if lost > 0 || differing > 0 || stored != total.acknowledged {
        return Err("the recount does not match the acknowledged answers".into());
    }
    Ok(())
}
