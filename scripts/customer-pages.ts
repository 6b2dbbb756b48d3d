// The customer's pages that `npm run lighthouse` and `scripts/blocking-time.ts` measure, made ready
// in the browser they measure with: Dana Reyes signed in, and job #1031 on its way with Sam's van
// on its map. The dev server must be started first and E2E_BASE_URL set to it (sign-in-steps.ts
// reads the outbox of that address when first imported).
import type { Browser, BrowserContext } from "playwright-core";

const SLUG = "acme-courier";
// Demo data: job #1031 is Dana Reyes's, assigned to Sam Ortiz; he sets off before the runs.
const CUSTOMER = "dana.reyes@hartwellpine.example";
const TECHNICIAN = "sam@acme-courier.example";
export const LIVE_JOB_NUMBER = 1031;
/** On Fifth Avenue, driving north to the pickup at No. 350. */
const VAN_AT = { latitude: 40.7359, longitude: -73.9911, accuracy: 12 };

/** A page's name and path, e.g. ["booking", "/c/acme-courier/book"]. */
export type NamedPage = [name: string, path: string];

/**
 * Signs Dana in within `customer` (its cookie then goes with every page the context loads), has
 * Sam start driving from a phone context of his own, makes a tracking link of his job, and visits
 * each page once, so the measured loads meet a warm Worker as a deployed one would. Returns the
 * portal home, the booking page, the job's live view and the tracking link.
 */
export async function prepareCustomerPages(
	browser: Browser,
	customer: BrowserContext,
	baseUrl: string,
): Promise<NamedPage[]> {
	const { signInByCode } = await import("../test/e2e/sign-in-steps.ts");
	// Sam's phone: he starts driving and shares one position, which the job's relay keeps, so the
	// customer's job page and the tracking link show the van on the map.
	const phone = await browser.newContext({
		baseURL: baseUrl,
		geolocation: VAN_AT,
		permissions: ["geolocation"],
	});
	const van = await phone.newPage();
	await van.goto(`/t/${SLUG}`);
	await signInByCode(van, TECHNICIAN);
	const card = van.getByRole("article").filter({ hasText: "Dana Reyes, Hartwell & Pine LLP" });
	await card.getByRole("button", { name: "Start driving" }).click();
	await card.getByRole("status").filter({ hasText: "Sharing location" }).waitFor();

	const page = await customer.newPage();
	await page.goto(`${baseUrl}/c/${SLUG}`);
	await signInByCode(page, CUSTOMER);
	await page.getByRole("heading", { name: "Active and upcoming" }).waitFor();
	const { jobId, trackPath } = await page.evaluate(
		async ({ slug, number }) => {
			const list = await fetch(`/api/c/${slug}/jobs?q=${number}`).then((r) => r.json());
			const job = (list.items as Array<{ id: string; number: number }>).find((j) => j.number === number);
			if (!job) throw new Error(`job #${number} is not in the customer's list`);
			const res = await fetch(`/api/c/${slug}/jobs/${job.id}/tracking-links`, {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body: "{}",
			});
			if (res.status !== 201) throw new Error(`creating a tracking link answered ${res.status}`);
			const link = (await res.json()) as { url: string };
			return { jobId: job.id, trackPath: new URL(link.url).pathname };
		},
		{ slug: SLUG, number: LIVE_JOB_NUMBER },
	);
	const pages: NamedPage[] = [
		["portal home", `/c/${SLUG}`],
		["booking", `/c/${SLUG}/book`],
		[`job #${LIVE_JOB_NUMBER} (live view)`, `/c/${SLUG}/jobs/${jobId}`],
		["tracking link", trackPath],
	];
	for (const [, path] of pages) {
		await page.goto(`${baseUrl}${path}`);
		await page.waitForLoadState("networkidle");
	}
	// The job page shows the van once the relay has Sam's position; then his phone goes.
	await page.goto(`${baseUrl}/c/${SLUG}/jobs/${jobId}`);
	await page.getByRole("img", { name: "Sam Ortiz" }).waitFor();
	await page.close();
	await phone.close();
	return pages;
}
