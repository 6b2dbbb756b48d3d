/**
 * A small PDF text extractor for the documents this app writes (pdf-lib, no object streams):
 * reads each object, inflates FlateDecode streams with DecompressionStream, maps each font's
 * glyph ids back to characters through its ToUnicode CMap, and reads the text-showing operators
 * of every page's content streams. Text drawn at one baseline is one line.
 */

type PdfObject = { dict: string; stream: Uint8Array | null };

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function objectsOf(pdf: Uint8Array): Promise<Map<number, PdfObject>> {
	const text = latin1(pdf);
	const objects = new Map<number, PdfObject>();
	const header = /(\d+) 0 obj\b/g;
	for (let m = header.exec(text); m; m = header.exec(text)) {
		const start = m.index + m[0].length;
		const end = text.indexOf("endobj", start);
		const body = text.slice(start, end);
		const streamAt = body.indexOf("stream");
		if (streamAt < 0 || !/\/Length/.test(body.slice(0, streamAt))) {
			objects.set(Number(m[1]), { dict: body, stream: null });
			continue;
		}
		const dict = body.slice(0, streamAt);
		let dataStart = start + streamAt + "stream".length;
		if (text[dataStart] === "\r") dataStart++;
		if (text[dataStart] === "\n") dataStart++;
		const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
		let data: Uint8Array = pdf.slice(dataStart, dataStart + length);
		if (/\/Filter\s*\/FlateDecode/.test(dict)) data = await inflate(data);
		objects.set(Number(m[1]), { dict, stream: data });
	}
	return objects;
}

/** Glyph id (as 4 hex digits) → text, from a ToUnicode CMap. */
function toUnicodeMap(cmap: string): Map<string, string> {
	const map = new Map<string, string>();
	const hexText = (hex: string) => {
		let out = "";
		for (let i = 0; i < hex.length; i += 4)
			out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
		return out;
	};
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, src, dst] of (block[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
			if (src && dst) map.set(src.toUpperCase().padStart(4, "0"), hexText(dst));
		}
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const entry of (block[1] ?? "").matchAll(
			/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
		)) {
			const [, lo, hi, dst] = entry;
			if (!lo || !hi || !dst) continue;
			const from = Number.parseInt(lo, 16);
			const to = Number.parseInt(hi, 16);
			const targets = dst.startsWith("[")
				? [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1] ?? "")
				: null;
			for (let g = from; g <= to; g++) {
				const key = g.toString(16).toUpperCase().padStart(4, "0");
				if (targets) map.set(key, hexText(targets[g - from] ?? ""));
				else {
					const base = dst.slice(1, -1);
					const last = Number.parseInt(base.slice(-4), 16) + (g - from);
					map.set(key, hexText(base.slice(0, -4) + last.toString(16).padStart(4, "0")));
				}
			}
		}
	}
	return map;
}

const ref = (dict: string, key: string) => {
	const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
	return m ? Number(m[1]) : null;
};

/** The text of every page, in drawing order; lines broken where the baseline moves. */
export async function extractPdfText(pdf: Uint8Array): Promise<string> {
	const objects = await objectsOf(pdf);
	const decoder = new TextDecoder("latin1");
	const pages: string[] = [];
	for (const [, page] of objects) {
		if (!/\/Type\s*\/Page\b/.test(page.dict)) continue;
		// Fonts: /Font << /F1 7 0 R … >>, inline or behind a Resources reference.
		const resourcesRef = ref(page.dict, "Resources");
		const resources = resourcesRef ? (objects.get(resourcesRef)?.dict ?? "") : page.dict;
		const fontBlock = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? "";
		const fonts = new Map<string, Map<string, string>>();
		for (const [, name, id] of fontBlock.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
			const font = objects.get(Number(id));
			const cmapRef = font ? ref(font.dict, "ToUnicode") : null;
			const cmap = cmapRef ? objects.get(cmapRef)?.stream : null;
			if (name && cmap) fonts.set(name, toUnicodeMap(decoder.decode(cmap)));
		}
		const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? "";
		const streams = [...contents.matchAll(/(\d+) 0 R/g)].map((m) => objects.get(Number(m[1]))?.stream);
		let font = new Map<string, string>();
		let lastY: string | null = null;
		let out = "";
		for (const stream of streams) {
			if (!stream) continue;
			const ops = decoder.decode(stream);
			for (const m of ops.matchAll(
				/\/([\w.+-]+)\s+[\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9a-fA-F]*)>\s*Tj/g,
			)) {
				if (m[1]) font = fonts.get(m[1]) ?? new Map();
				else if (m[3] !== undefined) {
					if (lastY !== null && m[3] !== lastY) out += "\n";
					lastY = m[3];
				} else if (m[4] !== undefined) {
					for (let i = 0; i < m[4].length; i += 4)
						out += font.get(m[4].slice(i, i + 4).toUpperCase()) ?? "\uFFFD";
				}
			}
		}
		pages.push(out);
	}
	return pages.join("\n\f\n");
}
