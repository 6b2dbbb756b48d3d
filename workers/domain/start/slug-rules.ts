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

/** Which rule a slug breaks, for the form to say in its language; undefined when none. */
export type SlugRule = "length" | "characters" | "hyphens" | "reserved";

export function brokenSlugRule(slug: string): SlugRule | undefined {
	if (slug.length < SLUG_MIN_LENGTH || slug.length > SLUG_MAX_LENGTH) return "length";
	if (!SLUG_PATTERN.test(slug)) return "characters";
	if (slug.includes("--")) return "hyphens";
	if (RESERVED_SLUGS.has(slug)) return "reserved";
	return undefined;
}

const RULE_MESSAGES: Record<SlugRule, string> = {
	length: `Use ${SLUG_MIN_LENGTH} to ${SLUG_MAX_LENGTH} characters.`,
	characters: "Use lowercase letters a–z, digits and hyphens, starting and ending with a letter or digit.",
	hyphens: "Use one hyphen at a time.",
	reserved: "This address is reserved. Choose another.",
};

/** Why a slug cannot be had, in words for the API's answer; undefined when its shape is fine. */
export function slugProblem(slug: string): string | undefined {
	const rule = brokenSlugRule(slug);
	return rule && RULE_MESSAGES[rule];
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
