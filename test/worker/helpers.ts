import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { demoSeedStatements } from "../../schema/demo/index.ts";
import worker from "../../workers/index";

export const BASE = "https://portal.test";

/** A request through the Worker's own fetch handler, as a browser on the same origin would send it. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
	return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

/**
 * Like `call`, but through the Worker's handler with an execution context of the test's own,
 * resolved only once the work the request left running after its answer (`waitUntil`: emails,
 * audit rows) has finished. For asserting what that work did, and what it did not do.
 */
export async function callToCompletion(path: string, init: RequestInit = {}): Promise<Response> {
	const ctx = createExecutionContext();
	const res = await worker.fetch(new Request(`${BASE}${path}`, init), env, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

/** Loads the demo tenants into this test file's D1 (a no-op when they are there). */
export async function loadDemoData(now = Date.now()): Promise<void> {
	const statements = (await demoSeedStatements(now)).map((sql) => env.DB.prepare(sql));
	await env.DB.batch(statements);
}

export type Envelope = {
	error: { code: string; message: string; issues?: Array<{ field: string; message: string }> };
};
