//! A throwaway PostgreSQL cluster from the installed binaries, on a free port, for the tests.
//! initdb refuses root, so as root it runs as the `postgres` user; stopped and removed on drop.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use crate::proc::{free_port, is_root, output, run, Result};

pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
    pub url: String,
}

fn bin_dir() -> Result<PathBuf> {
    if let Some(dir) = output(Command::new("pg_config").arg("--bindir")).map(|s| PathBuf::from(s.trim())) {
        if dir.join("initdb").exists() {
            return Ok(dir);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| "PostgreSQL binaries not found (expected /usr/lib/postgresql/*/bin)".to_owned())?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .ok_or_else(|| "no initdb under /usr/lib/postgresql".to_owned())
}

impl Cluster {
    /// For tests: fsync off, since a test database is thrown away.
    pub fn start() -> Result<Cluster> {
        Cluster::start_with(false)
    }

    /// For benchmarks: every commit flushed, as in production.
    pub fn start_durable() -> Result<Cluster> {
        Cluster::start_with(true)
    }

    /// Leaves the cluster running after this process (for looking at a benchmark's data), and
    /// says how to stop it.
    pub fn keep(self) -> String {
        let said = format!(
            "{} (stop it with: {} -D {} stop)",
            self.url,
            self.bin.join("pg_ctl").display(),
            self.dir.join("data").display()
        );
        std::mem::forget(self);
        said
    }

    /// A PostgreSQL program of the same installation (`psql`).
    pub fn tool(&self, name: &str) -> PathBuf {
        self.bin.join(name)
    }

    fn start_with(durable: bool) -> Result<Cluster> {
        let bin = bin_dir()?;
        let port = free_port()?;
        let dir = std::env::temp_dir().join(format!("hoi-pg-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let as_postgres = is_root();
        if as_postgres {
            run(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir))?;
        }
        let cluster = Cluster {
            dir: dir.clone(),
            bin,
            as_postgres,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        let data = dir.join("data");
        cluster.pg(
            "initdb",
            &[
                "-D",
                &data.display().to_string(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200{}",
            dir.display(),
            if durable { "" } else { " -c fsync=off" }
        );
        let log = dir.join("server.log");
        cluster.pg(
            "pg_ctl",
            &[
                "-D",
                &data.display().to_string(),
                "-o",
                &options,
                "-l",
                &log.display().to_string(),
                "-w",
                "start",
            ],
        )?;
        Ok(cluster)
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Result<()> {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir(Path::new("/"));
        run(&mut command)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data").display().to_string();
        let _ = self.pg("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
