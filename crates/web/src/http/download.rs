//! Naming a download: `Content-Disposition` with the name as given, in UTF-8 (`filename*`, RFC 6266 and
//! RFC 8187), and an ASCII stand-in for clients that read only `filename`.

use axum::http::HeaderValue;

/// `attachment` with `name`: non-ASCII letters survive in `filename*`; the plain `filename` has `_` for
/// each character ASCII cannot hold or a quoted string must not (quotes, backslashes, controls).
pub fn attachment(name: &str) -> HeaderValue {
    let plain: String = name
        .chars()
        .map(|c| if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' { c } else { '_' })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        // RFC 8187's attr-char: letters, digits and !#$&+-.^_`|~ go as they are.
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    HeaderValue::from_str(&format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}"))
        .expect("printable ASCII is header text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_letters() {
        assert_eq!(
            attachment("Protokoll München – \"Sitzung\".pdf"),
            "attachment; filename=\"Protokoll M_nchen _ _Sitzung_.pdf\"; \
             filename*=UTF-8''Protokoll%20M%C3%BCnchen%20%E2%80%93%20%22Sitzung%22.pdf"
        );
        assert_eq!(attachment("report.odt"), "attachment; filename=\"report.odt\"; filename*=UTF-8''report.odt");
    }
}
