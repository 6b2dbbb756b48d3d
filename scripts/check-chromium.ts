// Browser tests drive a Chromium. When none is on the machine, `npm test` gets one itself:
// Debian's package when it may use apt (root, or sudo without a password), otherwise Playwright's
// own download. It fails with a clear message only when neither works.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** How the browser tests launch it: headless, and quiet on the network besides the app's own requests. */
export const CHROMIUM_FLAGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--no-first-run",
	"--disable-sync",
];

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium the browser journeys launch: `CHROMIUM_PATH`, a system one, or Playwright's. */
export function findChromium(): string | undefined {
	if (process.env.CHROMIUM_PATH) {
		return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
	}
	const system = SYSTEM_PATHS.find((path) => existsSync(path));
	if (system) return system;
	const bundled = chromium.executablePath();
	return existsSync(bundled) ? bundled : undefined;
}

function run(command: string, args: string[]): boolean {
	return spawnSync(command, args, { stdio: "inherit" }).status === 0;
}

function canRun(command: string, args: string[]): boolean {
	return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

function installWithApt(): boolean {
	if (!canRun("apt-get", ["--version"])) return false;
	const asRoot = process.getuid?.() === 0;
	if (!asRoot && !canRun("sudo", ["-n", "true"])) return false;
	const prefix = asRoot ? [] : ["sudo", "-n"];
	const [command, ...rest] = [...prefix, "apt-get"];
	if (!command) return false;
	console.log("Chromium not found: installing Debian's chromium package with apt-get.");
	const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
	const apt = (args: string[]) =>
		spawnSync(command, [...rest, ...args], { stdio: "inherit", env }).status === 0;
	return apt(["update", "-qq"]) && apt(["install", "-y", "-qq", "chromium"]);
}

function installWithPlaywright(): boolean {
	console.log("Chromium not found: downloading Playwright's Chromium (npx playwright-core install).");
	return run(process.execPath, ["node_modules/playwright-core/cli.js", "install", "chromium"]);
}

if (import.meta.main && !findChromium()) {
	const installed = (installWithApt() || installWithPlaywright()) && findChromium();
	if (!installed) {
		console.error(
			"No Chromium for the browser tests, and neither apt-get (as root or with sudo) nor Playwright's download could install one. Install Chromium and set CHROMIUM_PATH to it.",
		);
		process.exit(1);
	}
	console.log(`Chromium ready at ${installed}.`);
}
