//! A minimal OpenDocument Text file: headings and paragraphs, for reports people edit further in an office
//! suite. The format is a zip of XML parts; `zip` writes the archive, the XML is small enough to write here.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A block of the document.
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The `.odt` bytes of a document with the given title and blocks.
pub fn write_odt(title: &str, blocks: &[Block]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => body.push_str(&format!(
                "<text:h text:style-name=\"Heading_20_{level}\" text:outline-level=\"{level}\">{}</text:h>",
                escape(text)
            )),
            Block::Paragraph(text) => {
                body.push_str(&format!("<text:p text:style-name=\"Text_20_body\">{}</text:p>", escape(text)))
            }
        }
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
         <office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    let meta = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">\
         <office:meta><dc:title>{}</dc:title></office:meta></office:document-meta>",
        escape(title)
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
         <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\
         </manifest:manifest>";
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // The mimetype entry comes first and uncompressed, so that tools can recognise the file by its first bytes.
    zip.start_file("mimetype", SimpleFileOptions::default().compression_method(CompressionMethod::Stored))?;
    zip.write_all(b"application/vnd.oasis.opendocument.text")?;
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("meta.xml", deflated)?;
    zip.write_all(meta.as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(content.as_bytes())?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_valid_package() {
        let bytes =
            write_odt("Report", &[Block::Heading(1, "Title <1>".into()), Block::Paragraph("A & B".into())]).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(&bytes[30..38], b"mimetype", "the mimetype entry first");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut content = String::new();
        archive.by_name("content.xml").unwrap().read_to_string(&mut content).unwrap();
        assert!(content.contains("Title &lt;1&gt;") && content.contains("A &amp; B"));
        assert!(archive.by_name("META-INF/manifest.xml").is_ok());
    }
}
