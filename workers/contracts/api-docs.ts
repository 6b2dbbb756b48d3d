import { escapeHtml } from "../email/templates/layout";

type Doc = {
	info: { title: string; version: string; description?: string };
	paths?: Record<string, Record<string, Operation>>;
	webhooks?: Record<string, Record<string, Operation>>;
	components?: { securitySchemes?: Record<string, { description?: string }> };
};
type Operation = {
	summary?: string;
	description?: string;
	operationId?: string;
	tags?: string[];
	security?: Array<Record<string, string[]>>;
	parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
	responses?: Record<string, { description?: string }>;
};

const METHODS = ["get", "post", "put", "patch", "delete"];

function renderOperation(method: string, path: string, op: Operation): string {
	const scopes = (op.security ?? []).flatMap((s) => Object.values(s).flat());
	const params = (op.parameters ?? [])
		.map(
			(p) =>
				`<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ", required" : ""})${p.description ? ` — ${escapeHtml(p.description)}` : ""}</li>`,
		)
		.join("");
	const responses = Object.entries(op.responses ?? {})
		.map(([code, r]) => `<li><code>${escapeHtml(code)}</code> ${escapeHtml(r.description ?? "")}</li>`)
		.join("");
	const id = op.operationId ?? `${method}-${path}`;
	return `<section id="${escapeHtml(id)}">
<h3><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? "")}</p>
${op.description ? `<p class="muted">${escapeHtml(op.description)}</p>` : ""}
${scopes.length ? `<p>Scope: ${scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(", ")}</p>` : ""}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}
${responses ? `<h4>Responses</h4><ul>${responses}</ul>` : ""}
</section>`;
}

/**
 * The API reference as one self-contained page (no scripts, no CDN), rendered from the OpenAPI
 * document: the API-key operations first, then the webhooks, then everything else by tag.
 */
export function renderApiDocs(doc: Doc): string {
	const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
		METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as Operation })),
	);
	const byTag = new Map<string, typeof ops>();
	for (const o of ops) {
		const tag = o.op.tags?.[0] ?? "Other";
		byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
	}
	const tags = [...byTag.keys()].sort((a, b) => (a === "API" ? -1 : b === "API" ? 1 : a.localeCompare(b)));
	const webhooks = Object.entries(doc.webhooks ?? {})
		.map(([name, item]) => renderOperation("post", name, item.post ?? {}))
		.join("\n");
	const schemes = Object.entries(doc.components?.securitySchemes ?? {})
		.map(([name, s]) => `<p><strong>${escapeHtml(name)}</strong>: ${escapeHtml(s.description ?? "")}</p>`)
		.join("");
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 64rem; padding: 1rem; color: #1f2933; line-height: 1.5; }
section { border-top: 1px solid #e4e7eb; padding: 0.5rem 0; }
h3 { font-size: 1.05rem; margin: 0.5rem 0; } h4 { font-size: 0.95rem; margin: 0.5rem 0 0; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; color: #1d4ed8; }
.muted { color: #52606d; } code { background: #f4f5f7; padding: 0 0.25rem; border-radius: 4px; }
nav ul { columns: 2; }
</style></head>
<body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? "")}</p>
<p>The machine-readable document is at <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Authentication</h2>${schemes}
<nav><h2>Contents</h2><ul>${tags.map((t) => `<li><a href="#tag-${escapeHtml(t)}">${escapeHtml(t)}</a></li>`).join("")}<li><a href="#webhooks">Webhooks</a></li></ul></nav>
${tags.map((t) => `<h2 id="tag-${escapeHtml(t)}">${escapeHtml(t)}</h2>\n${(byTag.get(t) ?? []).map((o) => renderOperation(o.method, o.path, o.op)).join("\n")}`).join("\n")}
<h2 id="webhooks">Webhooks</h2>
<p>Each event is POSTed to your endpoint signed per Standard Webhooks: headers <code>webhook-id</code> (the same on every retry), <code>webhook-timestamp</code> and <code>webhook-signature</code> (<code>v1,…</code>; two, space-separated, while a rotated secret overlaps). Verify with your endpoint's <code>whsec_…</code> secret, e.g. the <code>standardwebhooks</code> package. Answer 2xx within 10 seconds; anything else is retried for 27 hours.</p>
${webhooks}
</body></html>`;
}
