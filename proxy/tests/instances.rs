//! The proxy's state under real-world failure, with real processes: proxies run as the release would (the
//! binary, configured by the environment of `compose.yaml`'s proxies), a real `redis-server` on a free port,
//! and the sandbox on loopback playing Swiss Post. Processes are killed with SIGKILL where a crash is the
//! question.
//!
//! - two instances on one Redis: 50 concurrent labels (and returns) with one key make one upstream;
//! - an instance killed after Swiss Post made the label, before its answer came: no second label, ever;
//! - the embedded store: a restart between a label and its retry answers the same label; a second process on
//!   the same folder is refused at start;
//! - Redis stopped mid-run: 503 with `Retry-After`, lookups go on, recovery without a restart;
//! - a Swiss Post sign-in started on one instance and completed on the other;
//! - two instances together allow what the rate limit says.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use api::Problem;
use api::connector::{CONNECTOR_CALLBACK_PATH, CONNECTOR_SESSION_PATH, CONNECTOR_START_PATH, ConnectorSession};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use serde_json::{Value, json};

mod common;

use common::request_field;

const PROXY: &str = env!("CARGO_BIN_EXE_swiss-checkout-proxy");
const LABELS: &str = sandbox::route::GENERATE_ADDRESS_LABEL;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("swiss-checkout-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A real Redis on loopback, with its append-only file (as compose.yaml runs it), so a restart keeps what it
/// had.
struct Redis {
    child: Option<Child>,
    port: u16,
    dir: std::path::PathBuf,
}

impl Redis {
    fn start() -> Self {
        let mut redis = Self { child: None, port: free_port(), dir: temp_dir("redis") };
        redis.restart();
        redis
    }

    fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", ""])
            .args(["--appendonly", "yes", "--appendfsync", "always", "--dir"])
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server (Debian's package redis-server; npm test installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: Redis is gone, as when its machine fails.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A proxy of `compose.yaml` (`proxy-a`): its `environment`, with the hosts `redis` and `sandbox` put on
/// loopback.
fn compose_environment(redis: Option<&str>, sandbox: &str) -> Vec<(String, String)> {
    let compose = include_str!("../../compose.yaml");
    let service = compose.split("\n  proxy-a:").nth(1).expect("compose.yaml has a proxy-a service");
    let environment = service.split("environment:").nth(1).expect("proxy-a has an environment");
    environment
        .lines()
        .skip(1)
        .map_while(|line| line.trim().strip_prefix("- "))
        .filter_map(|pair| pair.split_once('='))
        .filter_map(|(name, value)| {
            let value = match name {
                "SWISS_CHECKOUT_LISTEN" | "SWISS_CHECKOUT_OPERATOR_LISTEN" => "127.0.0.1:0".to_owned(),
                "SWISS_CHECKOUT_REDIS_URL" => redis?.to_owned(),
                _ => value.replace("http://sandbox:8090", sandbox),
            };
            Some((name.to_owned(), value))
        })
        .collect()
}

fn compose_value(name: &str) -> String {
    let environment = compose_environment(Some("redis://unused"), "http://unused");
    environment.into_iter().find(|(n, _)| n == name).map(|(_, v)| v).unwrap_or_default()
}

/// One proxy process.
struct Instance {
    child: Child,
    base: String,
    operations: String,
}

impl Instance {
    fn start(environment: &[(String, String)]) -> Self {
        Self::try_start(environment).unwrap_or_else(|output| panic!("the proxy did not start:\n{output}"))
    }

    /// The proxy, once it listens; else everything it said before it exited.
    fn try_start(environment: &[(String, String)]) -> Result<Self, String> {
        let mut child = Command::new(PROXY)
            .env_clear()
            .env("PORT", "0")
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .envs(environment.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (lines, said) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if lines.send(line).is_err() {
                        // Nobody listens any more: the rest is drained so the proxy never blocks on a full pipe.
                        continue;
                    }
                }
            });
        }
        drop(lines);
        let (mut base, mut operations, mut output) = (None, None, String::new());
        let deadline = Instant::now() + Duration::from_secs(20);
        while base.is_none() || operations.is_none() {
            let wait = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = said.recv_timeout(wait) else {
                let _ = child.kill();
                let _ = child.wait();
                return Err(output);
            };
            output.push_str(&line);
            output.push('\n');
            let url = || {
                let at = line.find("http://")?;
                line[at..].split_whitespace().next().map(|u| u.trim_end_matches('/').to_owned())
            };
            if line.contains("listening on") {
                base = url();
            }
            if line.contains("operator routes") {
                operations = url();
            }
        }
        Ok(Self { child, base: base.unwrap_or_default(), operations: operations.unwrap_or_default() })
    }

    /// SIGKILL: no shutdown, no cleanup, as a crash.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    async fn label(&self, key: &str, item: &str) -> reqwest::Response {
        label(&self.base, key, item).await
    }
}

