// The size budget `npm test` enforces: growth of the portal's first load is a decision, not an accident.
import { firstLoad, includesLeaflet, PORTAL_FIRST_LOAD } from "./bundle-size.ts";

/** Gzipped JS + CSS of the portal's first load, in bytes. Stated in the README; raise it deliberately. */
export const PORTAL_BUDGET_BYTES = 60 * 1024;

const load = firstLoad("web/dist", PORTAL_FIRST_LOAD);
const total = load.jsBytes + load.cssBytes;
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log(
	`portal first load: ${kb(load.jsBytes)} JS + ${kb(load.cssBytes)} CSS = ${kb(total)} gzipped (budget ${kb(PORTAL_BUDGET_BYTES)})`,
);
if (total > PORTAL_BUDGET_BYTES) {
	console.error(
		`portal first load is over budget by ${kb(total - PORTAL_BUDGET_BYTES)}: ${load.files.join(", ")}`,
	);
	process.exit(1);
}
if (includesLeaflet("web/dist", load.files)) {
	console.error("the map (Leaflet) is in the portal's first load; it must load only on the live view");
	process.exit(1);
}
