/**
 * What each of the customer's pages needs first: the modules of its route and the GETs its
 * code makes on arrival (`:name` stands for the page URL's segment of that name). Read twice:
 * by the build, which has each page's own response preload all of it (`Link` headers in
 * `_headers`), and by the app's entry, which starts the same when the page came without them
 * (from the service worker). The paths must be the ones the pages fetch, byte for byte, or the
 * early answer goes unused; `npm run lighthouse` fails when an API path is fetched twice.
 * Imports nothing: the Vite config reads it too.
 */
export type FirstReadPage = {
	/** The page's path pattern, as in `_headers`. */
	page: string;
	/** Route modules loaded apart from the entry, by their path under web/. */
	modules: string[];
	/** API paths read when the page opens. */
	reads: string[];
};

const SHELL_READS = ["/api/tenants/:slug", "/api/c/:slug/me"];

export const FIRST_READS: FirstReadPage[] = [
	{
		page: "/c/:slug",
		modules: [],
		// HOME_JOB_FILTERS in portal/customerApi.ts
		reads: [
			...SHELL_READS,
			"/api/c/:slug/jobs?status=active&limit=5",
			"/api/c/:slug/jobs?status=upcoming&limit=5",
		],
	},
	{
		page: "/c/:slug/book",
		modules: ["src/portal/booking/BookingPage.tsx"],
		reads: [...SHELL_READS, "/api/c/:slug/addresses"],
	},
	{ page: "/c/:slug/jobs", modules: ["src/portal/jobs/JobsPage.tsx"], reads: SHELL_READS },
	{
		page: "/c/:slug/jobs/:id",
		modules: ["src/portal/jobs/JobDetailPage.tsx"],
		reads: [...SHELL_READS, "/api/c/:slug/jobs/:id"],
	},
	{ page: "/track/:token", modules: ["src/track/TrackPage.tsx"], reads: ["/api/track/:token"] },
];

/** The page `pathname` is, with its segments by name (decoded), or null for any other page. */
export function matchFirstReads(
	pathname: string,
): { page: FirstReadPage; params: Record<string, string> } | null {
	const segments = pathname.split("/");
	for (const page of FIRST_READS) {
		const pattern = page.page.split("/");
		if (pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = pattern.every((part, i) => {
			const segment = segments[i] ?? "";
			if (!part.startsWith(":")) return part === segment;
			if (segment === "") return false;
			try {
				params[part.slice(1)] = decodeURIComponent(segment);
			} catch {
				return false;
			}
			return true;
		});
		if (matches) return { page, params };
	}
	return null;
}

/** A read's path with the page's segments put in (encoded, as the pages encode them). */
export function fillPath(path: string, params: Record<string, string>): string {
	return path.replace(/:([a-z]+)/g, (whole, name: string) =>
		name in params ? encodeURIComponent(params[name] ?? "") : whole,
	);
}
