//! Rendering a figure through both backends, the bundled font, and atomic file writes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::error::PlotError;

/// Paths of one figure's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureFiles {
    /// The figure as SVG (text kept as text).
    pub svg: PathBuf,
    /// The figure as PNG (text rendered with the bundled font).
    pub png: PathBuf,
}

/// DejaVu Sans 2.37 (Bitstream Vera licence, see `crates/pipeline/assets/fonts/LICENSE-DejaVu.txt`).
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const FONT_NAME: &str = "assets/fonts/DejaVuSans.ttf";

/// The font family every text of the figures uses; the bundled font is registered under it.
pub(super) const FAMILY: &str = "sans-serif";

/// A figure that can be drawn on any plotters backend.
pub(super) trait Plot {
    /// Width and height in pixels (the SVG's user units are the same pixels).
    fn size(&self) -> (u32, u32);
    /// Draws the whole figure on `root`, which covers `size()`.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>;
}

/// Registers the bundled font with plotters once per process.
fn ensure_font() -> Result<(), PlotError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Font(FONT_NAME))
    }
}

/// Checks that `stem` is a plain file name, so that the files land in the directory asked.
fn check_stem(stem: &str) -> Result<(), PlotError> {
    let plain = !stem.is_empty()
        && stem != "."
        && stem != ".."
        && !stem.contains(['/', '\\', '\0'])
        && Path::new(stem).file_name().is_some_and(|name| name == stem);
    if plain {
        Ok(())
    } else {
        Err(PlotError::InvalidStem(stem.to_owned()))
    }
}

fn draw_error<E: std::error::Error + Send + Sync>(
    path: &Path,
    error: DrawingAreaErrorKind<E>,
) -> PlotError {
    PlotError::Draw {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

/// The figure as an SVG document.
fn render_svg(plot: &impl Plot, path: &Path) -> Result<String, PlotError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, plot.size()).into_drawing_area();
        plot.draw(&root).map_err(|e| draw_error(path, e))?;
        root.present().map_err(|e| draw_error(path, e))?;
    }
    Ok(svg)
}

/// The figure as PNG bytes (8-bit RGB).
fn render_png(plot: &impl Plot, path: &Path) -> Result<Vec<u8>, PlotError> {
    let (width, height) = plot.size();
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        plot.draw(&root).map_err(|e| draw_error(path, e))?;
        root.present().map_err(|e| draw_error(path, e))?;
    }
    let encode_error = |source| PlotError::Encode {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(&pixels).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(bytes)
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
/// so that a reader never sees a half-written figure.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), PlotError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|source| {
        // best effort: the temporary file may not exist or may already be gone
        let _ = fs::remove_file(&tmp);
        PlotError::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// Draws `plot` into `{dir}/{stem}.svg` and `{dir}/{stem}.png`. Both are rendered in
/// memory first, so that a drawing error leaves no file behind.
pub(super) fn write_figure(
    plot: &impl Plot,
    dir: &Path,
    stem: &str,
) -> Result<FigureFiles, PlotError> {
    check_stem(stem)?;
    ensure_font()?;
    let files = FigureFiles {
        svg: dir.join(format!("{stem}.svg")),
        png: dir.join(format!("{stem}.png")),
    };
    let svg = render_svg(plot, &files.svg)?;
    let png = render_png(plot, &files.png)?;
    fs::create_dir_all(dir).map_err(|source| PlotError::Write {
        path: PathBuf::from(dir),
        source,
    })?;
    write_atomic(&files.svg, svg.as_bytes())?;
    write_atomic(&files.png, &png)?;
    Ok(files)
}
