//! The Login Post Connector's test shoppers: three synthetic people, each a **test account** (obviously made-up
//! names, e-mail addresses at `sandbox.example`, passwords printed on the sign-in page), whose saved addresses
//! are real places of the sandbox's data: buildings of the City of Bern (`addresses_bern_city.csv`, their EGID
//! as `houseKey`) and Swiss Post access points of St. Gallen (`swisspost_access_points_stgallen.csv`). A unit
//! test checks every one of them against those files.
//!
//! Address ids are digit strings, 1001… for the first shopper, 2001… for the second; `MAIN` has none. The
//! `postBoxNumber` of a PickPost or My Post 24 address is the shopper's PickPost user id, as
//! `POST /pickpost/v1/users` answers it for the same names and e-mail ([`crate::location::pickpost_user_id`]).

use swisspost::connector::{
    Addressee, GeographicLocation, LogisticLocation, SavedAddress, SavedHouse, SavedZip, UserInfoAddress, address_type,
};

use crate::location::pickpost_user_id;

/// A test shopper.
pub struct Shopper {
    /// The OpenID `sub`.
    pub sub: &'static str,
    pub given_name: &'static str,
    pub family_name: &'static str,
    pub email: &'static str,
    /// Public on purpose: the sandbox lists it on its sign-in page.
    pub password: &'static str,
    pub locale: &'static str,
    pub saved: &'static [Saved],
}

/// One saved address as the shopper keeps it.
pub struct Saved {
    /// `None` for `MAIN`.
    pub id: Option<&'static str>,
    pub kind: &'static str,
    pub nickname: Option<&'static str>,
    pub place: Place,
}

/// Where a saved address is.
pub enum Place {
    /// A building of the City of Bern, spelled as in `addresses_bern_city.csv`.
    Home { street: &'static str, house_number: &'static str, zip: &'static str, city: &'static str, egid: &'static str },
    /// A St. Gallen access point (post office, PickPost point or My Post 24 terminal) by its id, with its address
    /// as in `swisspost_access_points_stgallen.csv` (street and number split) and its postcode's two-digit
    /// suffix from `ch_postcodes.csv`.
    Point {
        point_id: &'static str,
        name: &'static str,
        street: &'static str,
        house_number: &'static str,
        zip: &'static str,
        zip_suffix: &'static str,
        city: &'static str,
    },
    /// A PO box in a PO box facility: the facility's address, and the box's postcode and number.
    PoBox {
        facility_id: &'static str,
        street: &'static str,
        house_number: &'static str,
        zip: &'static str,
        city: &'static str,
        box_zip: &'static str,
        box_number: &'static str,
    },
}

const POSTFACH: &str = "Postfach";

/// The three test shoppers. Their credentials and address ids are part of the sandbox's contract with the
/// proxy's and the browser's tests: change them only together.
pub static SHOPPERS: [Shopper; 3] = [
    Shopper {
        sub: "sandbox-user-1",
        given_name: "Anna",
        family_name: "Muster",
        email: "anna.muster@sandbox.example",
        password: "sandbox-anna",
        locale: "de",
        saved: &[
            Saved {
                id: None,
                kind: address_type::MAIN,
                nickname: None,
                place: Place::Home {
                    street: "Kramgasse",
                    house_number: "49",
                    zip: "3011",
                    city: "Bern",
                    egid: "1230393",
                },
            },
            Saved {
                id: Some("1001"),
                kind: address_type::DOMICILE,
                nickname: Some("Office"),
                place: Place::Home {
                    street: "Bundesgasse",
                    house_number: "8",
                    zip: "3011",
                    city: "Bern",
                    egid: "1230656",
                },
            },
            Saved {
                id: Some("1002"),
                kind: address_type::POST_OFFICE,
                nickname: None,
                place: Place::Point {
                    point_id: "001PST_001126000",
                    name: "Post Filiale 9000 St. Gallen 1 Annahme",
                    street: "Bahnhofplatz",
                    house_number: "5",
                    zip: "9000",
                    zip_suffix: "00",
                    city: "St. Gallen",
                },
            },
            Saved {
                id: Some("1003"),
                kind: address_type::PICK_POST,
                nickname: None,
                place: Place::Point {
                    point_id: "001AG-PICK_001205694",
                    name: "PickPost-Stelle 9000 St. Gallen Neumarkt Migros",
                    street: "St. Leonhard-Strasse",
                    house_number: "35",
                    zip: "9000",
                    zip_suffix: "00",
                    city: "St. Gallen",
                },
            },
            Saved {
                id: Some("1004"),
                kind: address_type::MY_POST_24,
                nickname: None,
                place: Place::Point {
                    point_id: "001MP24_001202506",
                    name: "My Post 24 9000 St. Gallen Bahnhof",
                    // The open data gives this terminal a street description and no house number.
                    street: "Lagerstr. /Bahnhofstr.Unterführung",
                    house_number: "",
                    zip: "9000",
                    zip_suffix: "00",
                    city: "St. Gallen",
                },
            },
            Saved {
                id: Some("1005"),
                kind: address_type::POSTBOX,
                nickname: Some("Postfach St. Gallen"),
                place: Place::PoBox {
                    facility_id: "001PFST_0011864",
                    street: "Bahnhofplatz",
                    house_number: "5",
                    zip: "9000",
                    city: "St. Gallen",
                    // 9001 St. Gallen is the facility's PO box postcode (its name in the open data, and
                    // GeoNames' list).
                    box_zip: "9001",
                    // Synthetic: no real PO box of anyone.
                    box_number: "4711",
                },
            },
        ],
    },
    Shopper {
        sub: "sandbox-user-2",
        given_name: "Luca",
        family_name: "Beispiel",
        email: "luca.beispiel@sandbox.example",
        password: "sandbox-luca",
        locale: "fr",
        saved: &[
            Saved {
                id: None,
                kind: address_type::MAIN,
                nickname: None,
                place: Place::Home {
                    street: "Spitalgasse",
                    house_number: "4",
                    zip: "3011",
                    city: "Bern",
                    egid: "1230681",
                },
            },
            Saved {
                id: Some("2001"),
                kind: address_type::MY_POST_24,
                nickname: None,
                place: Place::Point {
                    point_id: "001MP24_001211554",
                    name: "My Post 24 9014 St. Gallen Bruggen",
                    street: "Zürcher Strasse",
                    house_number: "257",
                    zip: "9014",
                    zip_suffix: "00",
                    city: "St. Gallen",
                },
            },
        ],
    },
    Shopper {
        sub: "sandbox-user-3",
        given_name: "Nora",
        family_name: "Leer",
        email: "nora.leer@sandbox.example",
        password: "sandbox-nora",
        locale: "it",
        saved: &[Saved {
            id: None,
            kind: address_type::MAIN,
            nickname: None,
            place: Place::Home {
                street: "Gerechtigkeitsgasse",
                house_number: "1",
                zip: "3011",
                city: "Bern",
                egid: "1230197",
            },
        }],
    },
];

/// The shopper with this e-mail (any case) and exactly this password.
pub fn sign_in(email: &str, password: &str) -> Option<&'static Shopper> {
    SHOPPERS.iter().find(|s| s.email.eq_ignore_ascii_case(email.trim()) && s.password == password)
}

