/**
 * Builds the app's OpenAPI document without a server: bundles the worker for Node (the
 * `cloudflare:` modules replaced by empty stand-ins, which the document never reaches) and asks
 * the app for the document `/api/openapi.json` serves.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ENTRY = `
import { app } from "./workers/index.ts";
import { openApiDocument } from "./workers/routes/openapi-document.ts";
export const document = openApiDocument(app);
`;

const CLOUDFLARE_STANDIN = `
export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }
export class WorkerEntrypoint extends DurableObject {}
export class WorkflowEntrypoint extends DurableObject {}
export class RpcTarget {}
export const env = {};
export default {};
`;

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
	const dir = mkdtempSync(join(tmpdir(), "fleet-openapi-"));
	try {
		const outfile = join(dir, "document.mjs");
		await build({
			stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: "ts", sourcefile: "openapi-entry.ts" },
			bundle: true,
			format: "esm",
			platform: "node",
			outfile,
			logLevel: "error",
			plugins: [
				{
					name: "cloudflare-standins",
					setup(b) {
						b.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: "cf" }));
						b.onLoad({ filter: /.*/, namespace: "cf" }, () => ({
							contents: CLOUDFLARE_STANDIN,
							loader: "js",
						}));
					},
				},
			],
		});
		const mod = (await import(pathToFileURL(outfile).href)) as { document: Record<string, unknown> };
		return mod.document;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
