import type { Tenant } from "./tenant";

/** The two apps a person installs to a home screen: the customer portal and the technician app. */
export type InstallableApp = "c" | "t";

/** Shown when the tenant has no logo; a vector, so one file serves every size (web/public/icons). */
export const DEFAULT_APP_ICON = "/icons/app-icon.svg";

type ManifestIcon = { src: string; sizes: string; type?: string; purpose: "any" };

const IMAGE_TYPE_OF_EXTENSION: Record<string, string> = {
	svg: "image/svg+xml",
	png: "image/png",
	webp: "image/webp",
	jpg: "image/jpeg",
	jpeg: "image/jpeg",
};

/** Launchers show about 12 characters under an icon; a longer name is shortened to its first word. */
const SHORT_NAME_LENGTH = 12;

function shortName(name: string): string {
	if (name.length <= SHORT_NAME_LENGTH) return name;
	const firstWord = name.split(/\s+/)[0] ?? name;
	return firstWord.slice(0, SHORT_NAME_LENGTH);
}

function iconFor(logoUrl: string | null): ManifestIcon {
	if (!logoUrl) return { src: DEFAULT_APP_ICON, sizes: "any", type: "image/svg+xml", purpose: "any" };
	const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(logoUrl)?.[1]?.toLowerCase() ?? "";
	const type = IMAGE_TYPE_OF_EXTENSION[extension];
	// An uploaded raster logo has no size on record; "any" lets the launcher scale what it gets.
	return type
		? { src: logoUrl, sizes: "any", type, purpose: "any" }
		: { src: logoUrl, sizes: "any", purpose: "any" };
}

/** The web app manifest of one tenant's portal or technician app: its name, colours and icon. */
export function webAppManifest(tenant: Tenant, app: InstallableApp) {
	const home = `/${app}/${encodeURIComponent(tenant.slug)}/`;
	const name = app === "c" ? tenant.name : `${tenant.name} Technician`;
	return {
		id: home,
		name,
		// A launcher has room under the icon for little more than the tenant's name.
		short_name: shortName(tenant.name),
		start_url: home,
		scope: home,
		display: "standalone",
		lang: tenant.settings.defaultLocale,
		theme_color: tenant.colorPrimary,
		background_color: tenant.colorPrimary,
		icons: [iconFor(tenant.logoUrl)],
	};
}
