//! The printable forms of a certificate: its QR code as SVG (for the print page) and the
//! certificate as a one-page A4 landscape PDF with the QR code drawn as vectors.
//!
//! The PDF is written directly with `pdf-writer`; its text uses DejaVu Serif (regular and
//! bold, `backend/fonts/`, free licence in `LICENSE-DejaVu.txt`), which covers every
//! Vietnamese letter, embedded whole (compressed once per process) as a CID TrueType font with
//! a `ToUnicode` map, so viewers show and copy the learner's name with its diacritics.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use hocdvc_api::{CertificateKind, CertificateStatus, CertificateView};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use qrcode::QrCode;

use crate::error::AppError;

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSerif.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSerif-Bold.ttf");

/// A4 landscape, in points.
const WIDTH: f32 = 841.89;
const HEIGHT: f32 = 595.28;

/// The QR code of `url` as a standalone SVG document (black on white, with its quiet zone).
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = qr(url)?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

fn qr(url: &str) -> Result<QrCode, AppError> {
    QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code of {url}: {e}")))
}

/// `dd/mm/yyyy` from `YYYY-MM-DD`.
pub fn vietnamese_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

/// The line under the learner's name saying what they achieved.
pub fn achievement(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::ModuleCompletion => "đã hoàn thành học phần",
        CertificateKind::ContestPrize => "đã đạt giải tại cuộc thi",
        CertificateKind::AnnualTraining => "đã hoàn thành chương trình bồi dưỡng",
    }
}

/// One embedded font: its parsed face, and the glyphs used (glyph id → width, character).
struct FontUse {
    face: ttf_parser::Face<'static>,
    used: BTreeMap<u16, (f32, char)>,
}

impl FontUse {
    fn new(data: &'static [u8]) -> Result<FontUse, AppError> {
        let face = ttf_parser::Face::parse(data, 0)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("certificate font: {e}")))?;
        Ok(FontUse {
            face,
            used: BTreeMap::new(),
        })
    }

    fn scale(&self) -> f32 {
        1000.0 / f32::from(self.face.units_per_em())
    }

    /// The text as big-endian glyph ids (Identity-H), and its width at `size`.
    fn encode(&mut self, text: &str, size: f32) -> (Vec<u8>, f32) {
        let scale = self.scale();
        let mut bytes = Vec::with_capacity(text.len() * 2);
        let mut width = 0.0;
        for c in text.chars() {
            let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            let advance = f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * scale;
            self.used.entry(glyph.0).or_insert((advance, c));
            bytes.extend_from_slice(&glyph.0.to_be_bytes());
            width += advance * size / 1000.0;
        }
        (bytes, width)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let scale = self.scale();
        text.chars()
            .map(|c| {
                let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * scale * size / 1000.0
            })
            .sum()
    }
}

/// Each font file, zlib-compressed once.
fn compressed(data: &'static [u8], cell: &'static OnceLock<Vec<u8>>) -> &'static [u8] {
    cell.get_or_init(|| miniz_oxide::deflate::compress_to_vec_zlib(data, 6))
}

static REGULAR_Z: OnceLock<Vec<u8>> = OnceLock::new();
static BOLD_Z: OnceLock<Vec<u8>> = OnceLock::new();

struct Page {
    content: Content,
    regular: FontUse,
    bold: FontUse,
}

impl Page {
    /// Text centred on the page at height `y`.
    fn centred(&mut self, text: &str, y: f32, size: f32, bold: bool) {
        self.at(text, None, y, size, bold);
    }

