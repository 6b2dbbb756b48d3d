// Screenshot regression tests: the main pages of each app at a phone's and a desktop's size,
// compared with the baselines in test/e2e/screenshots/ (screenshot-diff.ts says how closely).
// `npm run screenshots:update` writes the baselines anew; README (Quality) says how they are reviewed.
//
// The pages must come out the same on every run, so this file starts a server of its own whose
// demo data is laid out around SEEDED_AT rather than now, and every page's clock stands still at
// that instant. What the server itself stamps with the real time (sign-ins, the note below,
// arrival times counted from a phone's fix) is replaced by that instant's date and time in the
// same format, so it takes the same room, and masked. Map tiles are never fetched (no host name
// resolves in this browser): the maps draw their markers on the plain background.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { CHROMIUM_FLAGS, findChromium } from "../../scripts/check-chromium.ts";
import { comparePng, TOLERANCE } from "./screenshot-diff.ts";
import { startDevServer } from "./server.ts";

/** "Now" in every picture: Wednesday, 10:30 AM in New York, where Acme Courier is. */
const SEEDED_AT = "2026-11-18T15:30:00.000Z";
const TIME_ZONE = "America/New_York";
const SIZES = [
	{ width: 390, height: 844 },
	{ width: 1440, height: 900 },
] as const;
type Size = (typeof SIZES)[number];

const BASELINES = "test/e2e/screenshots";
const ACTUAL = `${BASELINES}/.actual`;
const UPDATE = process.env.UPDATE_SCREENSHOTS === "1";

// The people of the demo data in the pictures. Each browser has its own fixed client address:
// the audit log shows it.
const PRIYA = { email: "priya.natarajan@riversideclinic.example", ip: "198.18.0.11" };
const MORGAN = { email: "morgan@acme-courier.example", ip: "198.18.0.12" };
const SAM = { email: "sam@acme-courier.example", ip: "198.18.0.13" };
const JORDAN = { email: "jordan@acme-courier.example", ip: "198.18.0.14" };
const STRANGER = { ip: "198.18.0.15" };
// Job #1029 is on its way to Riverside Family Clinic with Jordan Blake, whose phone is on Broadway
// at 72nd Street; #1031 is Sam Ortiz's next pickup; Priya adds a note to #1026.
const EN_ROUTE_JOB = "job_acme_29";
const ASSIGNED_JOB = "job_acme_31";
const NOTED_JOB = "job_acme_26";
const JORDAN_AT = { latitude: 40.7781, longitude: -73.9817, accuracy: 12 };

/** Whose browser tab a picture is taken in. */
type Viewer = "stranger" | "customer" | "dispatcher" | "technician";

/** The world the pictures show, made once, in the same order every run (the audit log lists it). */
type World = {
	/** One tab each, signed in (the stranger never signs in), reused from picture to picture. */
	tabs: Record<Viewer, Page>;
	trackingPath: string;
	/** When the world was made: the real time the server stamped on what it recorded. */
	madeFrom: number;
	close: () => Promise<void>;
};

let world: World | undefined;
const shotsTaken = new Set<string>();

