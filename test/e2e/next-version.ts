// A second origin in front of the journeys' dev server that can "deploy" the next version of the
// front end, for the service-worker update journey: the dev server serves one build, and an
// update needs the same origin to answer with another.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { freePort } from "./server.ts";

/** The marker a deployed version's HTML shell carries, so a page can tell which version it runs. */
const versionMeta = (version: string) => `<meta name="fleet-portal-version" content="${version}" />`;

/** The precache entry of the HTML shell in the built sw.js: `{url:"index.html",revision:"<md5>"}`. */
const SHELL_ENTRY = /\{url:"index\.html",revision:"[^"]+"\}/;

// Hop-by-hop and re-encoded headers are not passed on: fetch has already decoded the body.
const DROPPED = new Set([
	"connection",
	"content-encoding",
	"content-length",
	"transfer-encoding",
	"keep-alive",
]);

export type VersionedOrigin = {
	url: string;
	/**
	 * From now on answers as a build named `version` would: the HTML shell carrying
	 * `<meta name="fleet-portal-version" content="{version}">`, and sw.js with the shell's new
	 * revision in its precache list — the change every deploy of a changed shell makes to the
	 * generated worker. Everything else passes through unchanged.
	 */
	deploy: (version: string) => void;
	stop: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Serves `upstream` (the dev server) on a port of its own until `stop()`. */
export async function startVersionedOrigin(upstream: string): Promise<VersionedOrigin> {
	let deployed: string | null = null;
	const target = new URL(upstream);
	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? "/", upstream);
		const headers = new Headers();
		for (const [name, value] of Object.entries(req.headers)) {
			// Once deployed, a revalidation must get the whole new answer, never a 304 for the old one.
			const conditional = name === "if-none-match" || name === "if-modified-since";
			if (typeof value !== "string" || name === "host" || name === "accept-encoding") continue;
			if (!(deployed !== null && conditional)) headers.set(name, value);
		}
		headers.set("host", target.host);
		const method = req.method ?? "GET";
		const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
		const answer = await fetch(url, { method, headers, body, redirect: "manual" });
		let payload = Buffer.from(await answer.arrayBuffer());
		const type = answer.headers.get("content-type") ?? "";
		if (deployed !== null && url.pathname === "/sw.js") {
			const script = payload.toString("utf8");
			if (!SHELL_ENTRY.test(script))
				throw new Error(`sw.js (${answer.status}) has no precache entry for index.html`);
			payload = Buffer.from(script.replace(SHELL_ENTRY, `{url:"index.html",revision:"${deployed}"}`));
		} else if (deployed !== null && type.startsWith("text/html")) {
			payload = Buffer.from(payload.toString("utf8").replace("</head>", `${versionMeta(deployed)}</head>`));
		}
		const out: Record<string, string[]> = {};
		answer.headers.forEach((value, name) => {
			if (!DROPPED.has(name)) out[name] = [...(out[name] ?? []), value];
		});
		res.writeHead(answer.status, out);
		res.end(payload);
	};
	const server = createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			console.error("versioned origin", req.url, err);
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		deploy: (version) => {
			deployed = version;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
