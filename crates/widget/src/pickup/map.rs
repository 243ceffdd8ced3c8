//! The pickup map: Leaflet through the `leaflet` crate. Leaflet's script and stylesheet (the npm package's
//! `dist`, served by the proxy or the shop, never a CDN) are loaded when the pickup part first opens.
//! Switzerland's outline is always drawn, so the map is usable with no tile server (offline, in tests);
//! tiles are added on top when the shop configures a URL.

use api::{PickupCluster, PickupKind, PickupPoint, PickupPointsResponse};
use leaflet::{DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker, MarkerOptions, TileLayer};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Loads Leaflet once per page: a `<link>` to its CSS and a classic `<script>` that defines the global
/// `L` the `leaflet` crate binds to. Resolves when the script ran.
pub async fn load_leaflet(script_url: &str, style_url: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    if js_sys::Reflect::has(&window, &JsValue::from_str("L")).unwrap_or(false) {
        return Ok(());
    }
    let document = window.document().ok_or(JsValue::NULL)?;
    let head = document.head().ok_or(JsValue::NULL)?;
    let script_id = "swiss-checkout-leaflet";
    let script: web_sys::HtmlScriptElement = match document.get_element_by_id(script_id) {
        Some(existing) => existing.dyn_into()?,
        None => {
            let link: web_sys::HtmlLinkElement = document.create_element("link")?.dyn_into()?;
            link.set_rel("stylesheet");
            link.set_href(style_url);
            head.append_child(&link)?;
            let script: web_sys::HtmlScriptElement = document.create_element("script")?.dyn_into()?;
            script.set_id(script_id);
            script.set_src(script_url);
            head.append_child(&script)?;
            script
        }
    };
    // Another widget on the page may have started the load: wait for the same script.
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    if js_sys::Reflect::has(&window, &JsValue::from_str("L")).unwrap_or(false) {
        return Ok(());
    }
    JsFuture::from(loaded).await.map(|_| ())
}

/// A map showing pickup points or clusters; calls back when moved and when a marker is chosen.
pub struct PickupMap {
    map: Map,
    markers: LayerGroup,
}

/// Calls `L.<factory>(args…)`: for the factories the crate binds wrongly or not at all (its `DivIcon`
/// constructs an `L.Icon`, and its `L.geoJSON` is private).
fn leaflet_factory(factory: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let l = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("L"))?;
    let function: js_sys::Function = js_sys::Reflect::get(&l, &JsValue::from_str(factory))?.dyn_into()?;
    function.apply(&l, &args.iter().copied().collect::<js_sys::Array>())
}

/// An `L.divIcon`: a styled element instead of an image.
fn div_icon(options: &DivIconOptions) -> Option<leaflet::Icon> {
    leaflet_factory("divIcon", &[options]).ok().map(|icon| icon.unchecked_into())
}

fn bounds(bbox: [f64; 4]) -> LatLngBounds {
    LatLngBounds::new(&LatLng::new(bbox[1], bbox[0]), &LatLng::new(bbox[3], bbox[2]))
}

fn kind_class(kind: PickupKind) -> &'static str {
    match kind {
        PickupKind::PickPost => "sc-marker sc-marker--pickpost",
        PickupKind::MyPost24 => "sc-marker sc-marker--mypost24",
        PickupKind::PostOffice => "sc-marker sc-marker--post-office",
    }
}

