/** Lowercase letters, digits and inner hyphens: what a slug in `/c/:slug` may be. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 40;

/**
 * Slugs no fleet may take: the app's own path segments (`/api`, `/dev`, `/start`, `/c`, `/d`,
 * `/t`, `/track`) and names a visitor would take for the platform's own.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
	"api",
	"dev",
	"start",
	"admin",
	"www",
	"app",
	"c",
	"d",
	"t",
	"track",
	"assets",
	"static",
	"help",
	"support",
	"status",
	"login",
	"signin",
	"signup",
	"fleet-portal",
]);

/** Why a slug cannot be had, in words for the form; undefined when its shape is fine. */
export function slugProblem(slug: string): string | undefined {
	if (slug.length < SLUG_MIN_LENGTH || slug.length > SLUG_MAX_LENGTH)
		return `Use ${SLUG_MIN_LENGTH} to ${SLUG_MAX_LENGTH} characters.`;
	if (!SLUG_PATTERN.test(slug))
		return "Use lowercase letters a–z, digits and hyphens, starting and ending with a letter or digit.";
	if (slug.includes("--")) return "Use one hyphen at a time.";
	if (RESERVED_SLUGS.has(slug)) return "This address is reserved. Choose another.";
	return undefined;
}

/** "Acme Courier & Sons, Inc." → "acme-courier-sons-inc": a slug suggested from the company's name. */
export function suggestSlug(company: string): string {
	const slug = company
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, SLUG_MAX_LENGTH)
		.replace(/-+$/, "");
	if (slug.length >= SLUG_MIN_LENGTH && !RESERVED_SLUGS.has(slug)) return slug;
	return slug ? `${slug}-fleet`.replace(/^-/, "") : "";
}
