//! huddle-server: flags and a TOML file in, `huddle::server::run` out.

use std::path::PathBuf;

use clap::Parser;
use huddle::config::LoginPolicy;
use huddle::server::ServerConfig;

/// The Huddle group-chat server: the embedded engine behind a WebSocket.
#[derive(Parser)]
#[command(version, about)]
struct Flags {
    /// A TOML file of settings (see docs/deploy.md); flags win over it.
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Where clients connect, host:port (default 127.0.0.1:7480).
    #[arg(long)]
    listen: Option<std::net::SocketAddr>,
    /// Where SQLite keeps the data (default: in memory, gone at stop).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    #[arg(long)]
    sdk_app_id: Option<u64>,
    /// The app's secret key for TLSSigAPIv2 user_sigs (or HUDDLE_SECRET_KEY).
    #[arg(long, env = "HUDDLE_SECRET_KEY", hide_env_values = true)]
    secret_key: Option<String>,
    /// A user with app-admin rights (repeatable).
    #[arg(long = "admin")]
    admins: Vec<String>,
    /// single, per_platform or multi.
    #[arg(long, value_parser = parse_policy)]
    login_policy: Option<LoginPolicy>,
    /// Prints the settings in effect as TOML and exits.
    #[arg(long)]
    print_config: bool,
}

fn parse_policy(s: &str) -> Result<LoginPolicy, String> {
    serde_json::from_value(serde_json::Value::String(s.into())).map_err(|_| format!("{:?}: expected single, per_platform or multi", s))
}

fn config(flags: &Flags) -> Result<ServerConfig, String> {
    let mut config = match &flags.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {}", path.display(), e))?;
            ServerConfig::from_toml(&text).map_err(|e| format!("{}: {}", path.display(), e))?
        }
        None => ServerConfig::default(),
    };
    if let Some(listen) = flags.listen {
        config.listen = listen;
    }
    if let Some(dir) = &flags.data_dir {
        config.data_dir = Some(dir.clone());
    }
    if let Some(id) = flags.sdk_app_id {
        config.sdk_app_id = id;
    }
    if let Some(key) = &flags.secret_key {
        config.secret_key = Some(key.clone());
    }
    config.admins.extend(flags.admins.iter().cloned());
    if let Some(policy) = flags.login_policy {
        config.login_policy = policy;
    }
    Ok(config)
}

fn main() -> std::process::ExitCode {
    let flags = Flags::parse();
    let config = match config(&flags) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("huddle-server: {}", e);
            return std::process::ExitCode::from(2);
        }
    };
    if flags.print_config {
        print!("{}", config.to_toml());
        return std::process::ExitCode::SUCCESS;
    }
    // Logs go to stderr: stdout carries only the "listening on" line.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("HUDDLE_LOG").unwrap_or_else(|_| "info".into()))
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {}", config.listen, e))?;
        // For whoever started us on port 0 (tests, scripts): the one line on stdout.
        if let Ok(addr) = listener.local_addr() {
            println!("huddle-server listening on ws://{}", addr);
        }
        huddle::server::run(config, listener, stop_signal()).await.map_err(|e| e.to_string())
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{}", e);
            std::process::ExitCode::FAILURE
        }
    }
}

/// SIGINT or SIGTERM.
async fn stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).expect("a SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
