import type { VitePWAOptions } from "vite-plugin-pwa";
import { SAVED_ANSWERS_CACHE } from "./src/shared/offline/cachePolicy.ts";

export const pwaOptions: Partial<VitePWAOptions> = {
	// The manifest is the tenant's own, served by the Worker (workers/routes/public/web-app-manifest.ts).
	manifest: false,
	// Registered from a bundled module: the CSP allows no inline script.
	injectRegister: false,
	registerType: "prompt",
	workbox: {
		globPatterns: ["**/*.{js,css,html,woff2}", "favicon.svg", "icons/*.svg"],
		navigateFallback: "index.html",
		navigateFallbackDenylist: [/^\/api\//, /^\/dev\//, /^\/assets\//, /\/manifest\.webmanifest$/],
		cleanupOutdatedCaches: true,
		// The first visit is controlled without a reload, so the jobs seen then are kept.
		clientsClaim: true,
		runtimeCaching: [
			{
				// What a customer needs to reopen the portal and see the jobs they last saw: the branding,
				// who is signed in, the jobs list and a job's detail; for a technician, who is signed in
				// and today's jobs (moves made offline wait in the app's outbox, technician/statusOutbox.ts).
				// Other answers — settings, people, anything written — never enter the cache; Workbox
				// routes only GETs unless told otherwise.
				// Serialised into the service worker, so the function may use only its arguments.
				urlPattern: ({ url, sameOrigin }) =>
					sameOrigin &&
					/^\/api\/(?:tenants\/[^/]+|c\/[^/]+\/(?:me|jobs|jobs\/[^/]+)|t\/[^/]+\/(?:me|jobs))$/.test(
						url.pathname,
					),
				handler: "NetworkFirst",
				options: {
					cacheName: SAVED_ANSWERS_CACHE,
					networkTimeoutSeconds: 8,
					cacheableResponse: { statuses: [200] },
					expiration: { maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 },
					plugins: [
						{
							// Serialised too: stamps the copy kept with SAVED_AT_HEADER, so the page can say
							// when it was seen.
							cacheWillUpdate: async ({ response }: { response: Response }) => {
								const headers = new Headers(response.headers);
								headers.set("X-Saved-At", new Date().toISOString());
								return new Response(await response.blob(), {
									status: response.status,
									statusText: response.statusText,
									headers,
								});
							},
						},
					],
				},
			},
		],
	},
};
