// Runs a load generator as its own process pinned to the other core (workerd has core 0),
// handing it a JSON spec and reading one JSON result from its last line of output.
import { spawn } from "node:child_process";
import type { z } from "zod";

/** The core the load generators run on; `run.ts` pins wrangler and workerd to core 0. */
export const LOAD_CPU = "1";

export function runPinned<T extends z.ZodType>(
	script: string,
	spec: unknown,
	result: T,
): Promise<z.infer<T>> {
	return new Promise((done, fail) => {
		const child = spawn("taskset", ["-c", LOAD_CPU, process.execPath, script, JSON.stringify(spec)], {
			stdio: ["ignore", "pipe", "inherit"],
		});
		let out = "";
		child.stdout.on("data", (d: Buffer) => {
			out += d.toString();
		});
		child.once("error", fail);
		child.once("close", (code) => {
			if (code !== 0) return fail(new Error(`${script} exited with ${code}:\n${out}`));
			const last = out.trim().split("\n").pop() ?? "";
			try {
				done(result.parse(JSON.parse(last)));
			} catch (err) {
				fail(new Error(`${script} printed no valid result (${String(err)}):\n${out}`));
			}
		});
	});
}

/** The spec a child was started with (its first argument), checked against its schema. */
export function specOf<T extends z.ZodType>(schema: T): z.infer<T> {
	const raw = process.argv[2];
	if (!raw) throw new Error("expected a JSON spec as the first argument");
	return schema.parse(JSON.parse(raw));
}

/**
 * Starts a load generator that answers in two steps: it prints `ready` once set up, then works
 * until `finish()` writes `done` on its input, and prints its JSON result as its last line.
 */
export function startPinned<T extends z.ZodType>(
	script: string,
	spec: unknown,
	result: T,
): { ready: Promise<void>; finish: () => Promise<z.infer<T>> } {
	const child = spawn("taskset", ["-c", LOAD_CPU, process.execPath, script, JSON.stringify(spec)], {
		stdio: ["pipe", "pipe", "inherit"],
	});
	let out = "";
	let markReady: () => void = () => {};
	const ready = new Promise<void>((done, fail) => {
		markReady = done;
		child.once("error", fail);
		child.once("close", (code) =>
			fail(new Error(`${script} exited with ${code} before it was ready:\n${out}`)),
		);
	});
	const closed = new Promise<number | null>((done) => child.once("close", done));
	child.stdout.on("data", (d: Buffer) => {
		out += d.toString();
		if (/^ready$/m.test(out)) markReady();
	});
	return {
		ready,
		async finish() {
			child.stdin.end("done\n");
			const code = await closed;
			if (code !== 0) throw new Error(`${script} exited with ${code}:\n${out}`);
			const last = out.trim().split("\n").pop() ?? "";
			try {
				return result.parse(JSON.parse(last));
			} catch (err) {
				throw new Error(`${script} printed no valid result (${String(err)}):\n${out}`);
			}
		},
	};
}
