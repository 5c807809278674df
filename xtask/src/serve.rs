//! `cargo xtask serve`: build the app, then run the server with demo data on SQLite.

use crate::{
    build,
    proc::{cmd, root, run, step, Result},
};

pub fn serve(server_args: &[String]) -> Result<()> {
    build::build_app()?;
    step("serve: building the server (release)");
    run(cmd("cargo").args(["build", "--release", "-p", "hoi-server"]))?;
    step("serve: starting; demo logins are printed on first start (Ctrl-C stops)");
    let binary = root().join("target/release/hoi-server");
    let mut command = cmd(&binary.display().to_string());
    if std::env::var_os("HOI_DEMO").is_none() {
        command.env("HOI_DEMO", "true");
    }
    run(command.args(server_args))
}
