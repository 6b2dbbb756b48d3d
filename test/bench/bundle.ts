// (e) The portal's gzipped first-load JS against an empty Preact + preact-iso app built with
// the same Vite config and the icons included (every Lucide icon the portal's and the shared
// code import, drawn once), and whether the map (Leaflet) stays out of the portal's first load.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { firstLoad, includesLeaflet, PORTAL_FIRST_LOAD } from "../../scripts/bundle-size.ts";
import type { BenchContext } from "./context.ts";
import { type Row, row } from "./report.ts";
import { round } from "./stats.ts";

/** Builds `root` with web/vite.config.ts into a fresh temporary directory. */
function build(root: string): string {
	const outDir = mkdtempSync(join(tmpdir(), "fleet-portal-bench-build-"));
	execFileSync(
		resolve("node_modules/.bin/vite"),
		[
			"build",
			root,
			"--config",
			"web/vite.config.ts",
			"--outDir",
			outDir,
			"--emptyOutDir",
			"--logLevel",
			"warn",
		],
		{ stdio: ["ignore", "ignore", "inherit"] },
	);
	return outDir;
}

const kb = (bytes: number) => round(bytes / 1024, 1);

/** Names imported from "lucide" (values, not types) by the files under `dirs`. */
function lucideIcons(dirs: string[]): string[] {
	const names = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(entry)) {
				for (const m of readFileSync(path, "utf8").matchAll(/import \{([^}]+)\} from "lucide"/g)) {
					for (const name of (m[1] ?? "").split(",").map((n) => n.trim())) {
						if (name && !name.startsWith("type ")) names.add(name);
					}
				}
			}
		}
	};
	for (const dir of dirs) walk(dir);
	return [...names].sort();
}

/**
 * The empty app with the portal's icons: a copy inside test/bench (so it resolves the project's
 * packages) whose entry also draws each icon the portal can show.
 */
function emptyAppWithIcons(): string {
	const dir = mkdtempSync(join(resolve("test/bench"), ".empty-app-"));
	cpSync("test/bench/empty-app", dir, { recursive: true });
	const icons = lucideIcons(["web/src/portal", "web/src/shared"]);
	writeFileSync(
		join(dir, "main.ts"),
		`${readFileSync(join(dir, "main.ts"), "utf8")}
import { ${icons.join(", ")} } from "lucide";
const icons = [${icons.join(", ")}];
const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
for (const [tag, attrs] of icons.flat()) {
	const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
	for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
	svg.append(el);
}
document.body.append(svg);
`,
	);
	return dir;
}

export async function measureBundle(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const portalDir = build("web");
	const emptyRoot = emptyAppWithIcons();
	const emptyDir = build(emptyRoot);
	rmSync(emptyRoot, { recursive: true, force: true });
	try {
		const portal = firstLoad(portalDir, PORTAL_FIRST_LOAD);
		const empty = firstLoad(emptyDir, ["index.html"]);
		const leaflet = includesLeaflet(portalDir, portal.files);
		ctx.log(`  portal first load: ${portal.files.join(", ")}`);
		const rows = [
			row(
				"empty Preact + preact-iso app with the portal's icons, first-load JS",
				kb(empty.jsBytes),
				"kB gz",
				null,
				null,
			),
			row("portal first-load JS", kb(portal.jsBytes), "kB gz", round(portal.jsBytes / empty.jsBytes), {
				op: "<=",
				target: 5,
			}),
			row("map (Leaflet) in portal first load", leaflet ? 1 : 0, leaflet ? "yes" : "no", null, {
				op: "==",
				target: 0,
			}),
		];
		return { rows, detail: { portal, empty, leafletInFirstLoad: leaflet } };
	} finally {
		rmSync(portalDir, { recursive: true, force: true });
		rmSync(emptyDir, { recursive: true, force: true });
	}
}
