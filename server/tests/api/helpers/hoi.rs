//! Applications to the Hội for tests: a valid form, and a form with some fields changed.

use hoi_api::hoi::CONSENT_VERSION;
use serde_json::{json, Value};

use super::GIA_LAM_UNIT;

pub(crate) fn form(phone: &str) -> Value {
    json!({
        "full_name": "Nguyễn Thị Mai",
        "birth_date": "1990-03-08",
        "phone": phone,
        "commune_id": GIA_LAM_UNIT,
        "branch_id": null,
        "occupation": "Nội trợ",
        "education": "Trung học phổ thông",
        "wish": "Muốn tham gia sinh hoạt chi hội gần nhà.",
        "ethnicity": null,
        "religion": null,
        "consents": ["application"],
        "consent_version": CONSENT_VERSION,
        "source_group_id": null
    })
}

pub(crate) fn with(mut base: Value, changes: Value) -> Value {
    let Value::Object(changes) = changes else {
        panic!("changes are an object")
    };
    for (key, value) in changes {
        base[&key] = value;
    }
    base
}
