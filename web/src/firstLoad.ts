import { fillPath, matchFirstReads } from "./firstReads";
import { startEarlyReads } from "./shared/api";

/** The route modules of firstReads.ts, loadable by name (a bundler needs each import spelled out). */
const ROUTE_MODULES: Record<string, () => Promise<unknown>> = {
	"src/portal/booking/BookingPage.tsx": () => import("./portal/booking/BookingPage"),
	"src/portal/jobs/JobsPage.tsx": () => import("./portal/jobs/JobsPage"),
	"src/portal/jobs/JobDetailPage.tsx": () => import("./portal/jobs/JobDetailPage"),
	"src/track/TrackPage.tsx": () => import("./track/TrackPage"),
};

/**
 * Starts what a customer's page needs before the app has rendered a thing: its route's code and
 * its first reads (the tenant's branding, who is signed in, the page's data) all at once, instead
 * of each waiting for the code that asks for it. The page's own response usually preloaded them
 * already (`Link` headers); a page from the service worker comes without, and this starts them.
 * The routes load the same chunks and `apiFetch` takes the same answers: nothing is fetched twice.
 */
export function startFirstLoad(pathname: string): void {
	const match = matchFirstReads(pathname);
	if (!match) return;
	for (const module of match.page.modules) {
		// A failure is left to the route that renders it.
		void ROUTE_MODULES[module]?.().catch(() => undefined);
	}
	startEarlyReads(match.page.reads.map((read) => fillPath(read, match.params)));
}
