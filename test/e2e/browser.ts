import { mkdirSync, writeFileSync } from "node:fs";
import { after, before } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import { findChromium } from "../../scripts/check-chromium.ts";

export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8787";

let browser: Browser | undefined;

before(async () => {
	browser = await chromium.launch({
		executablePath: findChromium(),
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-background-networking",
			"--disable-component-update",
			"--no-first-run",
			"--disable-sync",
		],
	});
});

after(async () => {
	await browser?.close();
});

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
	const context = await browser.newContext({ baseURL: baseUrl, viewport });
	const page = await context.newPage();
	const consoleLog: string[] = [];
	page.on("console", (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
	page.on("pageerror", (e) => consoleLog.push(`[pageerror] ${e.message}`));
	try {
		await steps(page);
	} catch (err) {
		const dir = "test/e2e/artifacts";
		mkdirSync(dir, { recursive: true });
		const file = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
		await page.screenshot({ path: `${dir}/${file}.png`, fullPage: true }).catch(() => undefined);
		writeFileSync(`${dir}/${file}.console.log`, consoleLog.join("\n"));
		throw err;
	} finally {
		await context.close();
	}
}
