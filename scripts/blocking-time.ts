// Main-thread blocking on the customer's pages as a phone would feel it, measured rather than
// simulated: Chromium's CPU slowed 4× and its network held to Lighthouse's phone preset (150 ms
// round trips, 1.6 Mbps down, 750 kbps up), no cache and no service worker, and each load's
// blocking time summed from the browser's own long-task entries after the first paint (the part
// of every task beyond 50 ms). Lighthouse's TBT is simulated from one unthrottled trace, so on a
// busy machine the same page scores 150 ms or 1,000 ms from run to run; this prints the median of
// LOADS loads (default 10) of each page. `npm run blocking-time`; BLOCKING_PAGES=job,tracking
// picks pages by name.
import { chromium } from "playwright-core";
import { startDevServer } from "../test/e2e/server.ts";
import { CHROMIUM_FLAGS, findChromium } from "./check-chromium.ts";
import { prepareCustomerPages } from "./customer-pages.ts";

const LOADS = Number(process.env.LOADS ?? 10);
const only = process.env.BLOCKING_PAGES?.split(",");

type Load = { fcp: number; blocking: number; longest: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const server = await startDevServer();
// customer-pages.ts signs in through the outbox of E2E_BASE_URL.
process.env.E2E_BASE_URL = server.baseUrl;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
try {
	const context = await browser.newContext({
		viewport: { width: 412, height: 823 },
		serviceWorkers: "block",
	});
	const pages = await prepareCustomerPages(browser, context, server.baseUrl);
	await context.addInitScript(() => {
		const seen: Array<[number, number]> = [];
		(window as unknown as { longTasks: typeof seen }).longTasks = seen;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) seen.push([entry.startTime, entry.duration]);
		}).observe({ type: "longtask", buffered: true });
	});
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
	await cdp.send("Network.enable");
	await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
	await cdp.send("Network.emulateNetworkConditions", {
		offline: false,
		latency: 150,
		downloadThroughput: (1.6 * 1024 * 1024) / 8,
		uploadThroughput: (750 * 1024) / 8,
	});
	console.log(
		`| page | blocking after first paint, median of ${LOADS} | range | longest task | first paint |`,
	);
	console.log("|---|---|---|---|---|");
	for (const [name, path] of pages) {
		if (only && !only.some((word) => name.includes(word))) continue;
		const loads: Load[] = [];
		for (let i = 0; i < LOADS; i++) {
			await page.goto(`${server.baseUrl}${path}`);
			await page.waitForLoadState("networkidle");
			// The map and the live stream settle after the network does.
			await page.waitForTimeout(2_500);
			loads.push(
				await page.evaluate(() => {
					const tasks = (window as unknown as { longTasks: Array<[number, number]> }).longTasks;
					const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
					const after = tasks.filter(([start]) => start >= fcp);
					return {
						fcp,
						blocking: after.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
						longest: Math.max(0, ...tasks.map(([, duration]) => duration)),
					};
				}),
			);
		}
		const blocking = loads.map((l) => l.blocking);
		console.log(
			`| ${name} | ${Math.round(median(blocking))} ms | ${Math.round(Math.min(...blocking))}–${Math.round(Math.max(...blocking))} ms | ${Math.round(median(loads.map((l) => l.longest)))} ms | ${Math.round(median(loads.map((l) => l.fcp)))} ms |`,
		);
	}
} finally {
	await browser.close();
	await server.stop();
}
