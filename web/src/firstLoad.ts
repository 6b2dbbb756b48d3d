import { portalPageReads } from "./portal/customerApi";
import { startEarlyReads } from "./shared/api";
import { authApiPath } from "./shared/auth/session";
import { brandingPath } from "./shared/branding";
import { trackPath } from "./track/trackApi";

const decode = (segment: string) => {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
};

/** Asks for a lazy chunk now; a failure is left to the route that renders it. */
const fetchChunk = (load: () => Promise<unknown>) => void load().catch(() => undefined);

/**
 * Starts what the customer's pages need before the app has rendered a thing: the route's code and
 * its first reads (the tenant's branding, who is signed in, the page's data) all at once, instead
 * of each waiting for the code that asks for it. The routes load the same chunks and take the
 * same answers (`apiFetch`), so nothing is fetched twice.
 */
export function startFirstLoad(url: URL): void {
	const portal = url.pathname.match(/^\/c\/([^/]+)(\/.*)?$/);
	if (portal?.[1]) {
		const slug = decode(portal[1]);
		const rest = portal[2] ?? "";
		fetchChunk(() => import("./portal/PortalApp"));
		if (rest === "/book") fetchChunk(() => import("./portal/booking/BookingPage"));
		else if (rest === "/jobs") fetchChunk(() => import("./portal/jobs/JobsPage"));
		else if (rest.startsWith("/jobs/")) fetchChunk(() => import("./portal/jobs/JobDetailPage"));
		startEarlyReads([
			brandingPath(slug),
			authApiPath("c", slug, "me"),
			...portalPageReads(slug, rest, url.searchParams),
		]);
		return;
	}
	const track = url.pathname.match(/^\/track\/([^/]+)$/);
	if (track?.[1]) {
		fetchChunk(() => import("./track/TrackPage"));
		startEarlyReads([trackPath(decode(track[1]))]);
	}
}
