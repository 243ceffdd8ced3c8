//! The sandbox's location service and PickPost user ids over real HTTP, parsed with the `swisspost-wire`
//! types the proxy uses: bbox filtering, type tags from `Types`, the synthetic national set, and the same
//! shopper getting the same id.

use reqwest::StatusCode;
use sandbox::{LOCATION_PREFIX, RunningSandbox, SandboxConfig};
use swisspost::location::{
    FindResponse, GeocodeResponse, TypesResponse, UserAddress, UserDetails, UserNotification, UserRequest,
    UserResponse, type_id,
};
use swisspost::{TokenResponse, scope};

async fn start() -> RunningSandbox {
    sandbox::spawn(SandboxConfig::default()).await.expect("sandbox starts")
}

async fn location<T: serde::de::DeserializeOwned>(sb: &RunningSandbox, path_and_query: &str) -> T {
    let response = reqwest::get(format!("{}{LOCATION_PREFIX}{path_and_query}", sb.base_url())).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path_and_query}");
    response.json().await.unwrap()
}

async fn tag(sb: &RunningSandbox, id: &str) -> String {
    let types: TypesResponse = location(sb, "/Types?lang=de").await;
    types.types.into_iter().find(|t| t.id == id).map(|t| t.tag).unwrap()
}

#[tokio::test]
async fn types_are_swiss_posts_recorded_reply() {
    let sb = start().await;
    let types: TypesResponse = location(&sb, "/Types?lang=de").await;
    let recorded: TypesResponse = serde_json::from_str(include_str!("../data/staocache-types.json")).unwrap();
    assert_eq!(types, recorded);
    assert_eq!(tag(&sb, type_id::MY_POST_24).await, "T5");
}

#[tokio::test]
async fn find_filters_by_box_and_type() {
    let sb = start().await;
    let mp24 = tag(&sb, type_id::MY_POST_24).await;
    let extent = [9.30, 47.39, 9.45, 47.45];
    let query = format!("/Find?extent={},{},{},{}&query={mp24}", extent[0], extent[1], extent[2], extent[3]);
    let found: FindResponse = location(&sb, &query).await;
    let ids: Vec<&str> = found.pois.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["001MP24_001202506", "001MP24_001211554"], "the two real St. Gallen terminals");
    for poi in &found.pois {
        assert_eq!(poi.tag, mp24);
        assert!(poi.x >= extent[0] && poi.x <= extent[2] && poi.y >= extent[1] && poi.y <= extent[3]);
        assert!(!poi.info.synthetic);
    }
    // The whole country: about 150 My Post 24 terminals and 2,700 PickPost points, the generated ones flagged.
    let pick = tag(&sb, type_id::PICKPOST).await;
    let all: FindResponse = location(&sb, &format!("/Find?extent=5.9,45.8,10.5,47.85&query={mp24},{pick}")).await;
    let terminals = all.pois.iter().filter(|p| p.tag == mp24).count();
    let points = all.pois.iter().filter(|p| p.tag == pick).count();
    assert_eq!((terminals, points), (152, 2_706));
    for poi in all.pois.iter().filter(|p| p.info.synthetic) {
        assert!(poi.name.starts_with("Sandbox "), "{}", poi.name);
    }
    // Bad boxes and missing tags are 400s.
    for bad in
        ["/Find?extent=1,2,3&query=T5", "/Find?extent=9.4,47,9.3,48&query=T5", "/Find?extent=9.3,47.39,9.45,47.45"]
    {
        let response = reqwest::get(format!("{}{LOCATION_PREFIX}{bad}", sb.base_url())).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn geocode_puts_a_whole_name_first_and_answers_the_recorded_burgdorf_reply() {
    let sb = start().await;
    let found: GeocodeResponse = location(&sb, "/Geocode?query=St.%20Gallen&limit=5").await;
    assert_eq!(found.locations[0].name, "9000 St. Gallen");
    let burgdorf: GeocodeResponse = location(&sb, "/Geocode?query=Burgdorf&limit=3").await;
    assert_eq!(burgdorf.locations[0].id.as_deref(), Some("001AG-PICK_001208420"));
}

async fn user_token(sb: &RunningSandbox) -> String {
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", sandbox::SANDBOX_CLIENT_ID),
        ("client_secret", sandbox::SANDBOX_CLIENT_SECRET),
        ("scope", scope::PICKPOST),
    ];
    let response =
        reqwest::Client::new().post(format!("{}/OAuth/token", sb.base_url())).form(&form).send().await.unwrap();
    response.json::<TokenResponse>().await.unwrap().access_token
}

fn shopper(first: &str, last: &str, email: &str, service: &str) -> UserRequest {
    UserRequest {
        user_details: UserDetails {
            gender: Some("MALE".into()),
            first_name: first.into(),
            last_name: last.into(),
            language: "DE".into(),
        },
        address: Some(UserAddress::default()),
        notification: UserNotification { notify_mode: "EMAIL".into(), email: email.into() },
        service: service.into(),
    }
}

#[tokio::test]
async fn the_same_shopper_gets_the_same_user_id() {
    let sb = start().await;
    let token = user_token(&sb).await;
    let url = format!("{}/pickpost/v1/users", sb.base_url());
    let ask = |request: UserRequest| {
        let (url, token) = (url.clone(), token.clone());
        async move { reqwest::Client::new().post(url).bearer_auth(token).json(&request).send().await.unwrap() }
    };
    let first: UserResponse = ask(shopper("Test", "User", "user@example.ch", "PICKPOST")).await.json().await.unwrap();
    let again: UserResponse =
        ask(shopper(" test", "USER ", "User@Example.ch", "MY_POST_24")).await.json().await.unwrap();
    let other: UserResponse = ask(shopper("Anna", "Muster", "anna@example.ch", "PICKPOST")).await.json().await.unwrap();
    assert_eq!(first, again);
    assert_ne!(first.id, other.id);
    assert!(first.id.starts_with("PT") && first.id.len() == 8, "{}", first.id);
    assert_eq!(first.verified, "NONE");
    let checked: UserResponse =
        ask(shopper("Lea", "Meier", "lea@verified.example", "PICKPOST")).await.json().await.unwrap();
    assert_eq!(checked.verified, "MAIL");
    assert_eq!(ask(shopper("Lea", "Meier", "", "PICKPOST")).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(ask(shopper("Lea", "Meier", "lea@example.ch", "LOCKER")).await.status(), StatusCode::BAD_REQUEST);
    let anonymous =
        reqwest::Client::new().post(&url).json(&shopper("A", "B", "a@b.ch", "PICKPOST")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