/// A label for a Bern address from the shop's server, with an `Idempotency-Key`.
async fn label(base: &str, key: &str, item: &str) -> reqwest::Response {
    try_label(base, key, item).await.unwrap()
}

/// As [`label`]; the connection may be cut (the instance killed).
async fn try_label(base: &str, key: &str, item: &str) -> Result<reqwest::Response, reqwest::Error> {
    {
        let body = json!({
            "selection": {"address": {"postcode": "3011", "town": "Bern", "street": "Kramgasse", "house_number": "49",
                "verified": true}},
            "recipient": {"first_name": "Anna", "last_name": "Muster", "email": "anna@example.ch"},
            "parcel": {"weight_grams": 1000, "item_id": item},
            "format": "zpl2"
        });
        reqwest::Client::new()
            .post(format!("{base}/server/v1/labels"))
            .bearer_auth(compose_value("SWISS_CHECKOUT_SERVER_KEY"))
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
            .await
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn ident_code(response: reqwest::Response) -> String {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body["ident_code"].as_str().unwrap().to_owned()
}

async fn problem(response: reqwest::Response) -> (StatusCode, Option<String>, Problem) {
    let status = response.status();
    let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    (status, retry_after, response.json().await.unwrap())
}

/// Two proxies on `redis` against `sandbox`, with `extra` settings.
fn two_on_redis(redis: &Redis, sandbox: &sandbox::RunningSandbox, extra: &[(&str, &str)]) -> (Instance, Instance) {
    let mut environment = compose_environment(Some(&redis.url()), &sandbox.base_url());
    environment.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    (Instance::start(&environment), Instance::start(&environment))
}

async fn sandbox() -> sandbox::RunningSandbox {
    sandbox::spawn(sandbox::SandboxConfig::default()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_requests_with_one_key_over_two_instances_make_one_label_and_one_return() {
    let (redis, sandbox) = (Redis::start(), sandbox().await);
    let (a, b) = two_on_redis(&redis, &sandbox, &[]);
    let answers = futures_util::future::join_all(
        (0..50).map(|i| if i % 2 == 0 { &a } else { &b }).map(|instance| instance.label("order-50", "ORDER-50")),
    )
    .await;
    let mut codes = std::collections::BTreeSet::new();
    for answer in answers {
        codes.insert(ident_code(answer).await);
    }
    assert_eq!(codes.len(), 1, "fifty answers, one identcode: {codes:?}");
    assert_eq!(sandbox.knobs().calls_of(LABELS), 1, "one label made at Swiss Post");

    // Returns: the same promise.
    let link_secret = compose_value("SWISS_CHECKOUT_LINK_SECRET");
    assert!(!link_secret.is_empty());
    let returner = json!({"address": {"postcode": "3011", "town": "Bern", "street": "Kramgasse", "house_number": "49",
        "verified": true}, "first_name": "Anna", "last_name": "Muster", "email": "anna@example.ch"});
    let http = reqwest::Client::new();
    let server_key = compose_value("SWISS_CHECKOUT_SERVER_KEY");
    let link: Value = http
        .post(format!("{}/server/v1/links", a.base))
        .bearer_auth(&server_key)
        .json(&json!({"returner": returner}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The link is sealed by one instance and opened by the other: they share the link secret.
    let token = link["token"].as_str().unwrap();
    let options: Value = http.get(format!("{}/v1/returns/{token}", b.base)).send().await.unwrap().json().await.unwrap();
    let date = options["pickup_dates"][1].as_str().unwrap().to_owned();
    let body = json!({"returner": returner, "pickup_date": date, "parcels": 1});
    let answers = futures_util::future::join_all((0..50).map(|i| {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        http.post(format!("{base}/server/v1/returns"))
            .bearer_auth(&server_key)
            .header("Idempotency-Key", "return-50")
            .json(&body)
            .send()
    }))
    .await;
    let mut orders = std::collections::BTreeSet::new();
    for answer in answers {
        let answer = answer.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        let confirmation: Value = answer.json().await.unwrap();
        orders.insert(confirmation["labels"][0]["ident_code"].as_str().unwrap().to_owned());
    }
    assert_eq!(orders.len(), 1, "fifty answers, one return: {orders:?}");
    let approvals: u64 =
        sandbox.knobs().calls().into_iter().filter(|(route, _)| route.ends_with("/approval")).map(|(_, n)| n).sum();
    assert_eq!(approvals, 1, "one collection approved at Swiss Post");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_instance_killed_after_the_label_was_made_never_leads_to_a_second_label() {
    let (redis, sandbox) = (Redis::start(), sandbox().await);
    let (mut a, b) = two_on_redis(&redis, &sandbox, &[("SWISS_CHECKOUT_INSTANCE_LEASE_SECS", "1")]);
    // Swiss Post makes the label at once and holds its answer back: the instance dies in between.
    sandbox.knobs().apply(&sandbox::KnobSettings { hold_made_ms: Some(4_000), ..Default::default() });
    let base = a.base.clone();
    let first = tokio::spawn(async move { try_label(&base, "crash-1", "ORDER-CRASH").await.is_ok() });
    let deadline = Instant::now() + Duration::from_secs(10);
    while sandbox.knobs().calls_of(LABELS) == 0 {
        assert!(Instant::now() < deadline, "the label was not asked for");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    a.kill();
    first.abort();

    // The retry lands on the other instance: never a label, first "in progress", then "outcome unknown".
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, retry_after, problem) = problem(b.label("crash-1", "ORDER-CRASH").await).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem:?}");
        seen.push(problem.kind.clone());
        if problem.kind == api::problem_type::OUTCOME_UNKNOWN {
            assert!(problem.detail.unwrap_or_default().contains("item_id"), "says how to find the label");
            break;
        }
        assert_eq!(problem.kind, api::problem_type::REQUEST_IN_PROGRESS);
        assert!(retry_after.is_some(), "in progress says when to retry");
        assert!(Instant::now() < deadline, "still in progress after 20 s: {seen:?}");
    }
    // Long after Swiss Post's answer would have come: still one label.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let (status, _, _) = problem(b.label("crash-1", "ORDER-CRASH").await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(sandbox.knobs().calls_of(LABELS), 1, "one label at Swiss Post, whatever happened");
    // Another key is another order: it is made.
    sandbox.knobs().apply(&sandbox::KnobSettings { hold_made_ms: Some(0), ..Default::default() });
    ident_code(b.label("crash-2", "ORDER-CRASH-2").await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_embedded_store_answers_the_same_label_after_a_restart_and_belongs_to_one_process() {
    let sandbox = sandbox().await;
    let data = temp_dir("data");
    let mut environment = compose_environment(None, &sandbox.base_url());
    environment.push(("SWISS_CHECKOUT_DATA_DIR".into(), data.display().to_string()));
    let mut first = Instance::start(&environment);
    let made = ident_code(first.label("restart-1", "ORDER-R1").await).await;

    // A second process on the same folder is refused, and says why.
    let refused = Instance::try_start(&environment).err().expect("a second process on one data folder is refused");
    assert!(refused.contains("in use by another process"), "{refused}");

    first.kill();
    let second = Instance::start(&environment);
    assert_eq!(ident_code(second.label("restart-1", "ORDER-R1").await).await, made, "the same label after a restart");
    assert_eq!(sandbox.knobs().calls_of(LABELS), 1);

    // Killed while Swiss Post held the answer of a made label: after the restart, unknown, never a second.
    sandbox.knobs().apply(&sandbox::KnobSettings { hold_made_ms: Some(3_000), ..Default::default() });
    let mut second = second;
    let base = second.base.clone();
    let pending = tokio::spawn(async move { try_label(&base, "restart-2", "ORDER-R2").await.is_ok() });
    while sandbox.knobs().calls_of(LABELS) < 2 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    second.kill();
    pending.abort();
    sandbox.knobs().apply(&sandbox::KnobSettings { hold_made_ms: Some(0), ..Default::default() });
    let third = Instance::start(&environment);
    let (status, _, problem) = problem(third.label("restart-2", "ORDER-R2").await).await;
    assert_eq!((status, problem.kind.as_str()), (StatusCode::CONFLICT, api::problem_type::OUTCOME_UNKNOWN));
    assert_eq!(sandbox.knobs().calls_of(LABELS), 2);
    drop(third);
    let _ = std::fs::remove_dir_all(data);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_stopped_mid_run_answers_503_and_the_routes_recover_without_a_restart() {
    let (mut redis, sandbox) = (Redis::start(), sandbox().await);
    let (a, _b) = two_on_redis(&redis, &sandbox, &[]);
    let made = ident_code(a.label("redis-1", "ORDER-D1").await).await;
    redis.kill();

    let (status, retry_after, problem) = problem(a.label("redis-2", "ORDER-D2").await).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{problem:?}");
    assert_eq!(problem.kind, api::problem_type::STORE_UNAVAILABLE);
    assert!(retry_after.is_some_and(|s| s.parse::<u64>().is_ok()));
    assert_eq!(sandbox.knobs().calls_of(LABELS), 1, "nothing acted on without the store");
    // The shopper's lookups go on (and the rate limit falls back to the instance's own).
    for q in ["3011", "8001", "Lau"] {
        let response = reqwest::get(format!("{}/v1/localities?q={q}", a.base)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let ready = reqwest::get(format!("{}/readyz", a.operations)).await.unwrap();
    let (status, _, problem) = self::problem(ready).await;
    assert_eq!(
        (status, problem.kind.as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, api::problem_type::STORE_UNAVAILABLE)
    );

    redis.restart();
    let deadline = Instant::now() + Duration::from_secs(20);
    let second = loop {
        let response = a.label("redis-2", "ORDER-D2").await;
        if response.status() == StatusCode::OK {
            break ident_code(response).await;
        }
        assert!(Instant::now() < deadline, "the label route did not recover");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_ne!(second, made);
    // What was kept before Redis went away is still the answer: no duplicate.
    assert_eq!(ident_code(a.label("redis-1", "ORDER-D1").await).await, made);
    assert_eq!(sandbox.knobs().calls_of(LABELS), 2);
    let ready = reqwest::get(format!("{}/readyz", a.operations)).await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_swiss_post_sign_in_started_on_one_instance_completes_on_the_other() {
    let (redis, sandbox) = (Redis::start(), sandbox().await);
    let sb = sandbox.base_url();
    // Swiss Post sends the shopper back to the address the load balancer serves: here, instance B's.
    let port_b = free_port();
    let callback = format!("http://127.0.0.1:{port_b}{CONNECTOR_CALLBACK_PATH}");
    sandbox.state().register_redirect_uri(sandbox::SANDBOX_CLIENT_ID, &callback);
    let connector = [
        ("SWISS_CHECKOUT_CONNECTOR_CLIENT_ID", sandbox::SANDBOX_CLIENT_ID.to_owned()),
        ("SWISS_CHECKOUT_CONNECTOR_CLIENT_SECRET", sandbox::SANDBOX_CLIENT_SECRET.to_owned()),
        ("SWISS_CHECKOUT_CONNECTOR_REDIRECT_URI", callback.clone()),
        ("SWISS_CHECKOUT_CONNECTOR_AUTHORIZE_URL", format!("{sb}/OAuth/authorization")),
        ("SWISS_CHECKOUT_CONNECTOR_TOKEN_URL", format!("{sb}/OAuth/token")),
        ("SWISS_CHECKOUT_CONNECTOR_USERINFO_URL", format!("{sb}/OAuth/userinfo")),
        ("SWISS_CHECKOUT_CONNECTOR_ADDRESSES_URL", format!("{sb}/address/v1/users/current/addresses")),
    ];
    let mut environment = compose_environment(Some(&redis.url()), &sb);
    environment.extend(connector.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let a = Instance::start(&environment);
    environment.push(("PORT".into(), port_b.to_string()));
    let b = Instance::start(&environment);
    assert!(b.base.ends_with(&format!(":{port_b}")));

    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let checkout = "checkout-0042";
    let started =
        http.get(format!("{}{CONNECTOR_START_PATH}?checkout={checkout}&lang=en", a.base)).send().await.unwrap();
    assert_eq!(started.status(), StatusCode::FOUND);
    let cookie = started.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let authorize = started.headers()[LOCATION].to_str().unwrap().to_owned();
    let page = http.get(&authorize).send().await.unwrap().text().await.unwrap();
    let form = [
        ("request", request_field(&page)),
        ("email", "anna.muster@sandbox.example".into()),
        ("password", "sandbox-anna".into()),
    ];
    let consent = http.post(format!("{sb}/OAuth/authorization/sign-in")).form(&form).send().await.unwrap();
    let consent = consent.text().await.unwrap();
    let form = [("request", request_field(&consent)), ("decision", "allow".into())];
    let back = http.post(format!("{sb}/OAuth/authorization/consent")).form(&form).send().await.unwrap();
    let back = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(back.starts_with(&callback), "{back}");
    let landed = http.get(&back).header(COOKIE, &cookie).send().await.unwrap();
    assert_eq!(landed.status(), StatusCode::OK);
    let renewed = landed.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert!(landed.text().await.unwrap().contains("Signed in"));

    // The widget polls instance A (or either): the sign-in's outcome is there.
    for instance in [&a, &b] {
        let session: ConnectorSession = http
            .get(format!("{}{CONNECTOR_SESSION_PATH}?checkout={checkout}", instance.base))
            .header(COOKIE, &renewed)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(session.status, api::connector::ConnectorStatus::SignedIn);
        assert!(!session.addresses.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_together_allow_what_the_rate_limit_says() {
    let (redis, sandbox) = (Redis::start(), sandbox().await);
    let limits = [("SWISS_CHECKOUT_RATE_PER_SECOND", "1"), ("SWISS_CHECKOUT_RATE_BURST", "10")];
    let (a, b) = two_on_redis(&redis, &sandbox, &limits);
    let answers = futures_util::future::join_all((0..40).map(|i| {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        reqwest::get(format!("{base}/v1/localities?q=3011"))
    }))
    .await;
    let allowed = answers.iter().filter(|a| a.as_ref().is_ok_and(|r| r.status() == StatusCode::OK)).count();
    let limited =
        answers.iter().filter(|a| a.as_ref().is_ok_and(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)).count();
    // A burst of 10 (and at most a token or two more accrued while the 40 arrive), not 10 per instance.
    assert!((10..=12).contains(&allowed), "allowed {allowed} of 40");
    assert_eq!(allowed + limited, 40);
}

#[test]
fn the_production_binary_without_credentials_does_not_start_and_names_the_demo() {
    let data = temp_dir("no-credentials");
    let environment = [("SWISS_CHECKOUT_DATA_DIR".to_owned(), data.display().to_string())];
    let refused = Instance::try_start(&environment).err().expect("no credentials, no start");
    assert!(refused.contains("no Swiss Post credentials") && refused.contains("swiss-checkout-demo"), "{refused}");
    let _ = std::fs::remove_dir_all(data);
}
