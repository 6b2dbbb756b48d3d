import { randomInt } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { after, before } from "node:test";
import {
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	chromium,
	type Page,
} from "playwright-core";
import { CHROMIUM_FLAGS, findChromium } from "../../scripts/check-chromium.ts";
import { baseUrl } from "./base-url.ts";

export { baseUrl };

let browser: Browser | undefined;

before(async () => {
	browser = await chromium.launch({
		executablePath: findChromium(),
		args: CHROMIUM_FLAGS,
	});
});

after(async () => {
	await browser?.close();
});

/**
 * A browser of one person, on a network of their own: its requests carry a client address
 * (`CF-Connecting-IP`, which the local dev server passes on as Cloudflare's edge would set it)
 * from the benchmarking range 198.18.0.0/15, drawn at random, so the per-IP sign-in limit
 * counts each person apart and no journey spends another's budget.
 */
export async function personContext(
	on: Browser,
	options: BrowserContextOptions = {},
): Promise<BrowserContext> {
	const ip = `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
	const context = await on.newContext({
		baseURL: baseUrl,
		...options,
		extraHTTPHeaders: { ...options.extraHTTPHeaders, "CF-Connecting-IP": ip },
	});
	keepForFailure(context);
	return context;
}

/** What the other people of the running journey last showed, kept until it passes or fails. */
type Kept = { png: Buffer | null; log: string[] };
let keeping: Kept[] | null = null;

/**
 * A journey's other people (their own browser contexts) close before the journey learns it
 * failed: each page's last screen and console are taken as its context closes, and saved beside
 * the journey's own only if it fails.
 */
function keepForFailure(context: BrowserContext) {
	const logs = new Map<Page, string[]>();
	context.on("page", (page) => {
		const log: string[] = [];
		logs.set(page, log);
		page.on("console", (m) => log.push(`[${m.type()}] ${m.text()}`));
		page.on("pageerror", (e) => log.push(`[pageerror] ${e.message}`));
	});
	const close = context.close.bind(context);
	context.close = async (options) => {
		const into = keeping;
		if (into) {
			for (const page of context.pages()) {
				const png = await page.screenshot({ fullPage: true, timeout: 5000 }).catch(() => null);
				into.push({ png, log: logs.get(page) ?? [] });
			}
		}
		return close(options);
	};
}

/**
 * Runs one journey in a fresh browser context (its own cookies). When it fails, a
 * screenshot and the page's console log are saved under test/e2e/artifacts/.
 */
export async function journey(
	name: string,
	steps: (page: Page) => Promise<void>,
	options: { viewport?: { width: number; height: number } } = {},
): Promise<void> {
	if (!browser) throw new Error("browser not started");
	const viewport = options.viewport ?? { width: 390, height: 844 };
	const context = await personContext(browser, { viewport });
	const page = await context.newPage();
	const consoleLog: string[] = [];
	page.on("console", (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
	page.on("pageerror", (e) => consoleLog.push(`[pageerror] ${e.message}`));
	const others: Kept[] = [];
	keeping = others;
	try {
		await steps(page);
	} catch (err) {
		const dir = "test/e2e/artifacts";
		mkdirSync(dir, { recursive: true });
		const file = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
		await page.screenshot({ path: `${dir}/${file}.png`, fullPage: true }).catch(() => undefined);
		writeFileSync(`${dir}/${file}.console.log`, consoleLog.join("\n"));
		others.forEach((other, i) => {
			if (other.png) writeFileSync(`${dir}/${file}-other-${i + 1}.png`, other.png);
			writeFileSync(`${dir}/${file}-other-${i + 1}.console.log`, other.log.join("\n"));
		});
		throw err;
	} finally {
		keeping = null;
		await context.close();
	}
}
