/** A document's PDF as a link's `href` and `download`, so it saves as `invoice-1001.pdf`, not "true". */
export type PdfLink = { href: string; download: string };

/**
 * `download` must carry the file name: a bare attribute is `true` to Preact, which sets the
 * anchor's `download` property to the string "true" and the browser saves `true.txt`.
 */
export function pdfLink(
	href: string,
	kind: "estimate" | "invoice",
	number: number,
	version?: number,
): PdfLink {
	return { href, download: `${kind}-${number}${version === undefined ? "" : `-v${version}`}.pdf` };
}
