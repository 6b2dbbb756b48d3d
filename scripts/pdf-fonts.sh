#!/usr/bin/env bash
# Regenerates the fonts estimate PDFs embed (web/public/pdf-fonts/), from Noto Sans and Noto Sans JP
# as npm ships them (SIL Open Font License 1.1, kept beside the output as OFL.txt).
#
# They are static assets: the Worker reads them through its ASSETS binding when it renders a PDF,
# so they add nothing to the Worker's bundle. Subsets keep them small: Noto Sans for Latin (with Extended-A/B and Additional), Greek and
# Cyrillic; Noto Sans JP for kana, CJK punctuation, full-width forms and the ideographs of
# JIS X 0208 and GB 2312 (about 10,000: Japanese and Simplified Chinese names and addresses).
# Needs pyftsubset (Debian: `apt-get install fonttools`); run it only when changing the subsets.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @embedpdf/fonts-latin@1.0.0 @embedpdf/fonts-jp@1.0.0 >/dev/null)
tar -xzf "$work"/embedpdf-fonts-latin-1.0.0.tgz -C "$work" package/fonts/NotoSans-Regular.ttf package/fonts/NotoSans-Bold.ttf package/LICENSE
tar -xzf "$work"/embedpdf-fonts-jp-1.0.0.tgz -C "$work" package/fonts/NotoSansJP-Regular.otf
LATIN="U+0020-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+25A0-25FF,U+2713,U+FEFF,U+FFFD"
/usr/bin/python3 - "$work/cjk.txt" <<'PY'
import sys
chars = set()
for lead, trail, codec in ((range(0x81, 0xF0), range(0x40, 0xFD), "shift_jis"), (range(0xB0, 0xF8), range(0xA1, 0xFF), "gb2312")):
    for a in lead:
        for b in trail:
            try:
                c = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(c) == 1 and ord(c) >= 0x2E80:
                chars.add(c)
open(sys.argv[1], "w").write("".join(sorted(chars)))
PY
pyftsubset "$work/package/fonts/NotoSans-Regular.ttf" --unicodes="$LATIN" --no-hinting --layout-features='kern' --output-file="$work/latin-regular.ttf"
pyftsubset "$work/package/fonts/NotoSans-Bold.ttf" --unicodes="$LATIN" --no-hinting --layout-features='kern' --output-file="$work/latin-bold.ttf"
pyftsubset "$work/package/fonts/NotoSansJP-Regular.otf" --text-file="$work/cjk.txt" --unicodes="U+3000-30FF,U+31F0-31FF,U+FF00-FFEF" --no-hinting --layout-features='' --output-file="$work/cjk-regular.otf"
out=web/public/pdf-fonts
mkdir -p "$out"
cp "$work/latin-regular.ttf" "$work/latin-bold.ttf" "$work/cjk-regular.otf" "$out/"
cp "$work/package/LICENSE" "$out/OFL.txt"
ls -la "$out"
