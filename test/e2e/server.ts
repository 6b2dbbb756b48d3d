// Starts `wrangler dev` on a free port with fresh local state (migrated and seeded),
// for the browser journeys and the benchmark.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

const BIN = resolve("node_modules/.bin");
// The project's Node 22 and wrangler first, also when run outside an npm script.
process.env.PATH = `${BIN}${delimiter}${process.env.PATH ?? ""}`;

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once("error", fail);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			const port = typeof address === "object" && address ? address.port : 0;
			server.close(() => done(port));
		});
	});
}

export type DevServer = {
	baseUrl: string;
	stop: () => Promise<void>;
	/** How often wrangler rebuilt and restarted the Worker because a source file changed. */
	reloads: () => number;
	/** The Chrome DevTools port of the Worker (`wrangler dev --inspector-port`), for CPU profiles. */
	inspectorPort: number;
	/** The local state directory (D1, Durable Objects, R2), removed by `stop()`. */
	persistTo: string;
	/** The process id of `wrangler dev`; workerd runs as its descendant. */
	pid: number;
	/** What wrangler and the Worker printed so far (logs, errors). */
	output: () => string;
};

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
		try {
			const res = await fetch(`${baseUrl}/api/health`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`wrangler dev did not answer ${baseUrl}/api/health within ${timeoutMs} ms`);
}

/**
 * A fresh `wrangler dev` (own port, own state directory); `stop()` ends it and removes the state.
 * `cpus` pins wrangler and workerd to those cores (`taskset -c`), as the benchmark does.
 * `seededAt` lays the demo data out around that instant (ISO) instead of now.
 */
export async function startDevServer(
	extraVars: Record<string, string> = {},
	options: { cpus?: string; seededAt?: string } = {},
): Promise<DevServer> {
	const persistTo = mkdtempSync(join(tmpdir(), "fleet-portal-e2e-"));
	const quiet = { stdio: ["ignore", "ignore", "inherit"] as ["ignore", "ignore", "inherit"] };
	execFileSync(process.execPath, ["scripts/migrate.ts", "--persist-to", persistTo], quiet);
	execFileSync(
		process.execPath,
		[
			"scripts/seed-demo.ts",
			"--persist-to",
			persistTo,
			...(options.seededAt ? ["--now", options.seededAt] : []),
		],
		quiet,
	);
	const [port, inspectorPort] = [await freePort(), await freePort()];
	const vars = Object.entries({ ENVIRONMENT: "development", ...extraVars }).flatMap(([k, v]) => [
		"--var",
		`${k}:${v}`,
	]);
	const wrangler = join(BIN, "wrangler");
	const child = spawn(
		options.cpus ? "taskset" : wrangler,
		[
			...(options.cpus ? ["-c", options.cpus, wrangler] : []),
			"dev",
			"--ip",
			"127.0.0.1",
			"--port",
			String(port),
			"--inspector-port",
			String(inspectorPort),
			`--persist-to=${persistTo}`,
			...vars,
		],
		{
			stdio: ["ignore", "pipe", "pipe"],
			detached: true,
			env: {
				...process.env,
				WRANGLER_SEND_METRICS: "false",
				// wrangler's local trace explorer keeps every request's trace in SQLite and memory:
				// off here, so the suites and the soak measure the product, not the dev tooling.
				X_LOCAL_OBSERVABILITY: "false",
			},
		},
	);
	let log = "";
	child.stdout?.on("data", (d: Buffer) => {
		log += d.toString();
	});
	child.stderr?.on("data", (d: Buffer) => {
		log += d.toString();
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	const stop = async () => {
		if (child.pid && child.exitCode === null) {
			try {
				process.kill(-child.pid, "SIGTERM");
			} catch {
				// already gone
			}
			// Its state directory is removed once it has let go of it; a wrangler that ignores
			// SIGTERM for 10 s is killed.
			const killer = setTimeout(() => {
				try {
					if (child.pid) process.kill(-child.pid, "SIGKILL");
				} catch {
					// gone meanwhile
				}
			}, 10_000);
			await exited;
			clearTimeout(killer);
		}
		rmSync(persistTo, { recursive: true, force: true });
	};
	try {
		await waitForHealth(baseUrl, child, 90_000);
	} catch (err) {
		console.error(log);
		await stop();
		throw err;
	}
	const reloads = () => log.split("Reloading local server").length - 1;
	return { baseUrl, stop, reloads, inspectorPort, persistTo, pid: child.pid ?? 0, output: () => log };
}
