// Browser tests drive Debian's Chromium; say how to get it instead of failing obscurely.
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (import.meta.main && !existsSync(CHROMIUM_PATH)) {
	console.error(
		`Chromium not found at ${CHROMIUM_PATH}: install it with "sudo apt-get update && sudo apt-get install -y chromium".`,
	);
	process.exit(1);
}
