import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import type { OutputBundle, OutputChunk } from "rolldown";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { staticAssetHeadersFile } from "../workers/security-policy.ts";
import { pwaOptions } from "./pwa-config.ts";
import { FIRST_READS } from "./src/firstReads.ts";

/**
 * The `Link` rules of `_headers`: each customer page's response preloads its route's code and
 * styles and its first reads (src/firstReads.ts), so they are fetched with the page's own
 * scripts instead of after them. What index.html already loads is left out.
 */
function firstReadRules(bundle: OutputBundle): string[] {
	const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === "chunk");
	const byFile = new Map(chunks.map((c) => [c.fileName, c]));
	/** A chunk's file, its static imports' and the styles they bring, in load order. */
	const closure = (chunk: OutputChunk, into = new Set<string>()): Set<string> => {
		if (into.has(chunk.fileName)) return into;
		into.add(chunk.fileName);
		for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
		for (const file of chunk.imports) {
			const imported = byFile.get(file);
			if (imported) closure(imported, into);
		}
		return into;
	};
	const inIndexHtml = new Set<string>();
	for (const chunk of chunks) if (chunk.isEntry) closure(chunk, inIndexHtml);
	return FIRST_READS.flatMap(({ page, modules, reads }) => {
		const files = new Set<string>();
		for (const module of modules) {
			const id = fileURLToPath(new URL(module, import.meta.url));
			const chunk =
				chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
			if (!chunk) throw new Error(`${module} (firstReads.ts) is no chunk of the build`);
			closure(chunk, files);
		}
		const links = [
			...[...files]
				.filter((file) => !inIndexHtml.has(file))
				.map((file) =>
					file.endsWith(".css") ? `</${file}>; rel=preload; as=style` : `</${file}>; rel=modulepreload`,
				),
			...reads.map((read) => `<${read}>; rel=preload; as=fetch; crossorigin`),
		];
		return [page, `  Link: ${links.join(", ")}`];
	});
}

/**
 * Writes `_headers`: static assets carry the same security headers as the Worker's answers, and
 * the customer pages preload what they need first.
 */
function headersFile(): Plugin {
	let buildsTheApp = false;
	return {
		name: "fleet-portal-headers",
		configResolved(config) {
			// The benchmark builds other roots with this config: they have no customer pages.
			buildsTheApp = config.root === fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");
		},
		generateBundle(_options, bundle) {
			const source = staticAssetHeadersFile(buildsTheApp ? firstReadRules(bundle) : []);
			this.emitFile({ type: "asset", fileName: "_headers", source });
		},
	};
}

export default defineConfig({
	root: fileURLToPath(new URL(".", import.meta.url)),
	plugins: [preact(), headersFile(), VitePWA(pwaOptions)],
	build: {
		outDir: "dist",
		emptyOutDir: true,
		// Read by scripts/bundle-size.ts to measure what each page loads first.
		manifest: true,
		target: "es2022",
		// No inline scripts: the CSP allows only 'self'.
		assetsInlineLimit: 0,
		rolldownOptions: {
			output: {
				codeSplitting: {
					// A small module shared by a few pages goes into each of them instead of a file of its
					// own: on a phone every file is one more request before the page can show.
					experimentalInlineCommonChunks: { maxSize: 4096 },
					// The live view (a customer's job, a tracking link, the board) is one chunk rather than
					// one per module: each file is a request before the page can show. Leaflet stays apart,
					// loaded when a map mounts.
					groups: [
						// Everything the entry loads, in one file (the bundler would split out what the
						// other apps' chunks share with it, each a request of its own).
						{ name: "app", tags: ["$initial"] },
						{
							name: "live",
							test: /web[\\/]src[\\/]shared[\\/](live[\\/](?!leafletMap)|reconnectingSocket|jobStatus)/,
							includeDependenciesRecursively: false,
						},
					],
				},
			},
		},
	},
});
