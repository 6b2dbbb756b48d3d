// `npm run messages`: compiles every catalog into the modules the app imports.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOG_SETS, compileCatalogSet, compiledDir } from "./messages.ts";

for (const set of CATALOG_SETS) {
	const dir = compiledDir(set);
	mkdirSync(dir, { recursive: true });
	for (const [name, contents] of compileCatalogSet(set)) writeFileSync(join(dir, name), contents);
	console.log(`compiled ${set.name} messages into ${dir}`);
}
