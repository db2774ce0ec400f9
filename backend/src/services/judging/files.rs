//! Checking an uploaded entry file by its content — never its name or declared type — and
//! making thumbnails. PNG and JPEG are decoded whole (with dimension and memory limits, so a
//! tiny file declaring a gigantic image is refused before any pixel is allocated); a PDF
//! must start with `%PDF-` and end with `%%EOF`; an MP4 must open with an `ftyp` box.

use std::io::Cursor;

/// Widest or tallest image accepted, in pixels.
pub const MAX_DIMENSION: u32 = 12_000;
/// Most pixels accepted (about 60 megapixels).
pub const MAX_PIXELS: u64 = 60_000_000;
/// Longest side of a thumbnail.
pub const THUMB_SIZE: u32 = 360;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    Png,
    Jpeg,
    Pdf,
    Mp4,
}

impl MediaType {
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Pdf => "application/pdf",
            MediaType::Mp4 => "video/mp4",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Png => "png",
            MediaType::Jpeg => "jpg",
            MediaType::Pdf => "pdf",
            MediaType::Mp4 => "mp4",
        }
    }

    pub fn from_mime(mime: &str) -> Option<MediaType> {
        [
            MediaType::Png,
            MediaType::Jpeg,
            MediaType::Pdf,
            MediaType::Mp4,
        ]
        .into_iter()
        .find(|m| m.mime() == mime)
    }
}

/// A file that passed the checks.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub media_type: MediaType,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A JPEG thumbnail, for images.
    pub thumbnail: Option<Vec<u8>>,
}

/// What the magic bytes say, if anything we accept.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(MediaType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(MediaType::Jpeg)
    } else if bytes.starts_with(b"%PDF-") {
        Some(MediaType::Pdf)
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        Some(MediaType::Mp4)
    } else {
        None
    }
}

/// Checks the file; `allow_video`: the contest takes MP4 files. The error is a Vietnamese
/// message for the «Tệp» field.
pub fn check(bytes: &[u8], allow_video: bool) -> Result<CheckedFile, String> {
    let media_type = sniff(bytes).ok_or_else(|| {
        "Tệp: nội dung không phải ảnh PNG, JPEG, tệp PDF hay video MP4 (hệ thống xét nội dung tệp, không xét tên tệp).".to_owned()
    })?;
    match media_type {
        MediaType::Png | MediaType::Jpeg => check_image(bytes, media_type),
        MediaType::Pdf => {
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            if !tail.windows(5).any(|w| w == b"%%EOF") {
                return Err("Tệp: tệp PDF không trọn vẹn (thiếu phần kết %%EOF).".to_owned());
            }
            Ok(CheckedFile {
                media_type,
                width: None,
                height: None,
                thumbnail: None,
            })
        }
        MediaType::Mp4 => {
            if !allow_video {
                return Err("Tệp: cuộc thi này không nhận video MP4.".to_owned());
            }
            let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
            let brand_ok = bytes[8..12]
                .iter()
                .all(|b| b.is_ascii_graphic() || *b == b' ');
            if !(8..=bytes.len()).contains(&size) || !brand_ok {
                return Err("Tệp: video MP4 hỏng (hộp ftyp không hợp lệ).".to_owned());
            }
            Ok(CheckedFile {
                media_type,
                width: None,
                height: None,
                thumbnail: None,
            })
        }
    }
}

fn check_image(bytes: &[u8], media_type: MediaType) -> Result<CheckedFile, String> {
    use image::{ImageFormat, ImageReader, Limits};
    let format = if media_type == MediaType::Png {
        ImageFormat::Png
    } else {
        ImageFormat::Jpeg
    };
    let broken = || format!("Tệp: ảnh {} hỏng, không đọc được.", format_name(media_type));
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| broken())?;
    if width > MAX_DIMENSION
        || height > MAX_DIMENSION
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(format!(
            "Tệp: ảnh {width}×{height} điểm ảnh quá lớn (tối đa {MAX_DIMENSION} điểm mỗi chiều, {} triệu điểm ảnh).",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| broken())?;
    let thumb = image.thumbnail(THUMB_SIZE, THUMB_SIZE).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&thumb)
        .map_err(|_| broken())?;
    Ok(CheckedFile {
        media_type,
        width: Some(width),
        height: Some(height),
        thumbnail: Some(out),
    })
}

fn format_name(media_type: MediaType) -> &'static str {
    match media_type {
        MediaType::Png => "PNG",
        MediaType::Jpeg => "JPEG",
        MediaType::Pdf => "PDF",
        MediaType::Mp4 => "MP4",
    }
}

