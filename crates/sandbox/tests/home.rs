//! The sandbox's own page, `/`: what a developer pointing another Swiss Post client at the sandbox needs on
//! one page (issue 17): every module with the live host it stands in for and the base URL to use instead, the
//! test credentials and scopes, the location service's tags, the connector's test shoppers, the knobs and
//! the flags.

use sandbox::{LOCATION_PREFIX, SandboxConfig};

#[tokio::test]
async fn the_page_lists_every_module_its_base_url_credentials_and_knobs() {
    let sb = sandbox::spawn(SandboxConfig::default()).await.expect("sandbox starts");
    let response = reqwest::get(format!("{}/", sb.base_url())).await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page = response.text().await.unwrap();
    let base = sb.base_url();
    for expected in [
        "https://api.post.ch",
        "https://dcapi.apis.post.ch",
        "https://mysb.apis.post.ch",
        "https://places.post.ch/StandortSuche/StaoCacheServiceV2/api/v1",
        &format!("{base}{LOCATION_PREFIX}"),
        "/address/v1/zips",
        "/barcode/v1/generateAddressLabel",
        "/OAuth/authorization",
        "/address/v1/users/current/addresses",
        sandbox::SANDBOX_CLIENT_ID,
        sandbox::SANDBOX_CLIENT_SECRET,
        "DCAPI_ADDRESS_VALIDATE",
        "T6 My Post 24",
        "T9 post offices",
        "T12 letter boxes",
        "anna.muster@sandbox.example",
        "clock_ahead_minutes",
        "--data DIR",
    ] {
        assert!(page.contains(expected), "the page does not name {expected:?}");
    }
    assert!(page.contains("Sandbox, not Swiss Post"), "nobody may take it for Swiss Post");
}
