// The size budgets `npm test` enforces: growth of the portal's first load is a decision, not an accident.
import { firstLoad, includesLeaflet, PORTAL_FIRST_LOAD, scriptsWithClassicZod } from "./bundle-size.ts";

/** Gzipped JS + CSS of the portal's first load, in bytes. Stated in the README; raise it deliberately. */
export const PORTAL_BUDGET_BYTES = 60 * 1024;
/** The whole first-load transfer: JS + CSS gzipped and the preloaded font. Stated in the README too. */
export const PORTAL_TRANSFER_BUDGET_BYTES = 100 * 1024;

const load = firstLoad("web/dist", PORTAL_FIRST_LOAD);
const code = load.jsBytes + load.cssBytes;
const transfer = code + load.fontBytes;
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log(
	`portal first load: ${kb(load.jsBytes)} JS + ${kb(load.cssBytes)} CSS = ${kb(code)} gzipped (budget ${kb(PORTAL_BUDGET_BYTES)}); with ${kb(load.fontBytes)} of font ${kb(transfer)} (budget ${kb(PORTAL_TRANSFER_BUDGET_BYTES)})`,
);
if (code > PORTAL_BUDGET_BYTES) {
	console.error(
		`portal first load is over budget by ${kb(code - PORTAL_BUDGET_BYTES)}: ${load.files.join(", ")}`,
	);
	process.exit(1);
}
if (transfer > PORTAL_TRANSFER_BUDGET_BYTES) {
	console.error(
		`portal first-load transfer is over budget by ${kb(transfer - PORTAL_TRANSFER_BUDGET_BYTES)}: ${load.files.join(", ")}`,
	);
	process.exit(1);
}
if (load.fontBytes === 0) {
	console.error("index.html preloads no font: the first load would wait for the CSS to find it");
	process.exit(1);
}
if (includesLeaflet("web/dist", load.files)) {
	console.error("the map (Leaflet) is in the portal's first load; it must load only on the live view");
	process.exit(1);
}
const classic = scriptsWithClassicZod("web/dist");
if (classic.length > 0) {
	console.error(
		`classic zod is in the web app (${classic.join(", ")}): import plain values from schema/*-values.ts and parse with zod/mini`,
	);
	process.exit(1);
}
