// Lighthouse on the customer's pages, as the phone preset measures them: the portal home and the
// booking page signed in, a job on its way with the live view, and the anonymous tracking page.
// Starts the same fresh dev server as the browser journeys (`npm run build` first), signs in as
// Dana Reyes through the dev outbox in the Chromium Lighthouse then drives, and fails when a page
// misses a goal. Each page is run LIGHTHOUSE_RUNS times (default 3) and the median run counts.
// `npm run lighthouse`; reports (HTML, JSON and the trace) are written to
// test/e2e/artifacts/lighthouse/.
import { mkdirSync, writeFileSync } from "node:fs";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun, filterToValidRuns } from "lighthouse/core/lib/median-run.js";
import { chromium } from "playwright-core";
import { startDevServer } from "../test/e2e/server.ts";
import { CHROMIUM_FLAGS, findChromium } from "./check-chromium.ts";
import { prepareCustomerPages } from "./customer-pages.ts";

/** The issue's goals: scores out of 100, LCP in ms, CLS unitless. */
export const GOALS = { performance: 95, accessibility: 95, bestPractices: 95, lcpMs: 1200, cls: 0.1 };

const REPORTS = "test/e2e/artifacts/lighthouse";
/** Runs per page; the median run is reported. */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

type RunnerResult = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;
type Flags = NonNullable<Parameters<typeof lighthouse>[1]>;

type Row = {
	page: string;
	/** The median run's score; `runs` holds every run's. */
	performance: number;
	runs: number[];
	accessibility: number;
	bestPractices: number;
	lcpMs: number;
	cls: number;
	tbtMs: number;
	/** Audits that cost the page points, for the reader of a failed run. */
	losses: string[];
	/** API paths fetched more than once while the page loaded: a first read that went unused. */
	readTwice: string[];
	/** Lighthouse's measure of this machine's speed at the time; a busy machine scores low. */
	benchmarkIndex: number[];
};

