import { env, exports } from "cloudflare:workers";
import { demoSeedStatements } from "../../schema/demo/index.ts";

export const BASE = "https://portal.test";

/** A request through the Worker's own fetch handler, as a browser on the same origin would send it. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
	return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

/** Loads the demo tenants into this test file's D1 (a no-op when they are there). */
export async function loadDemoData(now = Date.now()): Promise<void> {
	const statements = demoSeedStatements(now).map((sql) => env.DB.prepare(sql));
	await env.DB.batch(statements);
}

export type Envelope = {
	error: { code: string; message: string; issues?: Array<{ field: string; message: string }> };
};
