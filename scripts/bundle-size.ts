// What a page loads first, from Vite's manifest: the entry, the route's lazy chunk, and
// everything they import statically, JS and CSS, gzipped as a server would send them; and the
// font files index.html preloads, sent as they are (woff2 is compressed already).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type ManifestChunk = { file: string; css?: string[]; imports?: string[]; isEntry?: boolean; src?: string };
type Manifest = Record<string, ManifestChunk>;

export type FirstLoad = { jsBytes: number; cssBytes: number; fontBytes: number; files: string[] };

/** The font files index.html preloads (`<link rel="preload" as="font">`), as paths in `distDir`. */
function preloadedFonts(distDir: string): string[] {
	const html = readFileSync(join(distDir, "index.html"), "utf8");
	return [...html.matchAll(/<link\b[^>]*>/g)]
		.map(([tag]) => tag)
		.filter((tag) => /\brel="preload"/.test(tag) && /\bas="font"/.test(tag))
		.map((tag) => tag.match(/\bhref="\/?([^"]+)"/)?.[1])
		.filter((href): href is string => href !== undefined);
}

/**
 * Bytes of the files loaded before a page is usable: `keys` are manifest keys (entry, route
 * chunk); JS and CSS gzipped, the preloaded fonts as they are.
 */
export function firstLoad(distDir: string, keys: string[]): FirstLoad {
	const manifest = JSON.parse(readFileSync(join(distDir, ".vite", "manifest.json"), "utf8")) as Manifest;
	const files = new Set<string>();
	const visit = (key: string) => {
		const chunk = manifest[key];
		if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
		if (files.has(chunk.file)) return;
		files.add(chunk.file);
		for (const css of chunk.css ?? []) files.add(css);
		for (const imported of chunk.imports ?? []) visit(imported);
	};
	for (const key of keys) visit(key);
	let jsBytes = 0;
	let cssBytes = 0;
	for (const file of files) {
		const gz = gzipSync(readFileSync(join(distDir, file))).byteLength;
		if (file.endsWith(".css")) cssBytes += gz;
		else jsBytes += gz;
	}
	const fonts = preloadedFonts(distDir);
	const fontBytes = fonts.reduce((sum, file) => sum + readFileSync(join(distDir, file)).byteLength, 0);
	return { jsBytes, cssBytes, fontBytes, files: [...files, ...fonts] };
}

/** Whether any of the files carries Leaflet (its map container class is in every build of it). */
export function includesLeaflet(distDir: string, files: string[]): boolean {
	return files.some(
		(f) => f.endsWith(".js") && readFileSync(join(distDir, f), "utf8").includes("leaflet-container"),
	);
}

/**
 * The web build's scripts that carry classic zod: its schemas have methods (`superRefine` among
 * them) that `zod/mini` leaves out, and with them all of zod, about 88 kB gzipped. The web app
 * parses with `zod/mini` (workers/contracts/live-messages.ts); a value imported from a contract
 * written in classic zod, however small, brings the whole of it along.
 */
export function scriptsWithClassicZod(distDir: string): string[] {
	const assets = join(distDir, "assets");
	return readdirSync(assets).filter(
		(f) => f.endsWith(".js") && readFileSync(join(assets, f), "utf8").includes("superRefine"),
	);
}

/** The portal's first load at /c/:slug: the app entry, which holds the portal's home. */
export const PORTAL_FIRST_LOAD = ["index.html"];
