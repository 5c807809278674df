//! The load generators' HTTP/1.1 client: one kept-alive connection per thread, no dependencies,
//! so the benchmarks measure the servers and not a client library.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    time::Instant,
};

pub type Connection = BufReader<TcpStream>;

/// One HTTP/1.1 exchange on a kept-alive connection: the status and the body.
pub fn exchange(
    conn: &mut Connection,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: bench\r\nCookie: hoi_session={cookie}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.get_mut().write_all(request.as_bytes())?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        conn.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// Runs a call and records its latency in microseconds.
pub fn timed(
    latencies: &mut Vec<u32>,
    call: impl FnOnce() -> std::io::Result<(u16, String)>,
) -> std::io::Result<(u16, String)> {
    let started = Instant::now();
    let answer = call();
    latencies.push(u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX));
    answer
}

/// The 99th percentile of latencies in microseconds, in milliseconds.
pub fn p99_ms(latencies: &mut [u32]) -> f64 {
    latencies.sort_unstable();
    let index = (latencies.len() * 99 / 100).min(latencies.len().saturating_sub(1));
    f64::from(latencies.get(index).copied().unwrap_or(0)) / 1000.0
}