function must<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is not ready`);
	return value;
}

/** A browser context of one person, with the clock stopped at SEEDED_AT unless it is a phone driving. */
async function personContext(
	browser: Browser,
	baseURL: string,
	ip: string,
	options: { clockRuns?: boolean } = {},
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL,
		viewport: SIZES[0],
		deviceScaleFactor: 1,
		locale: "en-US",
		timezoneId: TIME_ZONE,
		colorScheme: "light",
		reducedMotion: "reduce",
		// An installed service worker would answer from its cache and offer updates: not what is shown.
		serviceWorkers: "block",
		extraHTTPHeaders: { "CF-Connecting-IP": ip },
	});
	if (!options.clockRuns) await context.clock.setFixedTime(SEEDED_AT);
	return context;
}

/** Signs in by the emailed code on the page already showing the sign-in form. */
async function signIn(page: Page, email: string): Promise<void> {
	const { signInByCode } = await import("./sign-in-steps.ts");
	await signInByCode(page, email);
	await page.getByText("Signed in as").first().waitFor();
}

async function signedIn(context: BrowserContext, path: string, email: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(path);
	await signIn(page, email);
	return page;
}

async function makeWorld(): Promise<World> {
	const madeFrom = Date.now();
	const server = await startDevServer({}, { seededAt: SEEDED_AT });
	// sign-in-steps.ts reads the outbox of E2E_BASE_URL; it is imported only after this.
	process.env.E2E_BASE_URL = server.baseUrl;
	const browser = await chromium.launch({
		executablePath: findChromium(),
		// No host name resolves, so nothing outside the app loads: map tiles fail at once, the
		// same way on every machine. The app itself is at 127.0.0.1.
		args: [...CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
	});
	const contexts: BrowserContext[] = [];
	const close = async () => {
		for (const context of contexts) await context.close().catch(() => undefined);
		await browser.close().catch(() => undefined);
		await server.stop();
	};
	try {
		const open = async (ip: string, options?: { clockRuns?: boolean }) => {
			const context = await personContext(browser, server.baseUrl, ip, options);
			contexts.push(context);
			return context;
		};
		// Jordan's phone shares its position while his job is en route, and stays open to the end.
		const phone = await open(JORDAN.ip, { clockRuns: true });
		await phone.grantPermissions(["geolocation"], { origin: server.baseUrl });
		await phone.setGeolocation(JORDAN_AT);
		const jordan = await signedIn(phone, "/t/acme-courier", JORDAN.email);
		await jordan.getByRole("status").filter({ hasText: "Sharing location" }).waitFor();

		const portal = await open(PRIYA.ip);
		const customer = await signedIn(portal, "/c/acme-courier", PRIYA.email);
		const note = await portal.request.post(`/api/c/acme-courier/jobs/${NOTED_JOB}/notes`, {
			headers: { Origin: server.baseUrl },
			data: { text: "Please use the side entrance on 72nd Street; the lobby is being painted." },
		});
		assert.equal(note.status(), 201, await note.text());

		const technician = await signedIn(await open(SAM.ip), "/t/acme-courier", SAM.email);

		const desk = await open(MORGAN.ip);
		const dispatcher = await signedIn(desk, "/d/acme-courier", MORGAN.email);
		const link = await desk.request.post(`/api/d/acme-courier/jobs/${EN_ROUTE_JOB}/tracking-links`, {
			headers: { Origin: server.baseUrl },
		});
		assert.equal(link.status(), 201, await link.text());
		const { url } = (await link.json()) as { url: string };
		const stranger = await (await open(STRANGER.ip)).newPage();
		return {
			tabs: { stranger, customer, dispatcher, technician },
			trackingPath: new URL(url).pathname,
			madeFrom,
			close,
		};
	} catch (err) {
		await close();
		throw err;
	}
}

/**
 * Stands the page still: fonts loaded, nothing busy (skeletons and loading lists say
 * aria-busy), every image done (map tiles fail), and two frames drawn after that.
 */
async function settle(page: Page): Promise<void> {
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
	await page.waitForFunction(
		() => !document.querySelector("[aria-busy='true']") && [...document.images].every((i) => i.complete),
	);
	await page.mouse.move(0, 0);
	await page.evaluate(
		() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
	);
}

type PinArgs = { pattern: string; seededAt: string; timeZone: string };

/**
 * Inside the page: wraps each match of `pattern` in the text under `roots` in a
 * `data-screenshot-pinned` span showing SEEDED_AT in the same format instead — a day
 * ("Wed, Dec 2"), a day and time ("Wed, Dec 2, 9:12 PM") or a time ("9:12 PM").
 */
function pinText(roots: Element[], { pattern, seededAt, timeZone }: PinArgs): number {
	const at = Date.parse(seededAt);
	const format = (options: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat("en-US", { timeZone, ...options }).format(at);
	const day = format({ weekday: "short", month: "short", day: "numeric" });
	const time = format({ hour: "numeric", minute: "2-digit" });
	const replace = (groups: Record<string, string | undefined>) =>
		groups.day ? `${day}${groups.time ? `, ${time}` : ""}` : time;
	let pinned = 0;
	for (const root of roots) {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		const texts: Text[] = [];
		while (walker.nextNode()) texts.push(walker.currentNode as Text);
		for (const text of texts) {
			if (text.parentElement?.closest("[data-screenshot-pinned]")) continue;
			const matches = [...text.data.matchAll(new RegExp(pattern, "g"))];
			if (matches.length === 0) continue;
			const parts: Node[] = [];
			let from = 0;
			for (const match of matches) {
				const index = match.index ?? 0;
				parts.push(document.createTextNode(text.data.slice(from, index)));
				const span = document.createElement("span");
				span.dataset.screenshotPinned = match[0];
				span.textContent = replace(match.groups ?? {});
				parts.push(span);
				from = index + match[0].length;
				pinned++;
			}
			parts.push(document.createTextNode(text.data.slice(from)));
			text.replaceWith(...parts);
		}
	}
	return pinned;
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CLOCK = String.raw`\d{1,2}:\d{2}\s[AP]M`;

/** The days (in the tenant's zone, "Wed, Dec 2") the real clock went through since `from`. */
function realDays(from: number): string[] {
	const format = new Intl.DateTimeFormat("en-US", {
		timeZone: TIME_ZONE,
		weekday: "short",
		month: "short",
		day: "numeric",
	});
	const days = new Set<string>();
	const until = Date.now() + 60_000;
	for (let at = from - 60_000; at < until; at += 3_600_000) days.add(format.format(at));
	days.add(format.format(until));
	return [...days];
}

/**
 * Pins what the server stamped with the real time: anywhere, a date of one of the days the
 * world was made in; inside `clocks`, any time of day (an arrival time counted from a fix).
 */
async function pinRealTime(page: Page, clocks: Locator[], madeFrom: number): Promise<void> {
	const days = realDays(madeFrom).map(literally).join("|");
	const base = { seededAt: SEEDED_AT, timeZone: TIME_ZONE };
	await page
		.locator("body")
		.evaluateAll(pinText, { ...base, pattern: `(?<day>${days})(?<time>,\\s${CLOCK})?` });
	for (const clock of clocks) {
		await clock.evaluateAll(pinText, { ...base, pattern: `(?<clock>${CLOCK})` });
	}
}

type Shot = {
	/** File name: `<name>-<width>x<height>.png`. */
	name: string;
	viewer: Viewer;
	path: (w: World) => string;
	/** Resolves once the page shows what it is for (the rest of settling is generic). */
	ready: (page: Page) => Promise<void>;
	/** Elements whose times of day come from the real clock. */
	clocks?: (page: Page) => Locator[];
};

const heading = (page: Page, name: string | RegExp, level = 1) =>
	page.getByRole("heading", { level, name }).waitFor();
/** A map's marker, drawn by Leaflet, by its label. */
const marker = (page: Page, label: string | RegExp) =>
	page.getByRole("img", { name: label }).first().waitFor();
const eta = (page: Page) => [page.getByText(/arriving around/)];
/** A console page by its heading, once its live connection is open (the header says so). */
async function consolePage(page: Page, name: string): Promise<void> {
	await heading(page, name);
	await page.getByRole("status").filter({ hasText: "Board connection: Live" }).waitFor({ state: "attached" });
}

const SHOTS: Shot[] = [
	{
		name: "portal-sign-in",
		viewer: "stranger",
		path: () => "/c/acme-courier",
		ready: (page) => heading(page, "Sign in to Acme Courier", 2),
	},
	{
		name: "portal-home",
		viewer: "customer",
		path: () => "/c/acme-courier",
		ready: async (page) => {
			await page.getByRole("heading", { name: "Job #1029" }).waitFor();
		},
	},
	{
		name: "portal-booking",
		viewer: "customer",
		path: () => "/c/acme-courier/book",
		ready: (page) => heading(page, "Book a pickup"),
	},
	{
		name: "portal-history",
		viewer: "customer",
		path: () => "/c/acme-courier/jobs",
		ready: (page) => page.getByText(/^Showing \d+ jobs/).waitFor(),
	},
	{
		name: "portal-job",
		viewer: "customer",
		path: () => `/c/acme-courier/jobs/${EN_ROUTE_JOB}`,
		ready: async (page) => {
			await heading(page, "Job #1029");
			await page.getByText(/arriving around/).waitFor();
			await marker(page, "Jordan Blake");
		},
		clocks: eta,
	},
	{
		name: "portal-invoices",
		viewer: "customer",
		path: () => "/c/acme-courier/invoices",
		ready: (page) => page.getByText(/^Showing \d+ invoices?/).waitFor(),
	},
	{
		name: "console-board",
		viewer: "dispatcher",
		path: () => "/d/acme-courier",
		ready: async (page) => {
			await consolePage(page, "Acme Courier dispatch board");
			await marker(page, "Jordan Blake — job #1029");
		},
	},
	{
		name: "console-job",
		viewer: "dispatcher",
		path: () => `/d/acme-courier/jobs/${ASSIGNED_JOB}`,
		ready: async (page) => {
			await consolePage(page, "Job #1031");
			await page.getByText("No tracking links yet.").waitFor();
		},
	},
	{
		name: "console-invoices",
		viewer: "dispatcher",
		path: () => "/d/acme-courier/invoices",
		ready: async (page) => {
			await consolePage(page, "Invoices");
			await page.getByText(/^Showing \d+ invoices?/).waitFor();
		},
	},
	{
		name: "console-customers",
		viewer: "dispatcher",
		path: () => "/d/acme-courier/customers",
		ready: async (page) => {
			await consolePage(page, "Customers");
			await page.getByRole("link", { name: "Riverside Family Clinic" }).waitFor();
		},
	},
	{
		name: "console-inbox",
		viewer: "dispatcher",
		path: () => "/d/acme-courier/inbox",
		ready: async (page) => {
			await consolePage(page, "Inbox");
			await page.getByRole("link", { name: /added a note to job #1026/ }).waitFor();
		},
	},
	{
		name: "console-technicians",
		viewer: "dispatcher",
		path: () => "/d/acme-courier/technicians",
		ready: async (page) => {
			await consolePage(page, "Technicians");
			await page.getByText("Sam Ortiz").first().waitFor();
		},
	},
	{
		name: "console-audit",
		viewer: "dispatcher",
		path: () => "/d/acme-courier/audit",
		ready: async (page) => {
			await consolePage(page, "Audit log");
			await page.getByText(/^\d+ entries/).waitFor();
		},
	},
	{
		name: "console-settings",
		viewer: "dispatcher",
		path: () => "/d/acme-courier/settings",
		ready: async (page) => {
			await consolePage(page, "Settings");
			await page.getByRole("cell", { name: "Riley Chen", exact: true }).waitFor();
		},
	},
	{
		name: "technician-today",
		viewer: "technician",
		path: () => "/t/acme-courier",
		ready: async (page) => {
			await heading(page, "Acme Courier — today's jobs");
			await page.getByRole("heading", { name: "Job #1031" }).waitFor();
		},
	},
	{
		name: "tracking-page",
		viewer: "stranger",
		path: (w) => w.trackingPath,
		ready: async (page) => {
			await heading(page, "Live tracking");
			await page.getByText(/arriving around/).waitFor();
			await marker(page, "Jordan Blake");
		},
		clocks: eta,
	},
];

/** The page of `shot` at `size`, loaded at that size and stood still, its real times pinned. */
async function openShot(w: World, shot: Shot, size: Size): Promise<Page> {
	const page = w.tabs[shot.viewer];
	// A booking in progress is kept per tab (sessionStorage): each picture starts without one.
	await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
	await page.setViewportSize(size);
	await page.goto(shot.path(w));
	await shot.ready(page);
	await settle(page);
	await pinRealTime(page, shot.clocks?.(page) ?? [], w.madeFrom);
	return page;
}

function capture(page: Page): Promise<Buffer> {
	return page.screenshot({
		fullPage: true,
		animations: "disabled",
		caret: "hide",
		mask: [page.locator("[data-screenshot-pinned]")],
	});
}

/** Compares with the baseline (or writes it, when updating): what differs, in words, and whether that fails. */
function check(file: string, png: Buffer): { failed: boolean; said: string } {
	const baseline = `${BASELINES}/${file}`;
	if (UPDATE) {
		writeFileSync(baseline, png);
		return { failed: false, said: `${file}: baseline written` };
	}
	const actual = `${ACTUAL}/${file}`;
	if (!existsSync(baseline)) {
		writeFileSync(actual, png);
		return {
			failed: true,
			said: `${file}: no baseline; the page is in ${actual}. Review it, then run npm run screenshots:update.`,
		};
	}
	const result = comparePng(readFileSync(baseline), png);
	const share = ((100 * result.differentPixels) / result.totalPixels).toFixed(3);
	const size = result.sizeChange ? `size ${result.sizeChange.baseline} → ${result.sizeChange.actual}, ` : "";
	const said = `${file}: ${size}${result.differentPixels} pixels differ (${share}%)`;
	if (result.matches) return { failed: false, said };
	const diff = actual.replace(/\.png$/, ".diff.png");
	writeFileSync(actual, png);
	writeFileSync(diff, result.diffPng());
	return { failed: true, said: `${said}; see ${actual} and ${diff}` };
}

/**
 * A 400×300 white picture with a 120×40 blue "button" at (x, y) whose "label" is three white bars;
 * `tint` shifts every channel of the white by that much (a rendering a shade off).
 */
function pictureWithButton(x: number, y: number, options: { height?: number; tint?: number } = {}): Buffer {
	const png = new PNG({ width: 400, height: options.height ?? 300 });
	const white = 255 - (options.tint ?? 0);
	for (let py = 0; py < png.height; py++) {
		for (let px = 0; px < png.width; px++) {
			const inButton = px >= x && px < x + 120 && py >= y && py < y + 40;
			const inLabel = inButton && py >= y + 16 && py < y + 24 && (px - x - 20) % 30 < 20 && px < x + 100;
			const [r, g, b] = inButton && !inLabel ? [11, 83, 148] : [white, white, white];
			const i = (py * png.width + px) * 4;
			png.data.set([r, g, b, 255], i);
		}
	}
	return PNG.sync.write(png);
}

describe("comparing a screenshot with its baseline", () => {
	it("passes the same picture, and one a shade lighter", () => {
		const baseline = pictureWithButton(100, 100);
		assert.equal(comparePng(baseline, pictureWithButton(100, 100)).differentPixels, 0);
		const shade = comparePng(baseline, pictureWithButton(100, 100, { tint: 3 }));
		assert.ok(shade.matches, `${shade.differentPixels} pixels differ`);
	});

	it("fails a button moved by 2 px, and names the share of pixels", () => {
		const moved = comparePng(pictureWithButton(100, 100), pictureWithButton(100, 102));
		assert.equal(moved.matches, false);
		assert.ok(moved.differentPixels > 0 && moved.differentPixels < moved.totalPixels / 10);
	});

	it("fails a page that grew, even with its old part unchanged", () => {
		const grown = comparePng(pictureWithButton(100, 100), pictureWithButton(100, 100, { height: 310 }));
		assert.equal(grown.matches, false);
		assert.deepEqual(grown.sizeChange, { baseline: "400×300", actual: "400×310" });
		const diff = PNG.sync.read(grown.diffPng());
		assert.deepEqual([diff.width, diff.height], [400, 310]);
	});
});

describe("screenshots", () => {
	before(async () => {
		mkdirSync(BASELINES, { recursive: true });
		rmSync(ACTUAL, { recursive: true, force: true });
		mkdirSync(ACTUAL, { recursive: true });
		world = await makeWorld();
	});

	after(async () => {
		await world?.close();
	});

	for (const shot of SHOTS) {
		it(`${shot.name} looks as its baselines at ${SIZES.map((s) => `${s.width}×${s.height}`).join(" and ")}`, async (t) => {
			const w = must(world, "the world");
			const problems: string[] = [];
			for (const size of SIZES) {
				const file = `${shot.name}-${size.width}x${size.height}.png`;
				const page = await openShot(w, shot, size);
				const { failed, said } = check(file, await capture(page));
				t.diagnostic(said);
				if (failed) problems.push(said);
				shotsTaken.add(file);
			}
			assert.deepEqual(problems, [], problems.join("\n"));
		});
	}

	it("catches a button moved by 2 px and passes the same page taken twice", async (t) => {
		const w = must(world, "the world");
		const home = SHOTS.find((s) => s.name === "portal-home");
		const page = await openShot(w, must(home, "the home page's shot"), SIZES[1]);
		const first = await capture(page);
		const again = comparePng(first, await capture(page));
		t.diagnostic(`taken twice: ${again.differentPixels} pixels differ`);
		assert.ok(again.matches, `the same page differs from itself by ${again.differentPixels} pixels`);
		const button = page.getByRole("main").getByRole("link", { name: "Book a pickup" });
		for (const px of [1, 2]) {
			await button.evaluate((el, by) => {
				(el as HTMLElement).style.transform = `translateY(${by}px)`;
			}, px);
			const moved = comparePng(first, await capture(page));
			t.diagnostic(
				`button moved by ${px} px: ${moved.differentPixels} pixels differ, limit ${Math.floor(TOLERANCE.maxDiffRatio * moved.totalPixels)}`,
			);
			if (px === 2)
				assert.ok(!moved.matches, `a moved button went unnoticed: ${moved.differentPixels} pixels differ`);
		}
	});

	it("keeps a baseline for every shot and no other", (t) => {
		if (shotsTaken.size < SHOTS.length * SIZES.length) {
			t.skip("only some shots were taken");
			return;
		}
		const others = readdirSync(BASELINES).filter((f) => f.endsWith(".png") && !shotsTaken.has(f));
		if (UPDATE) for (const file of others) rmSync(`${BASELINES}/${file}`);
		else assert.deepEqual(others, [], `baselines of no shot: ${others.join(", ")}`);
	});
});
