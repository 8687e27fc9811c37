//! 署名 and 成文日期 of a sealed document (GB/T 9704 §7.3.5.1), as the PDF sets them: the
//! date four characters from the right, the 署名 centred over it two blank lines under the
//! text, and the seal's PNG floating over both (anchored to the 署名's paragraph), centred on
//! the date, its top half a line under the text's last line.

use docx_rs::{Paragraph, Pic, RelativeFromHType, RelativeFromVType, Run};

use super::{BLOCK_W, CELL};

/// A county office's seal: 42 mm across, in EMU and in twips; seals in a row stand 4 mm apart.
const SEAL_EMU: i32 = 42 * 36_000;
pub(super) const SEAL_TWIPS: i32 = 42 * 567 / 10;
pub(super) const SEAL_STEP_TWIPS: i32 = 46 * 567 / 10;
/// EMU in a twip and in a point.
const EMU_PER_TWIP: i32 = 635;
const EMU_PER_POINT: i32 = 12_700;

/// The 署名's left indent and the date's right indent (twips), given their widths.
pub(super) fn indents(signer_w: i32, date_w: i32) -> (i32, i32) {
    let right = 4 * CELL;
    let centre = BLOCK_W as i32 - right - date_w / 2;
    ((centre - signer_w / 2).max(0), right)
}

/// The 署名's paragraph with the seal floating over it (when there is an image).
pub(super) fn with_seal(signer: Paragraph, date_w: i32, png: Option<&[u8]>) -> Paragraph {
    with_seal_at(signer, BLOCK_W as i32 - 4 * CELL - date_w / 2, png)
}

/// A paragraph with a seal floating over it, centred on `centre` (twips from the margin).
/// Each seal of a document has an id of its own, from its place.
pub(super) fn with_seal_at(p: Paragraph, centre: i32, png: Option<&[u8]>) -> Paragraph {
    let Some(png) = png.and_then(|b| Some((b, size(b)?))) else {
        return p;
    };
    let (bytes, (w, h)) = png;
    let x = centre * EMU_PER_TWIP - SEAL_EMU / 2;
    // From the 署名's paragraph, whose top (its space before included) is the foot of the
    // text's last line: half a line under that line's baseline, which LibreOffice sets 4.6 pt
    // above the line's foot (measured), so 14.5 − 4.6 ≈ 10 pt down.
    let y = 10 * EMU_PER_POINT;
    let height = (i64::from(SEAL_EMU) * i64::from(h) / i64::from(w.max(1))) as u32;
    let pic = Pic::new_with_dimensions(bytes.to_vec(), w, h)
        .id(format!("rIdImageSeal{centre}"))
        .size(SEAL_EMU as u32, height)
        .floating()
        .overlapping()
        .relative_from_h(RelativeFromHType::Margin)
        .relative_from_v(RelativeFromVType::Paragraph)
        .offset_x(x)
        .offset_y(y);
    p.add_run(Run::new().add_image(pic))
}

/// A PNG's width and height in pixels, from its IHDR chunk.
fn size(png: &[u8]) -> Option<(u32, u32)> {
    let be = |at: usize| Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?));
    (png.get(12..16)? == b"IHDR").then_some(())?;
    Some((be(16)?, be(20)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_png_gives_its_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&496u32.to_be_bytes());
        png.extend_from_slice(&300u32.to_be_bytes());
        assert_eq!(super::size(&png), Some((496, 300)));
        assert_eq!(super::size(b"\x89PNG"), None);
    }
}
