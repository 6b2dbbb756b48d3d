// The browser journeys: one fresh `wrangler dev`, then node's test runner over test/e2e/*.test.ts
// (or only the files named on the command line: `node test/e2e/run.ts test/e2e/booking.test.ts`).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { startDevServer } from "./server.ts";

const server = await startDevServer();
let status = 1;
try {
	const named = process.argv.slice(2);
	const files =
		named.length > 0
			? named
			: readdirSync("test/e2e")
					.filter((f) => f.endsWith(".test.ts"))
					.map((f) => `test/e2e/${f}`);
	const result = spawnSync(
		process.execPath,
		["--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
		{
			stdio: "inherit",
			env: { ...process.env, E2E_BASE_URL: server.baseUrl },
		},
	);
	status = result.status ?? 1;
} finally {
	await server.stop();
}
process.exit(status);