impl PickupMap {
    /// Builds the map in `element`, showing `bbox`, with the outline (GeoJSON) and optional tiles.
    pub fn new(
        element: &web_sys::HtmlElement,
        bbox: [f64; 4],
        outline: Option<&JsValue>,
        tiles: Option<&str>,
        on_move: impl Fn([f64; 4]) + 'static,
    ) -> Result<Self, JsValue> {
        let options = MapOptions::new();
        options.set_zoom_snap(0.25);
        let map = Map::new_with_element(element, &options)?;
        if let Some(outline) = outline {
            let style = js_sys::Object::new();
            for (key, value) in [
                ("color", JsValue::from_str("#6b7280")),
                ("weight", JsValue::from_f64(1.0)),
                ("fillColor", JsValue::from_str("#eef1f4")),
                ("fillOpacity", JsValue::from_f64(1.0)),
                ("interactive", JsValue::FALSE),
            ] {
                let _ = js_sys::Reflect::set(&style, &JsValue::from_str(key), &value);
            }
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str("style"), &style);
            let _ =
                js_sys::Reflect::set(&options, &JsValue::from_str("attribution"), &JsValue::from_str("Natural Earth"));
            if let Ok(layer) = leaflet_factory("geoJSON", &[outline, &options]) {
                layer.unchecked_into::<leaflet::GeoJson>().add_to(&map);
            }
        }
        if let Some(url) = tiles.filter(|u| !u.is_empty()) {
            let options = leaflet::TileLayerOptions::new();
            options.set_attribution("© OpenStreetMap contributors".into());
            TileLayer::new_options(url, &options).add_to(&map);
        }
        let markers = LayerGroup::new();
        markers.add_to(&map);
        map.fit_bounds(&bounds(bbox));
        let moved_map = map.clone();
        let on_moveend = Closure::<dyn Fn(JsValue)>::new(move |_| {
            let b = moved_map.get_bounds();
            let (sw, ne) = (b.get_south_west(), b.get_north_east());
            on_move([sw.lng().max(-180.0), sw.lat().max(-90.0), ne.lng().min(180.0), ne.lat().min(90.0)]);
        });
        map.on("moveend", &on_moveend.into_js_value());
        Ok(Self { map, markers })
    }

    pub fn fit(&self, bbox: [f64; 4]) {
        self.map.fit_bounds(&bounds(bbox));
    }

    pub fn centre_on(&self, point: &PickupPoint) {
        self.map.pan_to(&LatLng::new(point.lat, point.lon));
    }

    /// Draws the points (the `active` one marked) or the clusters. A point's marker is a keyboard-reachable
    /// button named after the point; Enter or a click calls `on_point` with its id. A cluster zooms in.
    pub fn show(
        &self,
        answer: &PickupPointsResponse,
        active: Option<&str>,
        cluster_title: &dyn Fn(u32) -> String,
        on_point: impl Fn(String) + Clone + 'static,
    ) {
        self.markers.clear_layers();
        for point in &answer.points {
            let is_active = active == Some(point.id.as_str());
            let icon_options = DivIconOptions::new();
            let class = if is_active {
                format!("{} sc-marker--active", kind_class(point.kind))
            } else {
                kind_class(point.kind).to_owned()
            };
            icon_options.set_class_name(class);
            icon_options.set_icon_size(leaflet::Point::new(22.0, 22.0));
            let options = MarkerOptions::new();
            let Some(icon) = div_icon(&icon_options) else { continue };
            options.set_icon(icon);
            options.set_title(point.name.clone());
            options.set_keyboard(true);
            if is_active {
                options.set_z_index_offset(1000.0);
            }
            let marker = Marker::new_with_options(&LatLng::new(point.lat, point.lon), &options);
            let id = point.id.clone();
            let on_point = on_point.clone();
            let clicked = Closure::<dyn Fn(JsValue)>::new(move |_| on_point(id.clone()));
            marker.on("click", &clicked.into_js_value());
            marker.add_to_layer_group(&self.markers);
        }
        for cluster in &answer.clusters {
            self.add_cluster(cluster, cluster_title(cluster.count));
        }
    }

    fn add_cluster(&self, cluster: &PickupCluster, title: String) {
        let icon_options = DivIconOptions::new();
        icon_options.set_class_name("sc-cluster".into());
        icon_options.set_html(cluster.count.to_string());
        let size = if cluster.count < 10 {
            28.0
        } else if cluster.count < 100 {
            34.0
        } else {
            40.0
        };
        icon_options.set_icon_size(leaflet::Point::new(size, size));
        let options = MarkerOptions::new();
        let Some(icon) = div_icon(&icon_options) else { return };
        options.set_icon(icon);
        options.set_title(title);
        options.set_keyboard(true);
        let marker = Marker::new_with_options(&LatLng::new(cluster.lat, cluster.lon), &options);
        let map = self.map.clone();
        let bbox = cluster.bbox;
        let zoom_in = Closure::<dyn Fn(JsValue)>::new(move |_| {
            // A cluster of points at one place has no extent: zoom around it instead.
            let padded = [bbox[0] - 0.01, bbox[1] - 0.01, bbox[2] + 0.01, bbox[3] + 0.01];
            map.fit_bounds(&bounds(padded));
        });
        marker.on("click", &zoom_in.into_js_value());
        marker.add_to_layer_group(&self.markers);
    }
}
