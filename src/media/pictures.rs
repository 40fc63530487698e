//! An image's three sizes, as Tencent's ImageElem lists them: the original;
//! the large copy, scaled so that its shorter side is 720 pixels; the
//! thumbnail, shorter side 198. An image already that small keeps its own
//! size (and ID) for the copies it needs no smaller.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, GenericImageView, ImageFormat, ImageReader};

use crate::error::{err, Result};

use super::{Picture, PictureSet};

/// The shorter side of the large copy and of the thumbnail (Tencent's).
pub const LARGE_SIDE: u32 = 720;
pub const THUMB_SIDE: u32 = 198;

/// Reads the image stored at `path` (as `id`, `size` bytes) and stores its
/// smaller copies with `put`, which returns their IDs. 6031 when it is not
/// an image Huddle reads (PNG, JPEG, GIF, WebP).
pub fn make(path: &Path, id: &str, size: u64, put: impl Fn(&[u8]) -> Result<String>) -> Result<PictureSet> {
    let not_image = |why: String| err!(ImageNotImage, "the file sent as an image is not a PNG, JPEG, GIF or WebP image Huddle reads: {}", why);
    let reader = ImageReader::open(path).and_then(|r| r.with_guessed_format()).map_err(|e| not_image(e.to_string()))?;
    let format = reader.format();
    let image = reader.decode().map_err(|e| not_image(e.to_string()))?;
    let (width, height) = image.dimensions();
    let orig = Picture { id: id.to_string(), width, height, size, url: String::new() };
    let large = scaled(&image, LARGE_SIDE, &orig, format, &put)?;
    let thumb = scaled(&image, THUMB_SIDE, &orig, format, &put)?;
    Ok(PictureSet { format: format_number(format), orig, large, thumb })
}

/// Tencent's `image_elem_format`.
fn format_number(format: Option<ImageFormat>) -> u32 {
    match format {
        Some(ImageFormat::Jpeg) => 1,
        Some(ImageFormat::Gif) => 2,
        Some(ImageFormat::Png) => 3,
        Some(ImageFormat::Bmp) => 4,
        _ => 0xff,
    }
}

/// `image` with its shorter side `side`, stored; the original if it is no larger.
fn scaled(image: &DynamicImage, side: u32, orig: &Picture, format: Option<ImageFormat>, put: &impl Fn(&[u8]) -> Result<String>) -> Result<Picture> {
    let (w, h) = (orig.width, orig.height);
    if w.min(h) <= side {
        return Ok(orig.clone());
    }
    let longer = |long: u32, short: u32| ((u64::from(long) * u64::from(side) + u64::from(short) / 2) / u64::from(short)).max(1) as u32;
    let (nw, nh) = if w <= h { (side, longer(h, w)) } else { (longer(w, h), side) };
    let small = image.thumbnail_exact(nw, nh);
    // A JPEG stays a JPEG; anything else (transparency, animation's first frame) becomes a PNG.
    let encode_as = if format == Some(ImageFormat::Jpeg) { ImageFormat::Jpeg } else { ImageFormat::Png };
    let small = if encode_as == ImageFormat::Jpeg { DynamicImage::ImageRgb8(small.to_rgb8()) } else { small };
    let mut bytes = Vec::new();
    small.write_to(&mut Cursor::new(&mut bytes), encode_as).map_err(|e| err!(IoOperationFailed, "cannot encode a smaller copy of an image: {}", e))?;
    let id = put(&bytes)?;
    Ok(Picture { id, width: nw, height: nh, size: bytes.len() as u64, url: String::new() })
}
