//! The sandbox's location service and PickPost user ids over real HTTP, parsed with the `swisspost-wire`
//! types the proxy uses: bbox filtering, type tags from `Types`, the synthetic national set, and the same
//! shopper getting the same id.

use reqwest::StatusCode;
use sandbox::{LOCATION_PREFIX, RunningSandbox, SandboxConfig};
use swisspost::location::{
    FindResponse, GeocodeResponse, TypesResponse, UserAddress, UserDetails, UserNotification, UserRequest,
    UserResponse, distribution_type, geocode_kind, type_id,
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
async fn types_are_the_recorded_reply_tagged_as_todays_clients_expect() {
    let sb = start().await;
    let types: TypesResponse = location(&sb, "/Types?lang=de").await;
    // The 2022 recording stays the fixture: every type of it is served with its id, name, count and group.
    let recorded: TypesResponse = serde_json::from_str(include_str!("../data/staocache-types.json")).unwrap();
    assert_eq!(types.types.len(), recorded.types.len());
    for (served, old) in types.types.iter().zip(&recorded.types) {
        assert_eq!(
            (&served.id, &served.desc, served.count, &served.group),
            (&old.id, &old.desc, old.count, &old.group)
        );
        if old.cat != "PoiType" {
            assert_eq!(served.tag, old.tag, "counter and service types keep their tags");
        } else {
            assert!(served.for_private.is_some() && served.for_business.is_some(), "{}", served.id);
        }
    }
    assert_eq!(tag(&sb, type_id::MY_POST_24).await, "T6", "was T5 in 2022");
    assert_eq!(tag(&sb, type_id::POST_OFFICE).await, "T9", "was T8 in 2022");
    assert_eq!(tag(&sb, type_id::LETTER_BOX).await, "T12", "was T11 in 2022");
    assert_eq!((types.flags, types.count), (recorded.flags, recorded.types.len() as u32));
    let today = swisspost::clock::iso_date(swisspost::clock::zurich_now().date());
    assert_eq!(types.opentmin, today);
    assert!(types.opentmax > types.opentmin);
}

const ST_GALLEN: &str = "9.25,47.38,9.45,47.46";

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
        assert_eq!(poi.info.counters[0].open_until.as_deref(), Some("24:00"), "a terminal is always open");
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
    let capped: FindResponse =
        location(&sb, &format!("/Find?extent=5.9,45.8,10.5,47.85&query={mp24},{pick}&maxpois=100")).await;
    assert_eq!(capped.pois.len(), 100);
}

#[tokio::test]
async fn find_serves_letter_boxes_postomats_and_branch_details() {
    let sb = start().await;
    let (boxes, branches, postomats) =
        (tag(&sb, type_id::LETTER_BOX).await, tag(&sb, type_id::POST_OFFICE).await, tag(&sb, type_id::POSTOMAT).await);
    let found: FindResponse =
        location(&sb, &format!("/Find?extent={ST_GALLEN}&query={boxes},{branches},{postomats}&lang=de")).await;
    let count = |tag: &str| found.pois.iter().filter(|p| p.tag == tag).count();
    assert_eq!((count(&boxes), count(&branches), count(&postomats)), (96, 11, 11), "St. Gallen's open data");
    for branch in found.pois.iter().filter(|p| p.tag == branches) {
        let kind = branch.info.distribution_type.as_deref().unwrap();
        assert!(distribution_type::OWN.contains(&kind), "{kind}");
        let state = &branch.info.counters[0];
        assert!(state.open_until.is_some() != state.open_again.is_some(), "open until, or open again: {state:?}");
        assert_eq!(branch.info.other.get("001BRPA"), Some(&serde_json::Value::Bool(true)));
    }
    for letter_box in found.pois.iter().filter(|p| p.tag == boxes) {
        assert!(letter_box.info.counters.is_empty() && letter_box.info.distribution_type.is_none());
        assert!(!letter_box.info.street.is_empty() && letter_box.info.zip.starts_with("90"));
    }
}

#[tokio::test]
async fn bad_parameters_are_400s_in_the_services_envelope() {
    let sb = start().await;
    for bad in [
        "/Find?extent=1,2,3&query=T6",
        "/Find?extent=9.4,47,9.3,48&query=T6",
        "/Find?extent=9.3,47.39,9.45,47.45",
        "/Find?extent=9.3,47.39,9.45,47.45&query=T6&maxpois=many",
        "/Geocode?query=",
        "/Geocode?query=Bern&limit=x",
    ] {
        let response = reqwest::get(format!("{}{LOCATION_PREFIX}{bad}", sb.base_url())).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{bad}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["ok"], false, "{bad}");
        assert!(body["info"].as_str().unwrap().contains(':'), "names the parameter: {body}");
    }
}