const score = (lhr: RunnerResult["lhr"], id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const numeric = (lhr: RunnerResult["lhr"], id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

/** The weighted audits of the three categories that did not pass, named with what they found. */
function losses(lhr: RunnerResult["lhr"]): string[] {
	const found: string[] = [];
	for (const id of ["performance", "accessibility", "best-practices"]) {
		for (const ref of lhr.categories[id]?.auditRefs ?? []) {
			const audit = lhr.audits[ref.id];
			if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
			found.push(`${id}: ${ref.id} (${audit.displayValue ?? `score ${audit.score}`})`);
		}
	}
	return found;
}

/** The API paths the page asked for twice (src/firstReads.ts out of step with the pages). */
function readTwice(lhr: RunnerResult["lhr"]): string[] {
	const details = lhr.audits["network-requests"]?.details;
	const items = details && "items" in details ? (details.items as Array<{ url?: unknown }>) : [];
	const seen = new Map<string, number>();
	for (const { url } of items) {
		if (typeof url !== "string") continue;
		const { pathname, search } = new URL(url);
		if (pathname.startsWith("/api/")) seen.set(pathname + search, (seen.get(pathname + search) ?? 0) + 1);
	}
	return [...seen].filter(([, n]) => n > 1).map(([path]) => path);
}

function missed(row: Row): string[] {
	const out: string[] = [];
	if (row.readTwice.length > 0) out.push(`read twice: ${row.readTwice.join(", ")}`);
	if (row.performance < GOALS.performance) out.push(`Performance ${row.performance} < ${GOALS.performance}`);
	if (row.accessibility < GOALS.accessibility)
		out.push(`Accessibility ${row.accessibility} < ${GOALS.accessibility}`);
	if (row.bestPractices < GOALS.bestPractices)
		out.push(`Best Practices ${row.bestPractices} < ${GOALS.bestPractices}`);
	if (!(row.lcpMs <= GOALS.lcpMs)) out.push(`LCP ${(row.lcpMs / 1000).toFixed(2)} s > 1.2 s`);
	if (!(row.cls <= GOALS.cls)) out.push(`CLS ${row.cls.toFixed(3)} > ${GOALS.cls}`);
	return out;
}

function table(rows: Row[]): string {
	const head = ["page", "Perf", "Perf, each run", "A11y", "BP", "LCP", "CLS", "TBT"];
	const body = rows.map((r) => [
		r.page,
		String(r.performance),
		r.runs.join(" / "),
		String(r.accessibility),
		String(r.bestPractices),
		`${(r.lcpMs / 1000).toFixed(2)} s`,
		r.cls.toFixed(3),
		`${Math.round(r.tbtMs)} ms`,
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
	return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

const started = Date.now();
const chromePath = findChromium();
if (!chromePath) throw new Error("no Chromium found (run node scripts/check-chromium.ts)");
const server = await startDevServer();
// customer-pages.ts signs in through the outbox of E2E_BASE_URL.
process.env.E2E_BASE_URL = server.baseUrl;
const chrome = await launch({ chromePath, chromeFlags: CHROMIUM_FLAGS, logLevel: "silent" });
const rows: Row[] = [];
try {
	// Sign in in the browser Lighthouse drives, so its pages carry the session cookie as a
	// customer's would; Lighthouse keeps cookies between runs (it clears caches, not cookies).
	const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
	const context = browser.contexts()[0];
	if (!context) throw new Error("the browser has no default context");
	const pages = await prepareCustomerPages(browser, context, server.baseUrl);

	mkdirSync(REPORTS, { recursive: true });
	const flags: Flags = {
		port: chrome.port,
		output: ["html", "json"],
		logLevel: "error",
		onlyCategories: ["performance", "accessibility", "best-practices"],
		// The map's tiles come from a tile server on the internet, which this machine cannot
		// reach; blocked requests are not counted as the page's console errors.
		blockedUrlPatterns: ["*.openstreetmap.org"],
	};
	for (const [name, path] of pages) {
		// Lighthouse's own advice for a noisy machine: several runs, and the one nearest the
		// median first paint and time to interactive stands for the page (computeMedianRun).
		const results: RunnerResult[] = [];
		for (let run = 0; run < RUNS; run++) {
			const result = await lighthouse(`${server.baseUrl}${path}`, flags);
			if (!result) throw new Error(`Lighthouse returned nothing for ${name}`);
			if (result.lhr.runtimeError)
				throw new Error(`Lighthouse failed on ${name}: ${result.lhr.runtimeError.message}`);
			results.push(result);
		}
		const median = computeMedianRun(filterToValidRuns(results.map((r) => r.lhr)));
		const result = results.find((r) => r.lhr === median) ?? results[0];
		if (!result) throw new Error(`no valid Lighthouse run of ${name}`);
		const { lhr } = result;
		const file = name.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "");
		const [html, json] = Array.isArray(result.report) ? result.report : [result.report, ""];
		writeFileSync(`${REPORTS}/${file}.html`, html ?? "");
		writeFileSync(`${REPORTS}/${file}.json`, json ?? "");
		// The trace the scores come from, for Chrome DevTools' Performance panel (load it there)
		// when the blocking time needs explaining: which script ran in which long task.
		writeFileSync(`${REPORTS}/${file}.trace.json`, JSON.stringify(result.artifacts.Trace));
		rows.push({
			page: name,
			performance: score(lhr, "performance"),
			runs: results.map((r) => score(r.lhr, "performance")),
			accessibility: score(lhr, "accessibility"),
			bestPractices: score(lhr, "best-practices"),
			lcpMs: numeric(lhr, "largest-contentful-paint"),
			cls: numeric(lhr, "cumulative-layout-shift"),
			tbtMs: numeric(lhr, "total-blocking-time"),
			losses: losses(lhr),
			// Any run that fetched an API path twice shows a first read gone unused.
			readTwice: [...new Set(results.flatMap((r) => readTwice(r.lhr)))],
			benchmarkIndex: results.map((r) => r.lhr.environment.benchmarkIndex),
		});
	}
	await browser.close();
} finally {
	chrome.kill();
	await server.stop();
}

console.log(table(rows));
const speeds = rows.flatMap((r) => r.benchmarkIndex.map(Math.round));
console.log(
	`goals: Performance, Accessibility, Best Practices >= 95; LCP <= 1.2 s; CLS <= 0.1 (Lighthouse mobile preset, ${Math.round((Date.now() - started) / 1000)} s)`,
);
// The simulated throttling slows this machine's CPU by 4; when other work keeps it busy, the
// blocking time and paint times grow with it.
console.log(
	`machine benchmark index ${Math.min(...speeds)}–${Math.max(...speeds)} (idle, this 2-core machine: about 1,000)`,
);
let failed = false;
for (const row of rows) {
	const misses = missed(row);
	if (misses.length === 0) continue;
	failed = true;
	console.error(`\n${row.page}: ${misses.join("; ")}`);
	for (const loss of row.losses) console.error(`  - ${loss}`);
}
if (failed) {
	console.error(`\nreports: ${REPORTS}/`);
	process.exit(1);
}