/// A video link must be https on YouTube or Facebook; returns the link trimmed.
pub fn check_video_url(raw: &str) -> Result<String, String> {
    const HOSTS: [&str; 8] = [
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtu.be",
        "facebook.com",
        "www.facebook.com",
        "m.facebook.com",
        "fb.watch",
    ];
    let url = raw.trim();
    let refuse = || {
        "Liên kết video: chỉ nhận liên kết https tới YouTube hoặc Facebook, ví dụ https://www.youtube.com/watch?v=…".to_owned()
    };
    let rest = url.strip_prefix("https://").ok_or_else(refuse)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].to_ascii_lowercase();
    if url.len() > 500 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refuse());
    }
    if !HOSTS.contains(&host.as_str()) {
        return Err(refuse());
    }
    Ok(url.to_owned())
}

/// A small PNG of `width`×`height` in one colour with a diagonal band, for the demo and tests.
pub fn sample_png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        if (x + y) % 16 < 4 {
            image::Rgb([255, 255, 255])
        } else {
            image::Rgb(rgb)
        }
    });
    let mut out = Vec::new();
    // Encoding an in-memory RGB image to PNG cannot fail short of allocation failure.
    let _ = image::codecs::png::PngEncoder::new(&mut out).write_image(
        img.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    );
    out
}

use image::ImageEncoder as _;

/// A valid-looking PNG (correct chunk checksums) whose header declares `width`×`height`
/// pixels but holds almost no data: the shape of a decompression bomb, for tests.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = sample_png(4, 4, [1, 2, 3]);
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    // The IHDR checksum covers the chunk type and data: bytes 12..29.
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_passes_and_gets_a_jpeg_thumbnail() {
        let checked = check(&sample_png(800, 400, [200, 30, 30]), false).unwrap();
        assert_eq!(checked.media_type, MediaType::Png);
        assert_eq!((checked.width, checked.height), (Some(800), Some(400)));
        let thumb = checked.thumbnail.unwrap();
        assert_eq!(sniff(&thumb), Some(MediaType::Jpeg));
    }

    #[test]
    fn text_is_refused_whatever_it_is_called() {
        assert!(check(b"hello, I am a .png", false).is_err());
    }

    #[test]
    fn a_truncated_png_is_refused() {
        let png = sample_png(64, 64, [1, 2, 3]);
        assert!(check(&png[..png.len() / 2], false).is_err());
    }

    #[test]
    fn a_png_header_declaring_a_huge_image_is_refused_before_decoding() {
        let err = check(&png_declaring(60_000, 60_000), false).unwrap_err();
        assert!(err.contains("quá lớn"), "{err}");
        let err = check(&png_declaring(11_000, 11_000), false).unwrap_err();
        assert!(err.contains("quá lớn"), "{err}");
        // Within limits but with no pixel data behind the header: broken, not decoded.
        let err = check(&png_declaring(2_000, 2_000), false).unwrap_err();
        assert!(err.contains("hỏng"), "{err}");
    }

    #[test]
    fn a_pdf_needs_its_header_and_trailer() {
        assert_eq!(
            check(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n", false)
                .unwrap()
                .media_type,
            MediaType::Pdf
        );
        assert!(check(b"%PDF-1.4\n1 0 obj", false).is_err());
    }

    #[test]
    fn an_mp4_needs_a_sane_ftyp_box_and_a_video_contest() {
        let mut mp4 = vec![0, 0, 0, 24];
        mp4.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
        mp4.extend_from_slice(&[0; 32]);
        assert_eq!(check(&mp4, true).unwrap().media_type, MediaType::Mp4);
        assert!(check(&mp4, false).is_err());
        mp4[3] = 0xFF;
        mp4[2] = 0xFF;
        assert!(check(&mp4, true).is_err());
    }

    #[test]
    fn only_https_youtube_and_facebook_links_are_video_links() {
        assert!(check_video_url("https://www.youtube.com/watch?v=abc").is_ok());
        assert!(check_video_url("https://youtu.be/abc").is_ok());
        assert!(check_video_url("https://fb.watch/xyz/").is_ok());
        assert!(check_video_url("http://www.youtube.com/watch?v=abc").is_err());
        assert!(check_video_url("https://youtube.com.evil.example/x").is_err());
        assert!(check_video_url("https://www.youtube.com@evil.example/x").is_err());
        assert!(check_video_url("javascript:alert(1)").is_err());
    }
}
