// (e) The portal's gzipped first-load JS against an empty Preact + preact-iso app built with
// the same Vite config, and whether the map (Leaflet) stays out of the portal's first load.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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

export async function measureBundle(ctx: BenchContext): Promise<{ rows: Row[]; detail: unknown }> {
	const portalDir = build("web");
	const emptyDir = build("test/bench/empty-app");
	try {
		const portal = firstLoad(portalDir, PORTAL_FIRST_LOAD);
		const empty = firstLoad(emptyDir, ["index.html"]);
		const leaflet = includesLeaflet(portalDir, portal.files);
		ctx.log(`  portal first load: ${portal.files.join(", ")}`);
		const rows = [
			row("empty Preact + preact-iso first-load JS", kb(empty.jsBytes), "kB gz", null, null),
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
