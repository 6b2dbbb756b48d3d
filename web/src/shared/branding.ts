import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import type { z } from "zod";
import type { BrandingSchema } from "../../../workers/contracts/tenant";
import { ApiError, apiFetch } from "./api";
import { errorText } from "./i18n/errors";
import { setTenantLocale } from "./i18n/i18n";

/** A tenant's public branding, as `GET /api/tenants/:slug` answers. */
export type Branding = z.infer<typeof BrandingSchema>;

export type BrandingState =
	| { status: "loading" }
	| { status: "ready"; branding: Branding }
	| { status: "not_found" }
	| { status: "error"; message: string };

/** Paints the tenant's colours through CSS custom properties. */
function applyBranding(b: Branding) {
	const root = document.documentElement.style;
	root.setProperty("--brand", b.colors.primary);
	root.setProperty("--brand-accent", b.colors.accent);
	root.setProperty("--brand-text", b.colors.text);
	document.querySelector('meta[name="theme-color"]')?.setAttribute("content", b.colors.primary);
	setTenantLocale(b.locale);
}

/** `GET` path of a tenant's public branding. */
const brandingPath = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;

/** The tenant's public branding, fetched from the API by slug unless the page has it (`known`). */
export function useBranding(slug: string, known?: Branding): BrandingState {
	const [state, setState] = useState<BrandingState>(
		known ? { status: "ready", branding: known } : { status: "loading" },
	);
	// Painted before the first frame, so the page never shows in the default colours first.
	useLayoutEffect(() => {
		if (known) applyBranding(known);
	}, [known]);
	useEffect(() => {
		if (known) {
			setState({ status: "ready", branding: known });
			return;
		}
		let live = true;
		setState({ status: "loading" });
		apiFetch<Branding>(brandingPath(slug))
			.then((branding) => {
				if (!live) return;
				applyBranding(branding);
				setState({ status: "ready", branding });
			})
			.catch((err: unknown) => {
				if (!live) return;
				if (err instanceof ApiError && err.status === 404) setState({ status: "not_found" });
				else setState({ status: "error", message: errorText(err) });
			});
		return () => {
			live = false;
		};
	}, [slug, known]);
	return state;
}