/// The shopper with this `sub`.
pub fn by_sub(sub: &str) -> Option<&'static Shopper> {
    SHOPPERS.iter().find(|s| s.sub == sub)
}

fn house(street: &str, house_number: &str, house_key: Option<&str>) -> SavedHouse {
    SavedHouse { street: street.into(), house_number: house_number.into(), house_key: house_key.map(str::to_owned) }
}

fn zip(zip: &str, city: &str) -> SavedZip {
    SavedZip { zip: zip.into(), city: city.into() }
}

impl Shopper {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }

    /// Every saved address, `MAIN` first, as `GET …/users/current/addresses` answers them.
    pub fn addresses(&self) -> Vec<SavedAddress> {
        self.saved.iter().map(|saved| self.address(saved)).collect()
    }

    /// The address with this id.
    pub fn address_by_id(&self, id: &str) -> Option<SavedAddress> {
        self.saved.iter().find(|s| s.id == Some(id)).map(|saved| self.address(saved))
    }

    /// The `MAIN` address.
    pub fn main_address(&self) -> Option<SavedAddress> {
        self.saved.iter().find(|s| s.kind == address_type::MAIN).map(|saved| self.address(saved))
    }

    /// The userinfo `address` claim: the `MAIN` address.
    pub fn address_claim(&self) -> Option<UserInfoAddress> {
        let main = self.main_address()?;
        let (house, zip) = (&main.geographic_location.house, &main.geographic_location.zip);
        let street_address = format!("{} {}", house.street, house.house_number).trim().to_owned();
        Some(UserInfoAddress {
            formatted: format!("{street_address}\n{} {}", zip.zip, zip.city),
            street_address,
            locality: zip.city.clone(),
            postal_code: zip.zip.clone(),
            country: "CH".into(),
        })
    }

    fn address(&self, saved: &Saved) -> SavedAddress {
        let (geographic_location, logistic_location) = match &saved.place {
            Place::Home { street, house_number, zip: code, city, egid } => {
                (GeographicLocation { house: house(street, house_number, Some(egid)), zip: zip(code, city) }, None)
            }
            Place::Point { street, house_number, zip: code, zip_suffix, city, .. } => {
                // The geographic postcode of a point has six digits, the logistic one four (§3).
                let geographic = GeographicLocation {
                    house: house(street, house_number, None),
                    zip: zip(&format!("{code}{zip_suffix}"), city),
                };
                let logistic = if saved.kind == address_type::POST_OFFICE {
                    LogisticLocation {
                        post_box_number: None,
                        house: house(street, house_number, None),
                        zip: zip(code, city),
                    }
                } else {
                    LogisticLocation {
                        post_box_number: Some(pickpost_user_id(self.given_name, self.family_name, self.email)),
                        house: house(POSTFACH, "", None),
                        zip: zip(code, city),
                    }
                };
                (geographic, Some(logistic))
            }
            Place::PoBox { street, house_number, zip: code, city, box_zip, box_number, .. } => (
                GeographicLocation { house: house(street, house_number, None), zip: zip(code, city) },
                Some(LogisticLocation {
                    post_box_number: Some((*box_number).into()),
                    house: house(POSTFACH, "", None),
                    zip: zip(box_zip, city),
                }),
            ),
        };
        SavedAddress {
            id: saved.id.map(str::to_owned),
            kind: saved.kind.into(),
            nickname: saved.nickname.map(str::to_owned),
            addressee: Addressee {
                title: None,
                first_name: self.given_name.into(),
                last_name: self.family_name.into(),
            },
            geographic_location,
            logistic_location,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{AddressData, DataFiles};
    use crate::location::Location;

    #[test]
    fn every_home_address_is_a_bern_building_of_the_data() {
        let data = AddressData::load(&DataFiles::default()).expect("built-in data");
        for shopper in &SHOPPERS {
            for saved in shopper.saved {
                if let Place::Home { street, house_number, zip, city, egid } = saved.place {
                    let found = data.house_by_key(egid);
                    let expected = (zip.to_owned(), city.to_owned(), street.to_owned(), house_number.to_owned());
                    assert_eq!(found, Some(expected), "{} {street} {house_number}", shopper.email);
                }
            }
        }
    }

    #[test]
    fn every_point_is_an_access_point_of_the_data() {
        let location = Location::load(&DataFiles::default()).expect("built-in data");
        let postcodes = include_str!("../../data/ch_postcodes.csv");
        for shopper in &SHOPPERS {
            for saved in shopper.saved {
                let (id, street, house_number, zip) = match saved.place {
                    Place::Home { .. } => continue,
                    Place::Point { point_id, name, street, house_number, zip, zip_suffix, .. } => {
                        let point = location.places.points.iter().find(|p| p.id == point_id);
                        assert_eq!(point.map(|p| p.name.as_str()), Some(name), "{point_id}");
                        assert_eq!(saved.nickname, None, "a point is named by its name, not a nickname");
                        assert!(postcodes.lines().any(|l| l.starts_with(&format!("{zip},{zip_suffix},"))));
                        (point_id, street, house_number, zip)
                    }
                    Place::PoBox { facility_id, street, house_number, zip, .. } => {
                        (facility_id, street, house_number, zip)
                    }
                };
                let point = location.places.points.iter().find(|p| p.id == id);
                let point = point.unwrap_or_else(|| panic!("{id} is not in the location data"));
                assert_eq!(point.street, format!("{street} {house_number}").trim(), "{id}");
                assert_eq!(point.zip, zip, "{id}");
                let expected_type = match saved.kind {
                    address_type::POST_OFFICE => swisspost::location::type_id::POST_OFFICE,
                    address_type::PICK_POST => swisspost::location::type_id::PICKPOST,
                    address_type::MY_POST_24 => swisspost::location::type_id::MY_POST_24,
                    _ => swisspost::location::type_id::PO_BOX_FACILITY,
                };
                assert_eq!(point.type_id, expected_type, "{id}");
            }
        }
    }

    #[test]
    fn test_accounts_are_synthetic_and_ids_are_digits() {
        for shopper in &SHOPPERS {
            assert!(shopper.email.ends_with("@sandbox.example"));
            assert_eq!(shopper.saved.first().map(|s| s.kind), Some(address_type::MAIN));
            assert_eq!(shopper.saved.iter().filter(|s| s.id.is_none()).count(), 1, "only MAIN has no id");
            for id in shopper.saved.iter().filter_map(|s| s.id) {
                assert!(id.bytes().all(|b| b.is_ascii_digit()), "{id}");
                assert_eq!(SHOPPERS.iter().flat_map(|s| s.saved).filter(|s| s.id == Some(id)).count(), 1);
            }
        }
        assert_eq!(sign_in(" Anna.Muster@sandbox.example", "sandbox-anna").map(|s| s.sub), Some("sandbox-user-1"));
        assert!(sign_in("anna.muster@sandbox.example", "SANDBOX-ANNA").is_none());
    }

    #[test]
    fn pickpost_user_ids_are_pinned() {
        // The proxy's and the browser's tests rely on these: they change only with the id derivation.
        let box_number = |shopper: &Shopper, id: &str| {
            shopper.address_by_id(id).and_then(|a| a.logistic_location).and_then(|l| l.post_box_number)
        };
        assert_eq!(box_number(&SHOPPERS[0], "1003").as_deref(), Some("PT844202"));
        assert_eq!(box_number(&SHOPPERS[0], "1004").as_deref(), Some("PT844202"));
        assert_eq!(box_number(&SHOPPERS[0], "1005").as_deref(), Some("4711"));
        assert_eq!(box_number(&SHOPPERS[1], "2001").as_deref(), Some("PT202838"));
    }
}
