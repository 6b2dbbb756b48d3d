import type { Locale } from "../../../schema/locales";
import { emailText } from "../messages";

/** What every email carries of the tenant that sends it, and the language it is written in. */
export type EmailBranding = {
	locale: Locale;
	tenantName: string;
	/** An absolute http(s) URL; anything else is left out, since mail clients cannot resolve it. */
	logoUrl: string | null;
	/** The logo's pixel size when known, so it is drawn at its own aspect ratio. */
	logoSize?: { width: number; height: number } | null;
	colors: { primary: string; text: string };
};

export type RenderedEmail = { subject: string; text: string; html: string };

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const MONOSPACE = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";
const INK = "#1f2933";
const MUTED = "#52606d";
const FALLBACK_COLORS = { primary: "#1f2933", text: "#ffffff" };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
	return value
		.replaceAll("&", "&amp;")
		.replaceAll("<", "&lt;")
		.replaceAll(">", "&gt;")
		.replaceAll('"', "&quot;")
		.replaceAll("'", "&#39;");
}

const LOGO_HEIGHT = 32;
const LOGO_MAX_WIDTH = 160;

/**
 * The logo at 32 px high and its own aspect ratio (a wide wordmark is never squeezed into a square),
 * no wider than 160 px. Without a known size only the height is set, which clients scale by.
 */
export function logoImage(url: string, size: { width: number; height: number } | null): string {
	const style = "display:inline-block;vertical-align:middle;margin-right:12px;border:0;";
	if (!size) {
		return `<img src="${escapeHtml(url)}" alt="" height="${LOGO_HEIGHT}" style="${style}height:${LOGO_HEIGHT}px;width:auto;">`;
	}
	const scale = Math.min(LOGO_HEIGHT / size.height, LOGO_MAX_WIDTH / size.width);
	const width = Math.max(1, Math.round(size.width * scale));
	const height = Math.max(1, Math.round(size.height * scale));
	return `<img src="${escapeHtml(url)}" alt="" width="${width}" height="${height}" style="${style}width:${width}px;height:${height}px;">`;
}

/**
 * A complete HTML email: a header band in the tenant's colours with its logo and name, then `bodyHtml`.
 * Tables and inline styles only, because that is what mail clients render reliably.
 */
export function renderEmailLayout(
	input: EmailBranding & { title: string; bodyHtml: string; preheader?: string },
): string {
	const colors = safeColors(input.colors);
	const name = escapeHtml(input.tenantName);
	const logoUrl = absoluteHttpUrl(input.logoUrl);
	const logo = logoUrl ? logoImage(logoUrl, input.logoSize ?? null) : "";
	const preheader = input.preheader
		? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(input.preheader)}</div>`
		: "";
	return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
${preheader}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-radius:8px;">
<tr><td style="background:${colors.primary};color:${colors.text};padding:20px 24px;border-radius:8px 8px 0 0;font-family:${FONT};font-size:20px;font-weight:bold;">${logo}<span style="vertical-align:middle;color:${colors.text};">${name}</span></td></tr>
<tr><td style="padding:28px 24px;font-family:${FONT};font-size:16px;line-height:1.5;color:${INK};">
${input.bodyHtml}
</td></tr>
</table>
<p style="margin:16px 0 0;font-family:${FONT};font-size:12px;color:${MUTED};">${escapeHtml(emailText(input.locale)("email.layout.sentBy", { tenant: input.tenantName }))}</p>
</td></tr>
</table>
</body>
</html>`;
}

/** A button that survives mail clients ignoring padding on links: the cell carries the colour. */
export function renderButton(input: {
	href: string;
	label: string;
	colors: EmailBranding["colors"];
}): string {
	const colors = safeColors(input.colors);
	return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">
<tr><td style="border-radius:6px;background:${colors.primary};">
<a href="${escapeHtml(input.href)}" style="display:inline-block;padding:14px 28px;font-family:${FONT};font-size:17px;font-weight:bold;color:${colors.text};text-decoration:none;border-radius:6px;">${escapeHtml(input.label)}</a>
</td></tr>
</table>`;
}

/** A paragraph of plain text in the body's style. */
export function renderParagraph(text: string, style = ""): string {
	return `<p style="margin:0 0 16px;${style}">${escapeHtml(text)}</p>`;
}

// Colours land inside style attributes, where escaping alone would still let `red;background:url(…)`
// through; only plain hex colours are used.
function safeColors(colors: EmailBranding["colors"]): EmailBranding["colors"] {
	const hex = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
	return {
		primary: hex.test(colors.primary) ? colors.primary : FALLBACK_COLORS.primary,
		text: hex.test(colors.text) ? colors.text : FALLBACK_COLORS.text,
	};
}

function absoluteHttpUrl(value: string | null): string | null {
	if (!value || !URL.canParse(value)) return null;
	const url = new URL(value);
	return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
}

/** One "label: value" line of a details email; `strong` sets the value in bold (a total). */
export type EmailDetail = { label: string; value: string; strong?: boolean };

/**
 * The shape most notices share: an intro, a table of details, one button straight to the screen
 * it is about, and a closing hint — as HTML and as plain text with the same words.
 */
export function renderDetailsEmail(
	input: EmailBranding & {
		subject: string;
		intro: string;
		details: EmailDetail[];
		action: { label: string; href: string };
		hint: string;
		/** A picture beside the intro (the technician's photo), an absolute http(s) URL. */
		imageUrl?: string | null;
	},
): RenderedEmail {
	const image = absoluteHttpUrl(input.imageUrl ?? null);
	const rows = input.details
		.map(
			({ label, value, strong }) =>
				`<tr><td style="padding:4px 16px 4px 0;color:${MUTED};vertical-align:top;">${escapeHtml(label)}</td><td style="padding:4px 0;${strong ? "font-weight:bold;" : ""}">${escapeHtml(value)}</td></tr>`,
		)
		.join("");
	const bodyHtml = [
		image
			? `<img src="${escapeHtml(image)}" alt="" width="64" height="64" style="display:block;width:64px;height:64px;border-radius:32px;object-fit:cover;margin:0 0 12px;">`
			: "",
		renderParagraph(input.intro),
		`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 24px;font-size:15px;">${rows}</table>`,
		renderButton({ href: input.action.href, label: input.action.label, colors: input.colors }),
		renderParagraph(input.hint, `color:${MUTED};font-size:14px;`),
	].join("\n");
	const text = [
		input.intro,
		"",
		...input.details.map(({ label, value }) => `${label}: ${value}`),
		"",
		`${input.action.label}: ${input.action.href}`,
		"",
		input.hint,
		"",
	].join("\n");
	return {
		subject: input.subject,
		text,
		html: renderEmailLayout({ ...input, title: input.subject, bodyHtml, preheader: input.intro }),
	};
}