    /// Text starting at `x` (or centred when `None`) at height `y`.
    fn at(&mut self, text: &str, x: Option<f32>, y: f32, size: f32, bold: bool) {
        let (font, name) = if bold {
            (&mut self.bold, Name(b"F2"))
        } else {
            (&mut self.regular, Name(b"F1"))
        };
        let (bytes, width) = font.encode(text, size);
        let x = x.unwrap_or((WIDTH - width) / 2.0);
        self.content
            .begin_text()
            .set_font(name, size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
    }

    /// Splits `text` into lines no wider than `max` at `size`.
    fn wrap(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let font = if bold { &self.bold } else { &self.regular };
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && font.width(&candidate, size) > max {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// The certificate as a PDF document.
pub fn pdf(view: &CertificateView) -> Result<Vec<u8>, AppError> {
    let facts = &view.facts;
    let mut page = Page {
        content: Content::new(),
        regular: FontUse::new(REGULAR)?,
        bold: FontUse::new(BOLD)?,
    };

    // Frame: a thick outer border and a thin inner one, in deep red.
    page.content
        .set_stroke_rgb(0.62, 0.11, 0.11)
        .set_line_width(4.0)
        .rect(24.0, 24.0, WIDTH - 48.0, HEIGHT - 48.0)
        .stroke()
        .set_line_width(1.0)
        .rect(34.0, 34.0, WIDTH - 68.0, HEIGHT - 68.0)
        .stroke();

    page.content.set_fill_rgb(0.1, 0.1, 0.1);
    page.centred(
        "HỌC DVC — KỸ NĂNG SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN",
        HEIGHT - 78.0,
        12.0,
        true,
    );
    page.content.set_fill_rgb(0.62, 0.11, 0.11);
    page.centred("GIẤY CHỨNG NHẬN", HEIGHT - 140.0, 40.0, true);
    page.content.set_fill_rgb(0.1, 0.1, 0.1);
    page.centred("Chứng nhận", HEIGHT - 185.0, 16.0, false);
    page.content.set_fill_rgb(0.05, 0.2, 0.45);
    page.centred(&facts.learner_name, HEIGHT - 225.0, 28.0, true);
    page.content.set_fill_rgb(0.1, 0.1, 0.1);
    let mut y = HEIGHT - 262.0;
    if let Some(unit) = &facts.unit_name {
        page.centred(unit, y, 14.0, false);
        y -= 26.0;
    }
    page.centred(achievement(facts.kind), y, 16.0, false);
    y -= 32.0;
    for line in page
        .wrap(&facts.subject_title, 20.0, true, WIDTH - 220.0)
        .into_iter()
        .take(3)
    {
        page.centred(&line, y, 20.0, true);
        y -= 26.0;
    }
    if let Some(detail) = &facts.detail {
        page.centred(detail, y - 2.0, 18.0, true);
    }

    // Bottom: dates on the right, the QR code and the verification code on the left.
    let issued = format!("Cấp ngày {}", vietnamese_date(&facts.issued_on));
    page.at(&issued, Some(WIDTH - 300.0), 120.0, 14.0, false);
    if let Some(expires) = &facts.expires_on {
        let line = format!("Có giá trị đến ngày {}", vietnamese_date(expires));
        page.at(&line, Some(WIDTH - 300.0), 98.0, 14.0, false);
    }
    let status_line = match facts.status {
        CertificateStatus::Valid => None,
        CertificateStatus::Expired => Some("ĐÃ HẾT HẠN"),
        CertificateStatus::Revoked => Some("ĐÃ THU HỒI"),
    };
    if let Some(line) = status_line {
        page.content.set_fill_rgb(0.75, 0.0, 0.0);
        page.at(line, Some(WIDTH - 300.0), 70.0, 18.0, true);
        page.content.set_fill_rgb(0.1, 0.1, 0.1);
    }

    let code = qr(&view.verify_url)?;
    let modules = code.width();
    let size = 96.0;
    let cell = size / modules as f32;
    let (left, bottom) = (60.0, 60.0);
    page.content.set_fill_rgb(0.0, 0.0, 0.0);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (col, row) = ((i % modules) as f32, (i / modules) as f32);
            page.content.rect(
                left + col * cell,
                bottom + size - (row + 1.0) * cell,
                cell + 0.01,
                cell + 0.01,
            );
        }
    }
    page.content.fill_nonzero();
    page.content.set_fill_rgb(0.1, 0.1, 0.1);
    let code_line = format!("Mã xác thực: {}", facts.verify_code);
    page.at(
        &code_line,
        Some(left + size + 14.0),
        bottom + 60.0,
        13.0,
        true,
    );
    page.at(
        "Kiểm tra tại:",
        Some(left + size + 14.0),
        bottom + 40.0,
        10.0,
        false,
    );
    page.at(
        &view.verify_url,
        Some(left + size + 14.0),
        bottom + 26.0,
        10.0,
        false,
    );

    Ok(write(page, &facts.learner_name))
}

fn write(page: Page, learner_name: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let page_id = Ref::new(3);
    let content_id = Ref::new(4);
    let info_id = Ref::new(5);
    let mut next = 6;
    let mut alloc = || {
        let id = Ref::new(next);
        next += 1;
        id
    };

    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id).kids([page_id]).count(1);
    let title = format!("Giấy chứng nhận — {learner_name}");
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .producer(TextStr("Học DVC"));

    let fonts = [
        (
            page.regular,
            "DejaVuSerif",
            REGULAR,
            &REGULAR_Z,
            alloc(),
            Name(b"F1"),
        ),
        (
            page.bold,
            "DejaVuSerif-Bold",
            BOLD,
            &BOLD_Z,
            alloc(),
            Name(b"F2"),
        ),
    ];
    let mut font_refs = Vec::new();
    for (font, base_name, data, cell, type0_id, resource) in fonts {
        let cid_id = alloc();
        let descriptor_id = alloc();
        let cmap_id = alloc();
        let file_id = alloc();
        let base = Name(base_name.as_bytes());
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(type0_id)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(cmap_id);
        let mut cid = pdf.cid_font(cid_id);
        cid.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system)
            .font_descriptor(descriptor_id)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let mut widths = cid.widths();
        for (glyph, (width, _)) in &font.used {
            widths.consecutive(*glyph, [*width]);
        }
        widths.finish();
        cid.finish();

        let scale = font.scale();
        let face = &font.face;
        let bbox = face.global_bounding_box();
        let mut flags = FontFlags::SERIF | FontFlags::NON_SYMBOLIC;
        if base_name.ends_with("Bold") {
            flags |= FontFlags::FORCE_BOLD;
        }
        pdf.font_descriptor(descriptor_id)
            .name(base)
            .flags(flags)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(face.ascender()) * scale)
            .descent(f32::from(face.descender()) * scale)
            .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * scale)
            .stem_v(if base_name.ends_with("Bold") {
                140.0
            } else {
                80.0
            })
            .font_file2(file_id);

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
        for (glyph, (_, c)) in &font.used {
            cmap.pair(*glyph, *c);
        }
        let cmap = cmap.finish();
        pdf.cmap(cmap_id, cmap.as_slice());

        let length = i32::try_from(data.len()).unwrap_or(i32::MAX);
        pdf.stream(file_id, compressed(data, cell))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), length);
        font_refs.push((resource, type0_id));
    }

    let mut pdf_page = pdf.page(page_id);
    pdf_page
        .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .parent(tree_id)
        .contents(content_id);
    let mut resources = pdf_page.resources();
    let mut font_dict = resources.fonts();
    for (name, id) in &font_refs {
        font_dict.pair(*name, *id);
    }
    font_dict.finish();
    resources.finish();
    pdf_page.finish();

    let content = page.content.finish();
    let content_z = miniz_oxide::deflate::compress_to_vec_zlib(content.as_slice(), 6);
    pdf.stream(content_id, &content_z)
        .filter(Filter::FlateDecode);
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_font_has_every_vietnamese_letter() {
        let letters = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYaăâbcdđeêghiklmnoôơpqrstuưvxy\
                       àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ\
                       ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ";
        for data in [REGULAR, BOLD] {
            let face = ttf_parser::Face::parse(data, 0).unwrap();
            for c in letters.chars() {
                assert!(face.glyph_index(c).is_some(), "no glyph for {c}");
            }
        }
    }

    #[test]
    fn dates_read_day_month_year() {
        assert_eq!(vietnamese_date("2026-11-28"), "28/11/2026");
    }
}
