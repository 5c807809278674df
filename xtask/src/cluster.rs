//! `cargo xtask cluster [N]`: the several-instance set-up for real, on this machine: a throwaway
//! PostgreSQL cluster, N release instances (2 by default) on their own ports sharing one media
//! folder, and nginx from apt in front (round robin, event streams not buffered, the client's
//! address passed in `X-Forwarded-For` and trusted by the instances), serving the app with demo
//! data. Prints the URL; Ctrl-C stops the instances with SIGTERM (the clean stop a rolling restart
//! uses), then nginx and PostgreSQL.

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use crate::{
    build,
    pg::Cluster,
    proc::{cmd, free_port, output, root, run, step, wait_for_health, Result},
};

/// nginx's configuration: `instances` are the ports behind it.
pub(crate) fn nginx_conf(dir: &Path, front: u16, instances: &[u16]) -> String {
    let servers: String = instances
        .iter()
        // Never marked down: an instance restarting refuses connections at once and the
        // request goes to the next one, whereas a mark could outlast the restart and, in a
        // rolling restart, leave no instance "up" for a moment (502s, measured).
        .map(|port| format!("        server 127.0.0.1:{port} max_fails=0;\n"))
        .collect();
    let dir = dir.display();
    format!(
        "pid {dir}/nginx.pid;\nerror_log {dir}/nginx-error.log warn;\n\
# Two descriptors per open event stream (the phone's and the instance's).\n\
worker_rlimit_nofile 65536;\nevents {{ worker_connections 30000; }}\n\
http {{\n\
    access_log off;\n\
    client_body_temp_path {dir}/nginx-body;\n\
    proxy_temp_path {dir}/nginx-proxy;\n\
    fastcgi_temp_path {dir}/nginx-fastcgi;\n\
    uwsgi_temp_path {dir}/nginx-uwsgi;\n\
    scgi_temp_path {dir}/nginx-scgi;\n\
    client_max_body_size 12m;\n\
    # A phone's connection is kept for many requests (nginx closes one after 1,000 by default).\n\
    keepalive_requests 100000;\n\
    upstream hoi {{\n{servers}        keepalive 64;\n    }}\n\
    server {{\n\
        listen 127.0.0.1:{front};\n\
        location / {{\n\
            proxy_pass http://hoi;\n\
            proxy_http_version 1.1;\n\
            proxy_set_header Connection \"\";\n\
            proxy_set_header Host $host;\n\
            # Overwritten, never appended: the instances take the first address as the client's.\n\
            proxy_set_header X-Forwarded-For $remote_addr;\n\
            # Event streams go out as they come; a stream ended by a stopping instance is\n\
            # reopened by the browser and lands on another one.\n\
            proxy_buffering off;\n\
            proxy_read_timeout 1h;\n\
            # A request refused by a stopping instance's closed port is tried on the next.\n\
            proxy_next_upstream error timeout http_502;\n\
            proxy_connect_timeout 2s;\n\
        }}\n\
    }}\n\
}}\n"
    )
}

fn start_instance(binary: &Path, url: &str, dir: &Path, port: u16, front: u16, demo: bool) -> Result<Child> {
    let mut child = cmd(&binary.display().to_string())
        .env("HOI_ADDR", format!("127.0.0.1:{port}"))
        .env("HOI_DATABASE_URL", url)
        .env("HOI_DEMO", if demo { "true" } else { "false" })
        .env("HOI_TRUST_PROXY", "true")
        .env("HOI_DIST", root().join("dist"))
        .env("HOI_MEDIA_DIR", dir.join("media"))
        .env("HOI_PUBLIC_URL", format!("http://127.0.0.1:{front}"))
        .env("RUST_LOG", "warn,hoi_server=info")
        .spawn()
        .map_err(|e| format!("could not start hoi-server: {e}"))?;
    wait_for_health(port, &mut child)?;
    Ok(child)
}

/// nginx from apt, installed when missing.
pub(crate) fn ensure_nginx() -> Result<()> {
    if output(Command::new("sh").args(["-c", "command -v nginx"])).is_none() {
        step("installing nginx (apt)");
        crate::tools::apt_install(&["nginx"])?;
    }
    Ok(())
}

/// nginx in the foreground on `front`, spreading over `instances`, its files in `dir`.
pub(crate) fn start_nginx(dir: &Path, front: u16, instances: &[u16]) -> Result<Child> {
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, nginx_conf(dir, front, instances)).map_err(|e| e.to_string())?;
    Command::new("nginx")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(&conf)
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start nginx: {e}"))
}

/// SIGTERM, the clean stop, and waits for the process to end.
pub(crate) fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let _ = child.wait();
}

pub fn cluster(args: &[String]) -> Result<()> {
    let count: usize = match args.first() {
        None => 2,
        Some(n) => n
            .parse()
            .ok()
            .filter(|n| (1..=16).contains(n))
            .ok_or("usage: cargo xtask cluster [N instances, 1 to 16]")?,
    };
    ensure_nginx()?;
    build::build_app()?;
    step("cluster: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;
    let binary = root().join("target/release/hoi-server");
    let dir = std::env::temp_dir().join(format!("hoi-cluster-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;

    step("cluster: a throwaway PostgreSQL");
    let database = Cluster::start_durable()?;
    let front = free_port()?;
    let mut instances = Vec::new();
    let mut ports = Vec::new();
    for n in 0..count {
        let port = free_port()?;
        step(&format!("cluster: instance {} on port {port}", n + 1));
        // The first migrates and seeds the demo; the others find it done.
        instances.push(start_instance(&binary, &database.url, &dir, port, front, n == 0)?);
        ports.push(port);
    }
    let mut nginx = start_nginx(&dir, front, &ports)?;

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).map_err(|e| e.to_string())?;
    println!(
        "\nChi hội số on {count} instances behind nginx: http://127.0.0.1:{front}\n\
         instances: {}\nPostgreSQL: {}\nCtrl-C stops everything.",
        ports
            .iter()
            .map(|p| format!("http://127.0.0.1:{p}"))
            .collect::<Vec<_>>()
            .join(", "),
        database.url
    );
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(200));
        if let Ok(Some(status)) = nginx.try_wait() {
            step(&format!("cluster: nginx stopped ({status})"));
            break;
        }
    }
    step("cluster: stopping the instances (SIGTERM), nginx and PostgreSQL");
    for instance in &mut instances {
        terminate(instance);
    }
    terminate(&mut nginx);
    drop(database);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::nginx_conf;

    #[test]
    fn nginx_spreads_over_every_instance_and_does_not_buffer_streams() {
        let conf = nginx_conf(std::path::Path::new("/tmp/c"), 8000, &[8001, 8002]);
        assert!(conf.contains("server 127.0.0.1:8001") && conf.contains("server 127.0.0.1:8002"));
        assert!(conf.contains("listen 127.0.0.1:8000;"));
        assert!(conf.contains("proxy_buffering off;"));
        assert!(conf.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
    }
}