#[tokio::test]
async fn geocode_answers_burgdorf_as_the_recorded_reply_does() {
    let sb = start().await;
    let recorded: GeocodeResponse =
        serde_json::from_str(include_str!("../data/places-geocode-suggestions.json")).unwrap();
    let found: GeocodeResponse = location(&sb, "/Geocode?query=Burgdorf&lang=de&limit=200").await;
    // The recorded kinds in the recorded order: points, localities, postcodes, (streets: Bern's only here).
    let kinds: Vec<&str> = found.locations.iter().map(|l| l.kind.as_str()).collect();
    let mut sorted = kinds.clone();
    let rank = |k: &str| ["poi", "city", "region", "locality"].iter().position(|r| *r == k).unwrap();
    sorted.sort_by_key(|k| rank(k));
    assert_eq!(kinds, sorted);
    for old in recorded.locations.iter().filter(|l| l.kind == geocode_kind::CITY || l.kind == geocode_kind::REGION) {
        let ours = found.locations.iter().find(|l| l.kind == old.kind && l.name == old.name);
        let ours = ours.unwrap_or_else(|| panic!("{} {:?} is missing", old.kind, old.name));
        assert!((ours.pt[0] - old.pt[0]).abs() < 0.05 && (ours.pt[1] - old.pt[1]).abs() < 0.05, "{}", old.name);
    }
    assert!(found.count as usize >= found.locations.len() && found.note.starts_with("PoiFinder matches: "));
}

#[tokio::test]
async fn geocode_finds_points_of_the_types_asked_and_places_and_streets() {
    let sb = start().await;
    let branches = tag(&sb, type_id::POST_OFFICE).await;
    let found: GeocodeResponse = location(&sb, &format!("/Geocode?query=St.%20Gallen&pois={branches}&limit=200")).await;
    let pois: Vec<_> = found.locations.iter().filter(|l| l.kind == geocode_kind::POI).collect();
    assert_eq!(pois.len(), 11, "St. Gallen's branches, nothing else");
    assert!(pois.iter().all(|p| p.subtype.as_deref() == Some(branches.as_str()) && p.id.is_some()));
    let first_place = found.locations.iter().find(|l| l.kind != geocode_kind::POI).unwrap();
    assert_eq!((first_place.kind.as_str(), first_place.name.as_str()), ("city", "St. Gallen"), "a whole name first");
    assert!(found.locations.iter().any(|l| l.kind == geocode_kind::REGION && l.name == "9000 St. Gallen"));
    let none: GeocodeResponse = location(&sb, "/Geocode?query=St.%20Gallen&pois=&limit=5").await;
    assert!(none.locations.iter().all(|l| l.kind != geocode_kind::POI), "pois= empty asks for places only");
    let street: GeocodeResponse = location(&sb, "/Geocode?query=Kramgasse&pois=").await;
    assert_eq!(street.locations[0].name, "Kramgasse, 3011 Bern");
    assert_eq!(street.locations[0].kind, geocode_kind::LOCALITY);
}

/// The text of `path` below the root element, e.g. "Address/Zip".
fn xml_text(doc: &roxmltree::Document, path: &str) -> Option<String> {
    let mut node = doc.root_element();
    for name in path.split('/') {
        node = node.children().find(|c| c.has_tag_name(name))?;
    }
    node.text().map(str::to_owned)
}

#[tokio::test]
async fn every_id_find_and_geocode_return_resolves_in_poi() {
    let sb = start().await;
    let tags: Vec<String> = {
        let types: TypesResponse = location(&sb, "/Types?lang=de").await;
        types.types.into_iter().filter(|t| t.cat == "PoiType").map(|t| t.tag).collect()
    };
    let found: FindResponse = location(&sb, &format!("/Find?extent={ST_GALLEN}&query={}", tags.join(","))).await;
    let geocoded: GeocodeResponse = location(&sb, "/Geocode?query=Sandbox%20Olten&limit=20").await;
    let ids: Vec<String> =
        found.pois.iter().map(|p| p.id.clone()).chain(geocoded.locations.iter().filter_map(|l| l.id.clone())).collect();
    assert!(ids.len() > 137, "{} ids", ids.len());
    for id in ids {
        let response = reqwest::get(format!("{}{LOCATION_PREFIX}/Poi?id={id}", sb.base_url())).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{id}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
        let text = response.text().await.unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        assert_eq!(doc.root_element().attribute("Id"), Some(id.as_str()));
        for path in ["Address/Street", "Address/Zip", "Address/City", "Address/KantonCode", "GeoLocation/CoordinateLat"]
        {
            assert!(xml_text(&doc, path).is_some_and(|t| !t.is_empty()), "{id}: {path}");
        }
        assert!(xml_text(&doc, "Address/GemeindeID").is_some_and(|t| t.parse::<u32>().is_ok()), "{id}");
    }
}

