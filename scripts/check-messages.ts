// Fails when a catalog misses a key another has, a message does not parse or takes other
// arguments than the English one, the code uses a key no catalog holds or a catalog holds a key
// no code uses, or the compiled modules are older than the catalogs (run `npm run messages`).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { locales } from "../schema/locales.ts";
import {
	CATALOG_SETS,
	compileCatalogSet,
	compiledDir,
	messageArguments,
	readCatalog,
	SOURCE_LOCALE,
	sourceFiles,
} from "./messages.ts";

const problems: string[] = [];
// Keys are dotted words; a call names its key as a literal so this check can find it.
const KEY_USE = /\bt\(\s*"([a-z][\w-]*(?:\.[\w-]+)+)"/g;
const LITERAL = /"([a-z][\w-]*(?:\.[\w-]+)+)"/g;

for (const set of CATALOG_SETS) {
	const source = readCatalog(set, SOURCE_LOCALE);
	const sourceArgs = messageArguments(source, `${set.dir}/${SOURCE_LOCALE}.json`);
	for (const locale of locales) {
		if (locale === SOURCE_LOCALE) continue;
		const catalog = readCatalog(set, locale);
		const where = `${set.dir}/${locale}.json`;
		for (const key of Object.keys(source)) if (!(key in catalog)) problems.push(`${where}: missing "${key}"`);
		for (const key of Object.keys(catalog))
			if (!(key in source)) problems.push(`${where}: "${key}" is not in ${SOURCE_LOCALE}.json`);
		for (const [key, args] of messageArguments(catalog, where)) {
			const expected = sourceArgs.get(key);
			if (!expected) continue;
			const names = (m: Map<string, unknown>) => [...m.keys()].sort().join(", ");
			if (names(args) !== names(expected))
				problems.push(
					`${where}: "${key}" takes {${names(args)}}, ${SOURCE_LOCALE} takes {${names(expected)}}`,
				);
		}
	}

	const code = set.sourceRoots
		.flatMap(sourceFiles)
		.map((file) => ({ file, text: readFileSync(file, "utf8") }));
	const literals = new Set(code.flatMap(({ text }) => [...text.matchAll(LITERAL)].map((m) => m[1])));
	for (const key of Object.keys(source))
		if (!literals.has(key))
			problems.push(`${set.dir}: "${key}" is not used by any code under ${set.sourceRoots}`);
	for (const { file, text } of code)
		for (const [, key] of text.matchAll(KEY_USE))
			if (key && !(key in source)) problems.push(`${file}: "${key}" is in no catalog of ${set.dir}`);

	for (const [name, contents] of compileCatalogSet(set)) {
		const path = join(compiledDir(set), name);
		if (!existsSync(path) || readFileSync(path, "utf8") !== contents)
			problems.push(`${path} is out of date: run \`npm run messages\``);
	}
}

if (problems.length) {
	console.error(
		`message catalogs: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}`,
	);
	process.exit(1);
}
console.log(
	`message catalogs: ${CATALOG_SETS.map((s) => s.name).join(", ")} complete in ${locales.join(", ")}`,
);