#[tokio::test]
async fn poi_xml_has_hours_one_slice_per_element_holidays_and_collection_times() {
    let sb = start().await;
    let poi = |id: &'static str| {
        let url = format!("{}{LOCATION_PREFIX}/Poi?id={id}&lang=fr", sb.base_url());
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    let branch = poi("001PST_001125988").await;
    let doc = roxmltree::Document::parse(&branch).unwrap();
    assert_eq!(xml_text(&doc, "Address/GemeindeID").as_deref(), Some("3203"), "St. Gallen's municipality number");
    let counter = doc.root_element().children().find(|c| c.attribute("CounterTypeId") == Some("0011")).unwrap();
    let rules: Vec<_> = counter.descendants().filter(|n| n.has_tag_name("OpeningHours")).collect();
    assert_eq!(rules.len(), 3, "two slices on weekdays and one on Saturday, one element each");
    for rule in &rules {
        assert_eq!(rule.children().filter(|c| c.has_tag_name("Timeslice")).count(), 1);
    }
    let times: Vec<&str> =
        counter.descendants().filter(|n| n.has_tag_name("TimeFrom")).filter_map(|n| n.text()).collect();
    assert!(times.iter().all(|t| t.len() == 8), "HH:MM:SS: {times:?}");
    let calculated = counter.children().filter(|c| c.has_tag_name("CalculatedOpeningHours")).count();
    assert_eq!(calculated, 16, "every day of the Types window");
    let letter_box = poi("003BE_00325119").await;
    let doc = roxmltree::Document::parse(&letter_box).unwrap();
    let product = doc.root_element().children().find(|c| c.attribute("ProductTypeId") == Some("003BE_LZ")).unwrap();
    let days: Vec<&str> = product.descendants().filter(|n| n.has_tag_name("Day")).filter_map(|n| n.text()).collect();
    assert_eq!(days, ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(product.attribute("GeneratedHours"), Some("true"), "collection times are not in the open data");
    assert!(!doc.root_element().children().any(|c| c.has_tag_name("Counter")), "a letter box has no counter");
    // Unknown and missing ids: 404 and 400, as XML.
    for (query, status) in [("id=001PST_000000000", StatusCode::NOT_FOUND), ("lang=de", StatusCode::BAD_REQUEST)] {
        let response = reqwest::get(format!("{}{LOCATION_PREFIX}/Poi?{query}", sb.base_url())).await.unwrap();
        assert_eq!(response.status(), status, "{query}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    }
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

#[tokio::test]
async fn a_data_folder_replaces_a_built_in_file_by_name() {
    // A folder holding an access-points file with only the two My Post 24 rows of the built-in one.
    let dir = std::env::temp_dir().join(format!("sandbox-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let built_in = include_str!("../data/swisspost_access_points_stgallen.csv");
    let kept: Vec<&str> =
        built_in.lines().enumerate().filter(|(i, l)| *i == 0 || l.starts_with("001MP24_")).map(|(_, l)| l).collect();
    std::fs::write(dir.join(sandbox::data::ACCESS_POINTS_CSV), kept.join("\n")).unwrap();
    let config =
        SandboxConfig { data: sandbox::data::DataFiles { dir: Some(dir.clone()) }, ..SandboxConfig::default() };
    let sb = sandbox::spawn(config).await.expect("sandbox starts with the folder");
    let (mp24, branches) = (tag(&sb, type_id::MY_POST_24).await, tag(&sb, type_id::POST_OFFICE).await);
    let found: FindResponse = location(&sb, &format!("/Find?extent={ST_GALLEN}&query={mp24},{branches}")).await;
    assert_eq!(found.pois.len(), 2, "only the folder's rows");
    // The other files are still the built-in ones: Bern's streets are found.
    let street: GeocodeResponse = location(&sb, "/Geocode?query=Kramgasse&pois=").await;
    assert_eq!(street.locations[0].name, "Kramgasse, 3011 Bern");
    // A file that cannot be read stops the start, naming the file.
    std::fs::write(dir.join(sandbox::data::ACCESS_POINTS_CSV), [0xff, 0xfe, 0x00]).unwrap();
    let broken =
        SandboxConfig { data: sandbox::data::DataFiles { dir: Some(dir.clone()) }, ..SandboxConfig::default() };
    let error = sandbox::spawn(broken).await.err().expect("not UTF-8: refused");
    assert!(error.to_string().contains(sandbox::data::ACCESS_POINTS_CSV), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
